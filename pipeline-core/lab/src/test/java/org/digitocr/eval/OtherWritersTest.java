package org.digitocr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled models on real digits of writers who are not MNIST's (the development set, measured only): they
 * must read them nearly as well as MNIST's, and say honestly how sure they are. Floors are what the models
 * reach (forms 97.99%, reference 97.50%) less a few digits; the bar of 98% for both is not met yet.
 */
class OtherWritersTest {
    /** The forms model's calibration error on the development set before the models learned other hands. */
    private static final double ECE_BEFORE = 0.0101;

    @Test
    void theBundledModelsReadOtherWriters() {
        OtherWriters others = LabData.otherWriters();
        assumeTrue(others.present(), "other writers' digits absent, test skipped: " + others.absence());
        LabelledDigits digits = others.load();
        assertEquals(2880, digits.size());
        try (DigitClassifier forms = DigitClassifier.load(TestData.formsModel())) {
            Evaluation e = Evaluator.evaluate(forms, digits, others.name());
            assertTrue(e.accuracy() >= 0.98, "forms model on other writers: " + e.accuracy());
            assertTrue(e.ece() < ECE_BEFORE, "calibration on other writers no worse than before: ECE " + e.ece());
        }
        try (DigitClassifier reference = DigitClassifier.load(TestData.bundledModel())) {
            Evaluation e = Evaluator.evaluate(reference, digits, others.name());
            assertTrue(e.accuracy() >= 0.98, "reference model on other writers: " + e.accuracy());
        }
    }

    @Test
    void aFolderWithoutAnIdxPairIsAbsentAndSaysWhy(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("README.md"), "nothing here");
        OtherWriters none = new OtherWriters(dir);
        assertFalse(none.present());
        assertTrue(none.absence().contains(dir.toString()) && none.absence().contains(OtherWriters.ENV), none.absence());
        assertFalse(OtherWriters.NONE.present());
        assertFalse(new OtherWriters(dir.resolve("missing")).present());
    }

    @Test
    void theCardsStateBothFigures() {
        for (ModelBundle m : new ModelBundle[] {TestData.formsModel(), TestData.bundledModel()}) {
            var metrics = m.readCard().metrics();
            assertTrue(metrics.containsKey("testAccuracy") && metrics.containsKey("otherWritersAccuracy")
                    && metrics.containsKey("otherWritersEce"), m.dir() + ": " + metrics.keySet());
        }
    }
}
