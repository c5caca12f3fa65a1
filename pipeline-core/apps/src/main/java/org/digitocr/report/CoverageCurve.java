package org.digitocr.report;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Accuracy of the accepted predictions as a confidence threshold rises, and the point a threshold gives. */
final class CoverageCurve {
    private CoverageCurve() {
    }

    /** {coverage[], accuracy[]} from accepting everything down to accepting only the most confident. */
    static double[][] of(double[] conf, boolean[] correct, int points) {
        int n = conf.length;
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble((Integer i) -> -conf[i]))
                .mapToInt(Integer::intValue).toArray();
        int step = Math.max(1, n / points);
        int m = (n + step - 1) / step;
        double[] cov = new double[m];
        double[] acc = new double[m];
        int hits = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            hits += correct[order[i]] ? 1 : 0;
            if ((i + 1) % step == 0 || i == n - 1) {
                if (k < m) {
                    cov[k] = (double) (i + 1) / n;
                    acc[k] = (double) hits / (i + 1);
                    k++;
                }
            }
        }
        return new double[][] {java.util.Arrays.copyOf(cov, k), java.util.Arrays.copyOf(acc, k)};
    }

    /** {coverage, accuracy} when accepting predictions with confidence at or above {@code threshold}. */
    static double[] at(double[] conf, boolean[] correct, double threshold) {
        int accepted = 0;
        int hits = 0;
        for (int i = 0; i < conf.length; i++) {
            if (conf[i] >= threshold) {
                accepted++;
                hits += correct[i] ? 1 : 0;
            }
        }
        return new double[] {(double) accepted / conf.length, accepted == 0 ? 1.0 : (double) hits / accepted};
    }
}
