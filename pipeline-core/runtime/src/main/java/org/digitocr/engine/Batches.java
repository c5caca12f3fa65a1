package org.digitocr.engine;

import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Builds network input arrays straight from Java arrays: one native allocation per batch, never per image. */
public final class Batches {
    private Batches() {
    }

    /** Images {@code [from, to)} as a {@code [n, 784]} float array scaled to [0,1]. */
    public static INDArray features(DigitImages images, int from, int to) {
        float[] buf = new float[(to - from) * DigitImages.PIXELS];
        for (int i = from; i < to; i++) {
            images.toFloats(i, buf, (i - from) * DigitImages.PIXELS);
        }
        return Nd4j.create(buf, new long[] {to - from, DigitImages.PIXELS}, 'c');
    }

    /** Already-scaled pixels, {@code n x 784}, as a network input. */
    public static INDArray features(float[] pixels, int n) {
        return Nd4j.create(pixels, new long[] {n, DigitImages.PIXELS}, 'c');
    }

    /** One-hot labels {@code [n, 10]}. */
    public static INDArray oneHot(int[] labels) {
        return Nd4j.create(targets(labels), new long[] {labels.length, ReferenceCnn.CLASSES}, 'c');
    }

    /**
     * Training targets, {@code labels.length x 10} row-major: one-hot for a digit, equal probabilities for
     * {@link LabelledDigits#NOT_A_DIGIT} (outlier exposure: ink that is no digit should leave the model unsure).
     */
    public static float[] targets(int[] labels) {
        float[] buf = new float[labels.length * ReferenceCnn.CLASSES];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == LabelledDigits.NOT_A_DIGIT) {
                java.util.Arrays.fill(buf, i * ReferenceCnn.CLASSES, (i + 1) * ReferenceCnn.CLASSES,
                        1f / ReferenceCnn.CLASSES);
            } else {
                buf[i * ReferenceCnn.CLASSES + labels[i]] = 1f;
            }
        }
        return buf;
    }
}
