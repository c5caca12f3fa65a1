package org.digitocr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.digitocr.LabData;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.junit.jupiter.api.Test;

class AugmenterTest {
    @Test
    void distortsRealDigitsReproduciblyAndKeepsInk() {
        LabelledDigits digits = LabData.mnist().test().head(200);
        Augmenter aug = new Augmenter(AugmentationConfig.defaults());
        float[] src = new float[DigitImages.PIXELS];
        int changed = 0;
        for (int i = 0; i < digits.size(); i++) {
            digits.images().toFloats(i, src, 0);
            float[] a = new float[DigitImages.PIXELS];
            float[] b = new float[DigitImages.PIXELS];
            aug.augment(src, 0, a, 0, new SplittableRandom(i));
            aug.augment(src, 0, b, 0, new SplittableRandom(i));
            assertArrayEquals(a, b);
            double inkIn = 0, inkOut = 0, diff = 0;
            for (int p = 0; p < src.length; p++) {
                assertTrue(a[p] >= 0 && a[p] <= 1);
                inkIn += src[p];
                inkOut += a[p];
                diff += Math.abs(a[p] - src[p]);
            }
            assertTrue(inkOut > 0.3 * inkIn && inkOut < 3 * inkIn, "ink " + inkIn + " -> " + inkOut);
            changed += diff > 1 ? 1 : 0;
        }
        assertTrue(changed > 150, changed + " of 200 changed");
    }

    @Test
    void noneLeavesImagesUntouched() {
        float[] src = new float[DigitImages.PIXELS];
        LabData.mnist().test().images().toFloats(0, src, 0);
        float[] out = new float[DigitImages.PIXELS];
        new Augmenter(AugmentationConfig.none()).augment(src, 0, out, 0, new SplittableRandom(1));
        assertArrayEquals(src, out);
    }
}
