package org.digitocr.report;

/**
 * Bins for the histogram of field confidence. Most fields of a good run sit near 1, where the review threshold
 * is, so the bins narrow towards 1 instead of being equal.
 */
public final class ConfidenceBins {
    private static final double[] UPPER = {0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999, Double.POSITIVE_INFINITY};

    private ConfidenceBins() {
    }

    public static int count() {
        return UPPER.length;
    }

    /** The bin of a confidence in [0, 1]. */
    public static int of(double confidence) {
        for (int i = 0; i < UPPER.length; i++) {
            if (confidence < UPPER[i]) {
                return i;
            }
        }
        return UPPER.length - 1;
    }

    public static String label(int bin) {
        String lo = bin == 0 ? "0" : Double.toString(UPPER[bin - 1]);
        return bin == UPPER.length - 1 ? ">=" + lo : lo + "-" + UPPER[bin];
    }
}
