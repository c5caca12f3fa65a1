package org.digitocr.backprop;

import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.CnnParameters;

/**
 * Everything a worker's training changes, as one flat array that workers' copies can be summed and averaged in:
 * the parameters, each BatchNorm's running mean and variance, Adam's first and second moments and step count,
 * and the loss summed over the steps taken with their count. Parameter averaging on Spark moves these.
 */
public final class TrainingVector {
    private TrainingVector() {
    }

    /** Floats in a vector for {@code layout}. */
    public static int length(CnnLayout layout) {
        return 3 * layout.parameters() + 2 * statistics(layout) + 3;
    }

    /** The state of {@code params} and {@code adam}, with {@code lossSum} over {@code steps} steps taken. */
    public static float[] pack(CnnParameters params, Adam adam, double lossSum, int steps) {
        CnnLayout layout = params.layout();
        float[] v = new float[length(layout)];
        int at = put(v, 0, params.values());
        for (int b = 0; b < layout.blocks().size(); b++) {
            if (layout.blocks().get(b).batchNorm()) {
                at = put(v, at, params.runningMean(b));
                at = put(v, at, params.runningVar(b));
            }
        }
        at = put(v, at, adam.firstMoments());
        at = put(v, at, adam.secondMoments());
        v[at] = adam.steps();
        v[at + 1] = (float) lossSum;
        v[at + 2] = steps;
        return v;
    }

    /** Writes a (possibly averaged) vector into {@code params} and {@code adam}; returns its mean loss per step. */
    public static double unpack(float[] v, CnnParameters params, Adam adam) {
        CnnLayout layout = params.layout();
        if (v.length != length(layout)) {
            throw new IllegalArgumentException("a training vector of " + v.length + " floats, the layout needs "
                    + length(layout));
        }
        int at = get(v, 0, params.values());
        for (int b = 0; b < layout.blocks().size(); b++) {
            if (layout.blocks().get(b).batchNorm()) {
                at = get(v, at, params.runningMean(b));
                at = get(v, at, params.runningVar(b));
            }
        }
        at = get(v, at, adam.firstMoments());
        at = get(v, at, adam.secondMoments());
        adam.steps(Math.round(v[at]));
        return steps(v) > 0 ? lossSum(v) / steps(v) : Double.NaN;
    }

    /** The loss summed over the steps a vector's workers took. */
    public static double lossSum(float[] v) {
        return v[v.length - 2];
    }

    /** The steps a vector's workers took together. */
    public static long steps(float[] v) {
        return Math.round(v[v.length - 1]);
    }

    /** Adds {@code b} into {@code a} (summing workers' vectors); returns {@code a}. */
    public static float[] add(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /**
     * The mean of {@code workers} summed vectors, in place; the loss and step count stay sums, so the mean loss
     * per step over all workers is what {@link #unpack} returns.
     */
    public static float[] average(float[] sum, int workers) {
        float inv = 1f / workers;
        for (int i = 0; i < sum.length - 2; i++) {
            sum[i] *= inv;
        }
        return sum;
    }

    private static int statistics(CnnLayout layout) {
        return layout.blocks().stream().filter(CnnLayout.Block::batchNorm).mapToInt(CnnLayout.Block::out).sum();
    }

    private static int put(float[] v, int at, float[] x) {
        System.arraycopy(x, 0, v, at, x.length);
        return at + x.length;
    }

    private static int get(float[] v, int at, float[] x) {
        System.arraycopy(v, at, x, 0, x.length);
        return at + x.length;
    }
}
