package org.digitocr.image;

import org.digitocr.image.DigitImages;

import java.util.Arrays;

/** Digit images with their labels: the unit every training, calibration and evaluation step consumes. */
public record LabelledDigits(DigitImages images, int[] labels) {
    /**
     * Label of an example that is no single digit (e.g. two touching digits cut as one): training pulls the
     * network towards equal probabilities for every class on such ink, so that it is unsure of it rather than
     * confidently wrong, and recognition-driven segmentation can tell a wrong cut from a right one.
     */
    public static final int NOT_A_DIGIT = -1;

    public LabelledDigits {
        if (images.count() != labels.length) {
            throw new IllegalArgumentException(images.count() + " images but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }

    /** The examples at {@code indices}, in that order. */
    public LabelledDigits select(int[] indices) {
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            l[i] = labels[indices[i]];
        }
        return new LabelledDigits(images.select(indices), l);
    }

    /** The first {@code n} examples (all of them if there are fewer). */
    public LabelledDigits head(int n) {
        int k = Math.min(n, size());
        int[] idx = new int[k];
        Arrays.setAll(idx, i -> i);
        return select(idx);
    }

    /** These examples followed by {@code more}'s. */
    public LabelledDigits concat(LabelledDigits more) {
        byte[] px = Arrays.copyOf(images.pixels(), images.pixels().length + more.images().pixels().length);
        System.arraycopy(more.images().pixels(), 0, px, images.pixels().length, more.images().pixels().length);
        int[] l = Arrays.copyOf(labels, size() + more.size());
        System.arraycopy(more.labels(), 0, l, size(), more.size());
        return new LabelledDigits(new DigitImages(px, l.length), l);
    }
}
