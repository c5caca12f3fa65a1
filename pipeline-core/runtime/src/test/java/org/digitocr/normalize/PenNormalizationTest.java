package org.digitocr.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.digitocr.TestData;
import org.digitocr.engine.ReferenceCnn;
import org.digitocr.image.DigitImages;
import org.digitocr.model.DigitClassifier;
import org.junit.jupiter.api.Test;

/** Broad strokes are measured as broad and read twice, as written and thinned; MNIST-width strokes once. */
class PenNormalizationTest {
    /** A 0 as a ring of the given pen width, centred in 28x28. */
    private static float[] ring(double pen) {
        float[] px = new float[DigitImages.PIXELS];
        for (int y = 0; y < DigitImages.SIDE; y++) {
            for (int x = 0; x < DigitImages.SIDE; x++) {
                double r = Math.hypot((x - 13.5) / 0.7, y - 13.5);
                px[y * DigitImages.SIDE + x] = Math.abs(r - 8) <= pen / 2 ? 1f : 0f;
            }
        }
        return px;
    }

    @Test
    void strokeWidthIsThePensWidth() {
        double fine = PenNormalization.strokeWidth(ring(2), 0);
        double broad = PenNormalization.strokeWidth(ring(6), 0);
        assertTrue(fine > 1.5 && fine < 3, "a 2 px pen: " + fine);
        assertTrue(broad > 4.5 && broad < 7.5, "a 6 px pen: " + broad);
        float[] thin = PenNormalization.thinned(ring(6), new int[] {0});
        assertTrue(PenNormalization.strokeWidth(thin, 0) < broad - 1, "thinned by a pixel on each side");
    }

    @Test
    void theFormsModelReadsBroadDigitsAlsoThinnedAndOthersAsBefore() {
        float[] batch = new float[2 * DigitImages.PIXELS];
        System.arraycopy(ring(2), 0, batch, 0, DigitImages.PIXELS);
        System.arraycopy(ring(7), 0, batch, DigitImages.PIXELS, DigitImages.PIXELS);
        try (DigitClassifier c = DigitClassifier.load(TestData.formsModel())) {
            PenNormalization pen = c.card().penNormalization();
            assertNotNull(pen, "the forms model's card says when a pen counts as broad");
            assertArrayEquals(new int[] {1}, pen.broad(batch, 2), "only the ring drawn with the broad pen");
            float[] raw = c.rawLogits(batch, 2);
            float[] thin = c.rawLogits(PenNormalization.thinned(batch, new int[] {1}), 1);
            double[][] read = c.logits(batch, 2);
            for (int k = 0; k < ReferenceCnn.CLASSES; k++) {
                assertEquals(raw[k], read[0][k], 1e-6, "a fine digit is read as written");
                assertEquals((raw[ReferenceCnn.CLASSES + k] + thin[k]) / 2, read[1][k], 1e-5,
                        "a broad digit: the mean of as written and thinned");
            }
            assertEquals(0, c.classify(batch, 2).get(1).digit(), "and still a 0");
        }
    }
}
