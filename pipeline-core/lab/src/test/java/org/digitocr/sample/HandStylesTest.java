package org.digitocr.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.DigitPrediction;
import org.junit.jupiter.api.Test;

/** MNIST digits rewritten in other hands: still normalised digits, reproducible, and read right by the forms model. */
class HandStylesTest {
    @Test
    void restyledDigitsAreNormalisedLikeMnistAndReproducible() {
        LabelledDigits digits = LabData.mnist().test().head(300);
        LabelledDigits a = HandStyles.restyleAll(digits, 5);
        assertArrayEquals(a.images().pixels(), HandStyles.restyleAll(digits, 5).images().pixels(), "same seed, same digits");
        assertArrayEquals(digits.labels(), a.labels());
        float[] px = new float[DigitImages.PIXELS];
        int changed = 0;
        for (int i = 0; i < a.size(); i++) {
            a.images().toFloats(i, px, 0);
            int[] box = inkBox(px);
            int side = Math.max(box[2] - box[0], box[3] - box[1]) + 1;
            assertTrue(side >= 18 && side <= 22, "digit " + i + " fits MNIST's 20 px box: " + side);
            changed += differs(digits, a, i) ? 1 : 0;
        }
        assertTrue(changed >= 290, "rewritten, not copied: " + changed);
    }

    @Test
    void aOneGetsAFlagAndAFootAndASevenABar() {
        LabelledDigits test = LabData.mnist().test();
        float[] px = new float[DigitImages.PIXELS];
        int one = IntStream.range(0, test.size()).filter(i -> test.labels()[i] == 1).findFirst().orElseThrow();
        test.images().toFloats(one, px, 0);
        int plainWidth = width(HandStyles.withStrokes(px, 0, new SplittableRandom(1)));
        int styledWidth = width(HandStyles.withStrokes(px, 0, new SplittableRandom(1), HandStyles.Stroke.ONE_FLAG,
                HandStyles.Stroke.ONE_FOOT));
        assertTrue(styledWidth >= plainWidth + 4, "flag and foot widen a 1: " + plainWidth + " -> " + styledWidth);
        int seven = IntStream.range(0, test.size()).filter(i -> test.labels()[i] == 7).findFirst().orElseThrow();
        test.images().toFloats(seven, px, 0);
        float[] barred = HandStyles.withStrokes(px, 0, new SplittableRandom(1), HandStyles.Stroke.SEVEN_BAR);
        assertTrue(inkIn(barred) > inkIn(HandStyles.withStrokes(px, 0, new SplittableRandom(1))),
                "a bar adds ink");
    }

    @Test
    void aCaptureThatFillsItsBoxBroadensAOneAndOneThatDoesNotKeepsItsShape() {
        LabelledDigits test = LabData.mnist().test();
        int[] ones = IntStream.range(0, test.size()).filter(i -> test.labels()[i] == 1).limit(40).toArray();
        float[] px = new float[DigitImages.PIXELS];
        double[] kept = new double[ones.length];
        double[] filled = new double[ones.length];
        for (int k = 0; k < ones.length; k++) {
            test.images().toFloats(ones[k], px, 0);
            kept[k] = aspect(HandStyles.captured(px, 0, 16, 0));
            filled[k] = aspect(HandStyles.captured(px, 0, 16, 0.8));
        }
        double keptMedian = median(kept);
        double filledMedian = median(filled);
        assertTrue(keptMedian < 0.5, "a 1 captured on a grid stays narrow: width/height " + keptMedian);
        assertTrue(filledMedian > 0.65 && filledMedian < 0.95, "a 1 stretched to fill a box 0.8 as wide as high: "
                + filledMedian);
    }

    @Test
    void theFormsModelReadsOnesWithFlagAndFootAndCrossedSevens() {
        LabelledDigits test = LabData.mnist().test().head(2000);
        try (DigitClassifier c = DigitClassifier.load(TestData.formsModel())) {
            double ones = readRight(c, test, 1, HandStyles.Stroke.ONE_FLAG, HandStyles.Stroke.ONE_FOOT);
            assertTrue(ones >= 0.97, "1s with a flag and a foot read right: " + ones);
            double sevens = readRight(c, test, 7, HandStyles.Stroke.SEVEN_BAR);
            assertTrue(sevens >= 0.95, "7s with a bar read right: " + sevens);
        }
    }

    private static double readRight(DigitClassifier c, LabelledDigits digits, int digit, HandStyles.Stroke... strokes) {
        int[] idx = IntStream.range(0, digits.size()).filter(i -> digits.labels()[i] == digit).toArray();
        float[] batch = new float[idx.length * DigitImages.PIXELS];
        float[] px = new float[DigitImages.PIXELS];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < idx.length; i++) {
            digits.images().toFloats(idx[i], px, 0);
            System.arraycopy(HandStyles.withStrokes(px, 0, rnd, strokes), 0, batch, i * DigitImages.PIXELS,
                    DigitImages.PIXELS);
        }
        long right = c.classify(batch, idx.length).stream().mapToInt(DigitPrediction::digit).filter(d -> d == digit).count();
        return right / (double) idx.length;
    }

    private static boolean differs(LabelledDigits a, LabelledDigits b, int i) {
        int d = 0;
        for (int p = 0; p < DigitImages.PIXELS; p++) {
            int off = i * DigitImages.PIXELS + p;
            d += Math.abs((a.images().pixels()[off] & 0xff) - (b.images().pixels()[off] & 0xff)) > 64 ? 1 : 0;
        }
        return d >= 10;
    }

    static int[] inkBox(float[] px) {
        int[] box = {DigitImages.SIDE, DigitImages.SIDE, -1, -1};
        for (int y = 0; y < DigitImages.SIDE; y++) {
            for (int x = 0; x < DigitImages.SIDE; x++) {
                if (px[y * DigitImages.SIDE + x] >= 0.25f) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box;
    }

    private static double aspect(float[] px) {
        int[] box = inkBox(px);
        return (box[2] - box[0] + 1) / (double) (box[3] - box[1] + 1);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static int width(float[] px) {
        int[] box = inkBox(px);
        return box[2] - box[0] + 1;
    }

    private static double inkIn(float[] px) {
        double s = 0;
        for (float v : px) {
            s += v;
        }
        return s;
    }
}
