package org.digitocr;

import java.nio.file.Files;
import java.nio.file.Path;

import org.digitocr.eval.OtherWriters;
import org.digitocr.mnist.Mnist;
import org.digitocr.model.ModelBundle;

/** Locations of the real data the tests run on: MNIST from MNIST_DIR and the bundled model. */
public final class TestData {
    private TestData() {
    }

    public static Path projectRoot() {
        String root = System.getProperty("digitocr.projectRoot");
        return root == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(root);
    }

    /** MNIST as CI provides it; fails loudly (not skipped) when it is missing. */
    public static Mnist mnist() {
        Mnist m = Mnist.fromEnvironment();
        Path dir = m.dir().isAbsolute() ? m.dir() : projectRoot().resolve(m.dir());
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("MNIST not found in " + dir + ": set MNIST_DIR (CI uses ../shared/data/mnist)");
        }
        return new Mnist(dir);
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
