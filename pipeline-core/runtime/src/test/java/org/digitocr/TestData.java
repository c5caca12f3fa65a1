package org.digitocr;

import java.nio.file.Path;

import org.digitocr.model.ModelBundle;

/** Locations of the installation the tests run against: the project root and the bundled models. */
public final class TestData {
    private TestData() {
    }

    public static Path projectRoot() {
        String root = System.getProperty("digitocr.projectRoot");
        return root == null ? Path.of("../..").toAbsolutePath().normalize() : Path.of(root);
    }

    public static ModelBundle bundledModel() {
        return new ModelBundle(projectRoot().resolve(ModelBundle.BUNDLED));
    }

    /** The forms pipeline's default model. */
    public static ModelBundle formsModel() {
        return new ModelBundle(projectRoot().resolve(ModelBundle.FORMS));
    }
}
