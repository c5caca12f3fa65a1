package org.digitocr.cli;

import java.nio.file.Path;

import org.digitocr.mnist.Mnist;
import org.digitocr.mnist.MnistFetch;
import org.digitocr.model.ModelBundle;

/** Where the launcher's installation lives ({@code -Ddigitocr.home}), so defaults work from any directory. */
final class Defaults {
    private Defaults() {
    }

    static Path home() {
        String home = System.getProperty("digitocr.home");
        return home == null ? Path.of("") : Path.of(home);
    }

    /** MNIST from {@code MNIST_DIR}, else from the installation's data/mnist, fetched there once when empty. */
    static Mnist mnist() {
        return MnistFetch.fromEnvironment(Path.of(""), home().resolve(Mnist.DEFAULT_DIR));
    }

    static Path bundledModel() {
        return home().resolve(ModelBundle.BUNDLED);
    }

    static Path formsModel() {
        return home().resolve(ModelBundle.FORMS);
    }
}
