package org.digitocr.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.digitocr.segment.FieldSegments;

/**
 * Chooses the reading of a field's ink from the segmentation lattice by what the classifier makes of each
 * candidate: the path whose digits are jointly most probable (sum of the logs of their calibrated
 * probabilities) wins. A wrong cut leaves fragments and a missed cut leaves two digits in one image, both of
 * which the network was trained to find unlike any digit; a missed join leaves the two strokes of one digit
 * read unsurely. The segmenter's preferred candidates get a head start, so they keep ties and near-ties.
 */
final class ReadingChoice {
    /**
     * Head start of each of the segmenter's preferred candidates, in log probability: another path must be about
     * 10% more probable. Any stroke of a digit cut off alone looks much like a 1, so cuts need more than a tie.
     */
    static final double MARGIN = 0.1;

    private ReadingChoice() {
    }

    /**
     * Indices into {@code segments.candidates()} of the chosen path, left to right; {@code readings} holds the
     * classifier's reading of each candidate's digits, in the same order.
     */
    static List<Integer> best(FieldSegments segments, List<List<DigitReading>> readings) {
        int n = segments.units();
        double[] score = new double[n + 1];
        int[] via = new int[n + 1];
        Arrays.fill(score, Double.NEGATIVE_INFINITY);
        score[0] = 0;
        List<FieldSegments.Candidate> cands = segments.candidates();
        // candidates only reach rightwards, so settling the units in order visits each edge after its start
        for (int at = 0; at < n; at++) {
            if (score[at] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            for (int c = 0; c < cands.size(); c++) {
                FieldSegments.Candidate cand = cands.get(c);
                if (cand.from() != at) {
                    continue;
                }
                double s = score[at] + logProb(readings.get(c)) + (cand.preferred() ? MARGIN : 0);
                if (s > score[cand.to()]) {
                    score[cand.to()] = s;
                    via[cand.to()] = c;
                }
            }
        }
        List<Integer> path = new ArrayList<>();
        for (int at = n; at > 0; at = cands.get(via[at]).from()) {
            path.add(via[at]);
        }
        Collections.reverse(path);
        return path;
    }

    private static double logProb(List<DigitReading> digits) {
        double sum = 0;
        for (DigitReading d : digits) {
            sum += Math.log(Math.max(d.prob(), 1e-12));
        }
        return sum;
    }
}
