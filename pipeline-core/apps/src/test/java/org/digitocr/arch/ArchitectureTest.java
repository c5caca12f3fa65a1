package org.digitocr.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product's three parts and their direction. Maven holds the modules to it (digit-ocr-runtime depends on no
 * other module, digit-ocr-lab on runtime, digit-ocr-apps on both); this test checks on the compiled classes that
 * every package sits in the module its part names, that the packages depend only downwards, and that no two
 * packages depend on each other.
 */
class ArchitectureTest {
    /** What reads a form: image types, templates, decode, register, segment, normalise, the engines, classify, extract, validate. */
    static final String[] RUNTIME = {"org.digitocr.image..", "org.digitocr.form..", "org.digitocr.decode..",
            "org.digitocr.register..", "org.digitocr.segment..", "org.digitocr.normalize..", "org.digitocr.engine..",
            "org.digitocr.model..", "org.digitocr.extract..", "org.digitocr.validate..", "org.digitocr.provenance..",
            "org.digitocr.reject.."};
    /** What trains and measures. */
    static final String[] LAB = {"org.digitocr.mnist..", "org.digitocr.sample..", "org.digitocr.train..",
            "org.digitocr.backprop..", "org.digitocr.calibrate..", "org.digitocr.eval..", "org.digitocr.perf.."};
    /** The front ends. */
    static final String[] APPS = {"org.digitocr.cli..", "org.digitocr.report..", "org.digitocr.review.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // tests come as test-classes folders in the reactor, as -tests.jar files when a module is built alone
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
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
    void everyPackageSitsInItsPartsModule() {
        checkModule(RUNTIME, "runtime");
        checkModule(LAB, "lab");
        checkModule(APPS, "apps");
    }

    private static void checkModule(String[] packages, String module) {
        for (JavaClass c : classes.that(resideInAnyPackage(packages))) {
            String location = c.getSource().map(s -> s.getUri().toString()).orElse("");
            assertTrue(location.contains("/pipeline-core/" + module + "/") || location.contains("digit-ocr-" + module),
                    c.getName() + " belongs to " + module + " but was compiled from " + location);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.digitocr.(*)..").should().beFreeOfCycles().check(classes);
    }
}
