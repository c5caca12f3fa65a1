package org.digitocr.train;

import java.util.SplittableRandom;

import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;

/**
 * Training minibatches: the examples at a slice of a shuffled order, each freshly distorted. Shared by the
 * single-machine {@link Trainer} and the Spark trainer, so both learn from the same augmentation.
 */
public final class AugmentedBatches {
    private final Augmenter augmenter;

    public AugmentedBatches(AugmentationConfig cfg) {
        this.augmenter = new Augmenter(cfg);
    }

    /** Pixels (n x 784, row-major, 0..1) and labels of one minibatch. */
    public record Batch(float[] pixels, int[] labels) {
        public int size() {
            return labels.length;
        }
    }

    /** The examples {@code order[from .. from+size)} (clipped to the order's end), augmented with {@code rnd}. */
    public Batch make(LabelledDigits data, int[] order, int from, int size, SplittableRandom rnd) {
        int n = Math.min(order.length, from + size) - from;
        float[] clean = new float[DigitImages.PIXELS];
        float[] pixels = new float[n * DigitImages.PIXELS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int idx = order[from + i];
            data.images().toFloats(idx, clean, 0);
            augmenter.augment(clean, 0, pixels, i * DigitImages.PIXELS, rnd);
            labels[i] = data.labels()[idx];
        }
        return new Batch(pixels, labels);
    }

    /** A random permutation of 0..n-1. */
    public static int[] shuffled(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
