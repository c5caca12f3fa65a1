package org.digitocr.extract;

import java.util.List;

/**
 * Chooses between readings of the same ink as different numbers of digits (touching digits kept whole or cut in
 * two, three ...) by what the classifier makes of each: the reading whose digits are, on average, read most
 * surely (mean log of the calibrated probabilities) wins. A wrong cut leaves fragments the network is unsure
 * of, and two digits kept as one rarely look like one digit. The segmenter's own preference, first in the
 * list, keeps ties and near-ties.
 */
final class ReadingChoice {
    /** How much surer, in mean log probability, another reading must be to replace the preferred one. */
    static final double MARGIN = 0.01;

    private ReadingChoice() {
    }

    static int best(List<List<DigitReading>> readings) {
        int best = 0;
        double bestScore = score(readings.get(0)) + MARGIN;
        for (int i = 1; i < readings.size(); i++) {
            double s = score(readings.get(i));
            if (s > bestScore) {
                best = i;
                bestScore = s;
            }
        }
        return best;
    }

    private static double score(List<DigitReading> digits) {
        double sum = 0;
        for (DigitReading d : digits) {
            sum += Math.log(Math.max(d.prob(), 1e-12));
        }
        return digits.isEmpty() ? Double.NEGATIVE_INFINITY : sum / digits.size();
    }
}
