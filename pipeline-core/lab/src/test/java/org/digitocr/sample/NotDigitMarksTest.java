package org.digitocr.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.digitocr.LabData;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.train.AugmentationConfig;
import org.digitocr.train.TrainingConfig;
import org.digitocr.train.TrainingSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Marks that are not digits: reproducible, all taught as no digit, inked like MNIST, fonts kept apart for measuring. */
class NotDigitMarksTest {
    @Test
    void marksAreReproducibleNotDigitsAndFitMnistsBox() throws Exception {
        FontDigits fonts = FontDigitsTest.installedOrSkip();
        LabelledDigits digits = LabData.mnist().train().head(500);
        LabelledDigits a = NotDigitMarks.draw(NotDigitMarks.trainingFonts(fonts), digits, 200, 5);
        assertArrayEquals(a.images().pixels(), NotDigitMarks.draw(NotDigitMarks.trainingFonts(fonts), digits, 200, 5)
                .images().pixels(), "same seed, same marks");
        assertTrue(Arrays.stream(a.labels()).allMatch(l -> l == LabelledDigits.NOT_A_DIGIT));
        FontDigitsTest.assertFitMnistsBox(a);
    }

    @Test
    void trainingNeverDrawsFromTheFontsKeptForMeasuring() throws Exception {
        FontDigits fonts = FontDigitsTest.installedOrSkip();
        for (String f : NotDigitMarks.trainingFonts(fonts).fontNames()) {
            assertFalse(NotDigitMarks.heldOutFonts(fonts).fontNames().contains(f), f);
        }
        assertFalse(NotDigitMarks.heldOutFonts(fonts).fontNames().isEmpty());
    }

    @Test
    void marksJoinTrainingButNotValidation(@TempDir Path dir) throws Exception {
        FontDigitsTest.installedOrSkip();
        TrainingConfig cfg = new TrainingConfig(1, 64, 1e-3, 1e-4, 3, 5, 256, AugmentationConfig.none(), dir, null,
                0, 0, 0, null, 30);
        TrainingSets sets = TrainingSets.of(cfg, LabData.mnist().train(), List.of());
        assertEquals(30, sets.markTrain());
        assertEquals(256 + 30, sets.train().size());
        assertEquals(30, Arrays.stream(sets.train().labels()).filter(l -> l == LabelledDigits.NOT_A_DIGIT).count());
        assertEquals(Mnist.VALIDATION_SIZE, sets.validation().size());
    }

    @Test
    void aStruckOutDigitHasMoreInkThanTheDigit() {
        LabelledDigits digits = LabData.mnist().test().head(100);
        float[] px = new float[DigitImages.PIXELS];
        for (int i = 0; i < digits.size(); i++) {
            digits.images().toFloats(i, px, 0);
            float[] crossed = NotDigitMarks.crossedOut(digits, i, new SplittableRandom(i));
            float[] scribbled = NotDigitMarks.scribbledOut(digits, i, new SplittableRandom(i));
            assertTrue(ink(crossed) > ink(px) && ink(scribbled) > ink(px),
                    "digit " + i + ": " + ink(px) + " -> " + ink(crossed) + ", " + ink(scribbled));
        }
    }

    private static double ink(float[] px) {
        double s = 0;
        for (float v : px) {
            s += v;
        }
        return s;
    }
}
