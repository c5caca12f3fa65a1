package org.digitocr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.digitocr.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model folder is run only with the network files its card names. */
class ModelBundleTest {
    @TempDir
    Path tmp;

    @Test
    void theBundledModelsAreWhatTheirCardsSay() {
        assertEquals(2, TestData.formsModel().readNetworks().size());
        assertEquals(1, TestData.bundledModel().readNetworks().size());
    }

    @Test
    void aMemberDeletedIsRefused() throws IOException {
        ModelBundle copy = copy(TestData.formsModel());
        Files.delete(copy.dir().resolve("model-2.zip"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, copy::readNetworks);
        assertTrue(e.getMessage().contains("holds networks [model.zip] but its card names [model.zip, model-2.zip]"),
                e.getMessage());
    }

    @Test
    void aMemberReplacedByAnotherModelsNetworkIsRefused() throws IOException {
        ModelBundle copy = copy(TestData.formsModel());
        Files.copy(TestData.bundledModel().network(), copy.dir().resolve("model-2.zip"),
                StandardCopyOption.REPLACE_EXISTING);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, copy::readNetworks);
        assertTrue(e.getMessage().contains("model-2.zip: SHA-256 ") && e.getMessage().contains("not the network"),
                e.getMessage());
    }

    @Test
    void aNetworkDroppedInIsRefused() throws IOException {
        ModelBundle copy = copy(TestData.formsModel());
        Files.copy(TestData.bundledModel().network(), copy.dir().resolve("model-3.zip"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, copy::readNetworks);
        assertTrue(e.getMessage().contains("[model.zip, model-2.zip, model-3.zip]"), e.getMessage());
    }

    private ModelBundle copy(ModelBundle bundle) throws IOException {
        Path dir = tmp.resolve(bundle.dir().getFileName());
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(bundle.dir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return new ModelBundle(dir);
    }
}
