package org.digitocr.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product's three parts and their direction, checked on the compiled classes: the runtime (what reads a
 * form) depends on neither the lab (what trains and measures) nor the apps (command line, reports); the lab
 * does not depend on the apps; and no two packages depend on each other.
 */
class ArchitectureTest {
    /** What reads a form: image types, templates, decode, register, segment, normalise, classify, extract, validate. */
    static final String[] RUNTIME = {"org.digitocr.image..", "org.digitocr.form..", "org.digitocr.decode..",
            "org.digitocr.register..", "org.digitocr.segment..", "org.digitocr.normalize..", "org.digitocr.model..",
            "org.digitocr.extract..", "org.digitocr.validate..", "org.digitocr.provenance.."};
    /** What trains and measures. */
    static final String[] LAB = {"org.digitocr.mnist..", "org.digitocr.sample..", "org.digitocr.train..",
            "org.digitocr.backprop..", "org.digitocr.calibrate..", "org.digitocr.eval..", "org.digitocr.perf.."};
    /** The front ends. */
    static final String[] APPS = {"org.digitocr.cli..", "org.digitocr.report.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.digitocr");
    }

    @Test
    void runtimeLabAndAppsDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("runtime").definedBy(RUNTIME)
                .layer("lab").definedBy(LAB)
                .layer("apps").definedBy(APPS)
                .whereLayer("apps").mayNotBeAccessedByAnyLayer()
                .whereLayer("lab").mayOnlyBeAccessedByLayers("apps")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.digitocr.(*)..").should().beFreeOfCycles().check(classes);
    }
}
