package org.digitocr.calibrate;

/**
 * Expected calibration error: the gap between confidence and accuracy, averaged over equal-width confidence
 * bins weighted by how many predictions fall in each. 0 means "90% sure" is right 90% of the time.
 */
public final class CalibrationError {
    public static final int DEFAULT_BINS = 15;

    private CalibrationError() {
    }

    /** ECE of top-1 predictions with the given confidences and correctness, over {@code bins} bins. */
    public static double expected(double[] confidence, boolean[] correct, int bins) {
        Bins b = bin(confidence, correct, bins);
        double ece = 0;
        for (int i = 0; i < bins; i++) {
            if (b.count[i] > 0) {
                ece += Math.abs(b.accuracy(i) - b.meanConfidence(i)) * b.count[i] / confidence.length;
            }
        }
        return ece;
    }

    /** Per-bin counts, accuracy and mean confidence: the data of a reliability diagram. */
    public static Bins bin(double[] confidence, boolean[] correct, int bins) {
        int[] count = new int[bins];
        int[] hits = new int[bins];
        double[] confSum = new double[bins];
        for (int i = 0; i < confidence.length; i++) {
            int k = Math.min(bins - 1, (int) (confidence[i] * bins));
            count[k]++;
            hits[k] += correct[i] ? 1 : 0;
            confSum[k] += confidence[i];
        }
        return new Bins(count, hits, confSum);
    }

    /** Reliability-diagram bins. */
    public record Bins(int[] count, int[] hits, double[] confidenceSum) {
        public double accuracy(int i) {
            return count[i] == 0 ? 0 : (double) hits[i] / count[i];
        }

        public double meanConfidence(int i) {
            return count[i] == 0 ? 0 : confidenceSum[i] / count[i];
        }
    }
}
