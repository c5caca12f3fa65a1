package org.digitocr.model;

/**
 * The classifier's answer for one digit image: the digit, its calibrated probability, the runner-up and its
 * probability (what a reviewer sees as the alternative), and the full calibrated 10-way distribution.
 */
public record DigitPrediction(int digit, double probability, int alternative, double alternativeProbability,
                              double[] distribution) {

    /** Ranks a calibrated distribution into a prediction. */
    public static DigitPrediction of(double[] distribution) {
        int first = 0;
        for (int c = 1; c < distribution.length; c++) {
            if (distribution[c] > distribution[first]) {
                first = c;
            }
        }
        int second = first == 0 ? 1 : 0;
        for (int c = 0; c < distribution.length; c++) {
            if (c != first && distribution[c] > distribution[second]) {
                second = c;
            }
        }
        return new DigitPrediction(first, distribution[first], second, distribution[second], distribution);
    }

    /** The prediction of one image's logits at temperature {@code t}: softmax(z / t) ranked. */
    public static DigitPrediction ofLogits(double[] z, double t) {
        return of(softmax(z, t));
    }

    /** softmax(z / t) in double precision: the one place logits become probabilities. */
    public static double[] softmax(double[] z, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v / t);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] / t - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** True when {@code label} is the first or the second choice. */
    public boolean topTwoContains(int label) {
        return digit == label || alternative == label;
    }
}
