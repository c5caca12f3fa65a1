package org.digitocr.calibrate;

/**
 * Temperature scaling (Guo et al., 2017): one scalar T divides the logits so that softmax probabilities match
 * observed accuracy. It never changes which digit wins, only how sure the model says it is. T is fitted by
 * minimising the negative log-likelihood on held-out data.
 */
public final class TemperatureScaling {
    private static final double LOG_T_MIN = Math.log(0.05);
    private static final double LOG_T_MAX = Math.log(20);

    private TemperatureScaling() {
    }

    /** The temperature minimising mean NLL of {@code labels} under softmax(logits / T). */
    public static double fit(double[][] logits, int[] labels) {
        if (logits.length == 0 || logits.length != labels.length) {
            throw new IllegalArgumentException("need as many labels as logit rows, and at least one");
        }
        double a = LOG_T_MIN;
        double b = LOG_T_MAX;
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double fc = nll(logits, labels, Math.exp(c));
        double fd = nll(logits, labels, Math.exp(d));
        for (int i = 0; i < 80 && b - a > 1e-6; i++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = nll(logits, labels, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = nll(logits, labels, Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }

    /** Mean negative log-likelihood of the labels at temperature {@code t}. */
    public static double nll(double[][] logits, int[] labels, double t) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double[] z = logits[i];
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v / t);
            }
            double lse = 0;
            for (double v : z) {
                lse += Math.exp(v / t - max);
            }
            sum += max + Math.log(lse) - z[labels[i]] / t;
        }
        return sum / logits.length;
    }

}
