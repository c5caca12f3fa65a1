package org.digitocr.mnist;

import java.util.Arrays;

/** Digit images with their labels: the unit every training, calibration and evaluation step consumes. */
public record LabelledDigits(DigitImages images, int[] labels) {
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
}
