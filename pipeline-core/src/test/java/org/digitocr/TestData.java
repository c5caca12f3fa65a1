package org.digitocr;

import java.nio.file.Path;

import org.digitocr.eval.OtherWriters;
import org.digitocr.mnist.Mnist;
import org.digitocr.mnist.MnistFetch;
import org.digitocr.model.ModelBundle;

/** Locations of the real data the tests run on: MNIST from MNIST_DIR and the bundled model. */
public final class TestData {
    private TestData() {
    }

    public static Path projectRoot() {
        String root = System.getProperty("digitocr.projectRoot");
        return root == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(root);
    }

    /** MNIST from MNIST_DIR, else fetched once into data/mnist; fails loudly (not skipped) when it cannot be had. */
    public static Mnist mnist() {
        return MnistFetch.fromEnvironment(projectRoot(), projectRoot().resolve(Mnist.DEFAULT_DIR));
    }

    /**
     * Real digits of other writers ({@code OTHER_WRITERS_DIR}, relative paths from the project root; CI points it at
     * ../shared/data/optdigits-30-writers). Tests on it are skipped, with {@link OtherWriters#absence()} as the
     * message, where a machine does not have it.
     */
    public static OtherWriters otherWriters() {
        Path dir = OtherWriters.fromEnvironment().dir();
        return new OtherWriters(dir.isAbsolute() ? dir : projectRoot().resolve(dir));
    }

    public static ModelBundle bundledModel() {
        return new ModelBundle(projectRoot().resolve(ModelBundle.BUNDLED));
    }

    /** The forms pipeline's default model. */
    public static ModelBundle formsModel() {
        return new ModelBundle(projectRoot().resolve(ModelBundle.FORMS));
    }
}
