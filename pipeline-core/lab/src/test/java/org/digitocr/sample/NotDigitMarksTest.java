package org.digitocr.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        FontDigits fonts = installedFonts();
        LabelledDigits digits = LabData.mnist().train().head(500);
        LabelledDigits a = NotDigitMarks.draw(NotDigitMarks.trainingFonts(fonts), digits, 200, 5);
        assertArrayEquals(a.images().pixels(), NotDigitMarks.draw(NotDigitMarks.trainingFonts(fonts), digits, 200, 5)
                .images().pixels(), "same seed, same marks");
        float[] px = new float[DigitImages.PIXELS];
        for (int i = 0; i < a.size(); i++) {
            assertEquals(LabelledDigits.NOT_A_DIGIT, a.labels()[i]);
            a.images().toFloats(i, px, 0);
            int[] box = HandStylesTest.inkBox(px);
            int side = Math.max(box[2] - box[0], box[3] - box[1]) + 1;
            assertTrue(side >= 18 && side <= 22, "mark " + i + " fits MNIST's 20 px box: " + side);
        }
    }

    @Test
    void trainingNeverDrawsFromTheFontsKeptForMeasuring() throws Exception {
        FontDigits fonts = installedFonts();
        for (String f : NotDigitMarks.trainingFonts(fonts).fontNames()) {
            assertFalse(NotDigitMarks.heldOutFonts(fonts).fontNames().contains(f), f);
        }
        assertFalse(NotDigitMarks.heldOutFonts(fonts).fontNames().isEmpty());
    }

    @Test
    void marksJoinTrainingButNotValidation(@TempDir Path dir) throws Exception {
        installedFonts();
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

    private static FontDigits installedFonts() throws Exception {
        boolean any = FontDigits.FONTS.stream().anyMatch(f -> {
            try (var s = java.nio.file.Files.walk(FontDigits.SYSTEM_FONTS)) {
                return s.anyMatch(p -> p.getFileName().toString().equals(f.file()));
            } catch (Exception e) {
                return false;
            }
        });
        assumeTrue(any, "no handwriting font under " + FontDigits.SYSTEM_FONTS + "; install the Debian packages in"
                + " scripts/lib/fonts.txt (.ci/run does)");
        return FontDigits.under(FontDigits.SYSTEM_FONTS);
    }

    private static double ink(float[] px) {
        double s = 0;
        for (float v : px) {
            s += v;
        }
        return s;
    }
}
