package org.digitocr.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.digitocr.segment.FieldSegments;

/**
 * Chooses the reading of a field's ink from the segmentation lattice by what the classifier makes of each
 * candidate: the path whose digits are jointly most probable (sum of the logs of their calibrated
 * probabilities) wins. A wrong cut leaves fragments and a missed cut leaves two digits in one image, both of
 * which the network was trained to find unlike any digit; a missed join leaves the two strokes of one digit
 * read unsurely. The segmenter's preferred candidates get a head start, so they keep ties and near-ties. A
 * field's pattern, when the most probable path breaks it, picks the most probable path that keeps it.
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
     * The chosen path and the most probable one, as indices into {@code segments.candidates()}, left to right;
     * they differ when the field's rules overruled the most probable reading.
     */
    record Choice(List<Integer> path, List<Integer> mostProbable) {
        Choice {
            path = List.copyOf(path);
            mostProbable = List.copyOf(mostProbable);
        }

        boolean fitted() {
            return !path.equals(mostProbable);
        }
    }

    /**
     * The most probable path whose digits {@code fits} accepts, or the most probable path when none does;
     * {@code readings} holds the classifier's reading of each candidate's digits, in the same order. The
     * search keeps the best path for every digit count, so a field whose pattern bounds its length is read
     * with the most probable segmentation of an allowed length rather than one with a digit too many.
     */
    static Choice best(FieldSegments segments, List<List<DigitReading>> readings, Predicate<String> fits) {
        int n = segments.units();
        List<FieldSegments.Candidate> cands = segments.candidates();
        int most = cands.stream().mapToInt(c -> c.digits().size()).sum();
        double[][] score = new double[n + 1][most + 1];
        int[][] via = new int[n + 1][most + 1];
        for (double[] row : score) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        score[0][0] = 0;
        // candidates only reach rightwards, so settling the units in order visits each edge after its start
        for (int at = 0; at < n; at++) {
            for (int k = 0; k <= most; k++) {
                if (score[at][k] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                for (int c = 0; c < cands.size(); c++) {
                    FieldSegments.Candidate cand = cands.get(c);
                    if (cand.from() != at) {
                        continue;
                    }
                    int k2 = k + cand.digits().size();
                    double s = score[at][k] + logProb(readings.get(c)) + (cand.preferred() ? MARGIN : 0);
                    if (s > score[cand.to()][k2]) {
                        score[cand.to()][k2] = s;
                        via[cand.to()][k2] = c;
                    }
                }
            }
        }
        double[] end = score[n];
        List<Integer> counts = IntStream.rangeClosed(0, most).filter(k -> end[k] > Double.NEGATIVE_INFINITY).boxed()
                .sorted(Comparator.comparingDouble((Integer k) -> -end[k])).toList();
        List<Integer> best = path(cands, via, n, counts.get(0));
        for (int i = 0; i < counts.size(); i++) {
            List<Integer> p = i == 0 ? best : path(cands, via, n, counts.get(i));
            if (fits.test(value(p, readings))) {
                return new Choice(p, best);
            }
        }
        return new Choice(best, best);
    }

    private static List<Integer> path(List<FieldSegments.Candidate> cands, int[][] via, int n, int count) {
        List<Integer> path = new ArrayList<>();
        for (int at = n, k = count; at > 0; ) {
            int c = via[at][k];
            path.add(c);
            k -= cands.get(c).digits().size();
            at = cands.get(c).from();
        }
        Collections.reverse(path);
        return path;
    }

    private static String value(List<Integer> path, List<List<DigitReading>> readings) {
        StringBuilder v = new StringBuilder();
        path.forEach(c -> readings.get(c).forEach(d -> v.append(d.digit())));
        return v.toString();
    }

    private static double logProb(List<DigitReading> digits) {
        double sum = 0;
        for (DigitReading d : digits) {
            sum += Math.log(Math.max(d.prob(), 1e-12));
        }
        return sum;
    }
}
