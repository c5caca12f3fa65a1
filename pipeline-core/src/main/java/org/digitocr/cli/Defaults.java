package org.digitocr.cli;

import java.nio.file.Path;

import org.digitocr.model.ModelBundle;

/** Where the launcher's installation lives ({@code -Ddigitocr.home}), so defaults work from any directory. */
final class Defaults {
    private Defaults() {
    }

    static Path home() {
        String home = System.getProperty("digitocr.home");
        return home == null ? Path.of("") : Path.of(home);
    }

    static Path bundledModel() {
        return home().resolve(ModelBundle.BUNDLED);
    }

    static Path formsModel() {
        return home().resolve(ModelBundle.FORMS);
    }
}
