package org.digitocr.calibrate;

import org.digitocr.model.ReviewPolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.digitocr.model.DigitPrediction;

/**
 * Chooses the review threshold from data: the lowest threshold at which the error rate of the fields accepted
 * stays within the target. Lower thresholds accept more fields; the target bounds how many of those are wrong. The
 * fields are real ones read off forms ({@link ValidationForms}) or, without forms, many fields of 1 to
 * {@code maxLength} digits built from held-out labelled digit predictions, each scored by the product of its
 * digits' calibrated probabilities.
 */
public final class ReviewPolicyFitter {
    private ReviewPolicyFitter() {
    }

    /** Fits a threshold for each of {@link ReviewPolicy#TARGETS}. */
    public static ReviewPolicy fit(List<DigitPrediction> predictions, int[] labels, int fields, int maxLength,
                                   long seed, String dataName) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] conf = new double[fields];
        boolean[] right = new boolean[fields];
        for (int f = 0; f < fields; f++) {
            int len = 1 + rnd.nextInt(maxLength);
            double c = 1;
            boolean ok = true;
            for (int i = 0; i < len; i++) {
                int k = rnd.nextInt(labels.length);
                DigitPrediction p = predictions.get(k);
                c *= p.probability();
                ok &= p.digit() == labels[k];
            }
            conf[f] = c;
            right[f] = ok;
        }
        return fit(conf, right, fields, String.format("%d synthetic fields of 1-%d digits from %s (seed %d)", fields,
                maxLength, dataName, seed));
    }

    /**
     * Fits a threshold for each of {@link ReviewPolicy#TARGETS} on fields that were read: the confidence and
     * correctness of those that only their confidence could send to review, out of {@code population} fields in all
     * (the others go to review whatever their confidence, and count in the accept rate only).
     */
    public static ReviewPolicy fit(double[] conf, boolean[] right, int population, String fittedOn) {
        if (conf.length != right.length || population < conf.length) {
            throw new IllegalArgumentException(conf.length + " confidences, " + right.length + " outcomes, "
                    + population + " fields in all");
        }
        Integer[] order = new Integer[conf.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(conf[b], conf[a]));
        List<ReviewPolicy.Point> points = new ArrayList<>();
        for (double target : ReviewPolicy.TARGETS) {
            points.add(point(conf, right, order, population, target));
        }
        return new ReviewPolicy(fittedOn, List.copyOf(points));
    }

    private static ReviewPolicy.Point point(double[] conf, boolean[] right, Integer[] order, int population,
                                            double targetErrorRate) {
        int fields = conf.length;
        double threshold = 1.0;
        int accepted = 0;
        int wrong = 0;
        int bestAccepted = 0;
        int bestWrong = 0;
        for (int i = 0; i < fields; i++) {
            accepted++;
            wrong += right[order[i]] ? 0 : 1;
            boolean lastOfTies = i + 1 == fields || conf[order[i + 1]] < conf[order[i]];
            if (lastOfTies && (double) wrong / accepted <= targetErrorRate) {
                threshold = conf[order[i]];
                bestAccepted = accepted;
                bestWrong = wrong;
            }
        }
        return new ReviewPolicy.Point(targetErrorRate, threshold, (double) bestAccepted / Math.max(population, 1),
                bestAccepted == 0 ? 0 : (double) bestWrong / bestAccepted);
    }
}
