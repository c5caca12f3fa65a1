package org.digitocr;

import java.nio.file.Path;

import org.digitocr.eval.OtherWriters;
import org.digitocr.mnist.Mnist;
import org.digitocr.mnist.MnistFetch;

/** The data sets the lab's tests measure on: MNIST and the other writers' digits. */
public final class LabData {
    private LabData() {
    }

    /** MNIST from MNIST_DIR, else fetched once into data/mnist; fails loudly (not skipped) when it cannot be had. */
    public static Mnist mnist() {
        Path root = TestData.projectRoot();
        return MnistFetch.fromEnvironment(root, root.resolve(Mnist.DEFAULT_DIR));
    }

    /**
     * Real digits of other writers ({@code OTHER_WRITERS_DIR}, relative paths from the project root; CI points it at
     * ../shared/data/optdigits-30-writers). Tests on it are skipped, with {@link OtherWriters#absence()} as the
     * message, where a machine does not have it.
     */
    public static OtherWriters otherWriters() {
        Path dir = OtherWriters.fromEnvironment().dir();
        return new OtherWriters(dir.isAbsolute() ? dir : TestData.projectRoot().resolve(dir));
    }
}
