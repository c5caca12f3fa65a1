package org.digitocr.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.train.AugmentationConfig;
import org.digitocr.train.TrainingConfig;
import org.digitocr.train.TrainingSets;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.DigitPrediction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digits drawn from Debian's handwriting fonts: normalised like MNIST, reproducible, labelled right. */
class FontDigitsTest {
    private static FontDigits fonts;

    @BeforeAll
    static void fonts() throws Exception {
        fonts = installedOrSkip();
    }

    /** The handwriting fonts installed; skips the calling test when there are none. */
    static FontDigits installedOrSkip() throws Exception {
        boolean any = FontDigits.FONTS.stream().anyMatch(f -> exists(f.file()));
        assumeTrue(any, "no handwriting font under " + FontDigits.SYSTEM_FONTS + "; install the Debian packages in"
                + " scripts/lib/fonts.txt (.ci/run does)");
        return FontDigits.under(FontDigits.SYSTEM_FONTS);
    }

    private static boolean exists(String file) {
        try (var s = Files.walk(FontDigits.SYSTEM_FONTS)) {
            return s.anyMatch(p -> p.getFileName().toString().equals(file));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void digitsAreNormalisedLikeMnistReproducibleAndInTurn() {
        LabelledDigits a = fonts.draw(300, 3);
        assertArrayEquals(a.images().pixels(), fonts.draw(300, 3).images().pixels(), "same seed, same digits");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(i % 10, a.labels()[i]);
        }
        assertFitMnistsBox(a);
    }

    /** Each image's ink, as MNIST's digits, fills a 20 px box (give or take a soft edge). */
    static void assertFitMnistsBox(LabelledDigits images) {
        float[] px = new float[DigitImages.PIXELS];
        for (int i = 0; i < images.size(); i++) {
            images.images().toFloats(i, px, 0);
            int[] box = HandStylesTest.inkBox(px);
            int side = Math.max(box[2] - box[0], box[3] - box[1]) + 1;
            assertTrue(side >= 18 && side <= 22, "image " + i + " fits MNIST's 20 px box: " + side);
        }
    }

    @Test
    void theFormsModelReadsMostOfThemSoTheLabelsAreTheDigitsDrawn() throws Exception {
        LabelledDigits d = fonts.draw(1000, 11);
        try (DigitClassifier c = DigitClassifier.load(TestData.formsModel())) {
            List<DigitPrediction> p = c.classify(d.images());
            long right = java.util.stream.IntStream.range(0, d.size())
                    .filter(i -> p.get(i).digit() == d.labels()[i]).count();
            assertTrue(right >= 900, "read right: " + right + " of 1000");
        }
    }

    @Test
    void aFolderWithoutTheFontsSaysWhichPackagesToInstall(@TempDir Path empty) {
        var e = assertThrows(IllegalArgumentException.class, () -> FontDigits.under(empty));
        assertTrue(e.getMessage().contains("fonts-bwht") && e.getMessage().contains(empty.toString()), e.getMessage());
    }

    @Test
    void fontDigitsJoinTrainingButNotValidation(@TempDir Path dir) {
        TrainingConfig cfg = new TrainingConfig(1, 64, 1e-3, 1e-4, 3, 5, 256, AugmentationConfig.none(), dir, null,
                0, 0, 40, null, 0);
        TrainingSets sets = TrainingSets.of(cfg, LabData.mnist().train(), List.of());
        assertEquals(40, sets.fontTrain());
        assertEquals(256 + 40, sets.train().size());
        assertEquals(org.digitocr.mnist.Mnist.VALIDATION_SIZE, sets.validation().size());
    }
}
