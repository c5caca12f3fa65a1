package org.digitocr.backprop;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Shard}'s per-channel loops in explicit SIMD (the JDK's incubating Vector API). The JIT does not vectorise
 * them on its own: each mixes an activation array read at {@code row + c} with per-channel arrays read at {@code c},
 * and it cannot rule out that the two are one array. Every loop runs over NHWC rows of {@code o} channels, a whole
 * number of vectors per row ({@link #fits}). Loaded only when the JVM runs with
 * {@code --add-modules=jdk.incubator.vector}; see {@link org.digitocr.engine.VectorApi}.
 */
final class VectorLanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorLanes() {
    }

    /** Whether rows of {@code channels} floats are a whole number of vectors. */
    static boolean fits(int channels) {
        return channels % L == 0;
    }

    /** Adds the per-channel sums of {@code x[from, to)} and of its squares to {@code acc[0, o)} and {@code acc[o, 2o)}. */
    static void sums(float[] x, int from, int to, int o, float[] acc) {
        for (int c = 0; c < o; c += L) {
            FloatVector s = FloatVector.fromArray(S, acc, c);
            FloatVector s2 = FloatVector.fromArray(S, acc, o + c);
            for (int i = from + c; i < to; i += o) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                s = s.add(v);
                s2 = v.fma(v, s2);
            }
            s.intoArray(acc, c);
            s2.intoArray(acc, o + c);
        }
    }

    /** Normalises {@code x} in place and writes LeakyReLU(gamma * x + beta) to {@code a}. */
    static void normalizeActivate(float[] x, float[] a, int size, int o, float[] mean, float[] inv, float[] params,
                                  int gamma, int beta, float slope) {
        for (int i = 0; i < size; i += o) {
            for (int c = 0; c < o; c += L) {
                FloatVector v = FloatVector.fromArray(S, x, i + c).sub(FloatVector.fromArray(S, mean, c))
                        .mul(FloatVector.fromArray(S, inv, c));
                v.intoArray(x, i + c);
                FloatVector y = v.fma(FloatVector.fromArray(S, params, gamma + c), FloatVector.fromArray(S, params, beta + c));
                y.max(y.mul(slope)).intoArray(a, i + c);
            }
        }
    }

    /**
     * Normalisation, scale and shift, 2x2 max pooling and LeakyReLU, as in {@link Shard}'s scalar pooling: the winner
     * of each window (the first of equals) goes to {@code arg} as 0..3.
     */
    static void pool(float[] x, int images, int side, int ch, float[] mean, float[] inv, float[] params, int gamma,
                     int beta, float slope, float[] dst, float[] arg) {
        int h = side / 2;
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector two = FloatVector.broadcast(S, 2f);
        FloatVector three = FloatVector.broadcast(S, 3f);
        FloatVector zero = FloatVector.zero(S);
        for (int img = 0; img < images; img++) {
            for (int py = 0; py < h; py++) {
                for (int px = 0; px < h; px++) {
                    int p00 = ((img * side + 2 * py) * side + 2 * px) * ch;
                    int p01 = p00 + ch;
                    int p10 = p00 + side * ch;
                    int p11 = p10 + ch;
                    int j = ((img * h + py) * h + px) * ch;
                    for (int c = 0; c < ch; c += L) {
                        FloatVector m = FloatVector.fromArray(S, mean, c);
                        FloatVector iv = FloatVector.fromArray(S, inv, c);
                        FloatVector g = FloatVector.fromArray(S, params, gamma + c);
                        FloatVector b = FloatVector.fromArray(S, params, beta + c);
                        FloatVector x0 = FloatVector.fromArray(S, x, p00 + c).sub(m).mul(iv);
                        FloatVector x1 = FloatVector.fromArray(S, x, p01 + c).sub(m).mul(iv);
                        FloatVector x2 = FloatVector.fromArray(S, x, p10 + c).sub(m).mul(iv);
                        FloatVector x3 = FloatVector.fromArray(S, x, p11 + c).sub(m).mul(iv);
                        x0.intoArray(x, p00 + c);
                        x1.intoArray(x, p01 + c);
                        x2.intoArray(x, p10 + c);
                        x3.intoArray(x, p11 + c);
                        FloatVector y0 = x0.fma(g, b);
                        FloatVector y1 = x1.fma(g, b);
                        FloatVector y2 = x2.fma(g, b);
                        FloatVector y3 = x3.fma(g, b);
                        VectorMask<Float> right = y1.compare(VectorOperators.GT, y0);
                        FloatVector top = y0.blend(y1, right);
                        VectorMask<Float> rightBelow = y3.compare(VectorOperators.GT, y2);
                        FloatVector bottom = y2.blend(y3, rightBelow);
                        VectorMask<Float> below = bottom.compare(VectorOperators.GT, top);
                        FloatVector best = top.blend(bottom, below);
                        best.max(best.mul(slope)).intoArray(dst, j + c);
                        zero.blend(one, right.and(below.not()))
                                .blend(two, below.and(rightBelow.not()))
                                .blend(three, below.and(rightBelow))
                                .intoArray(arg, j + c);
                    }
                }
            }
        }
    }

    /**
     * The gradient {@code g} of a pooled block's output back to its BatchNorm output {@code d}, at every position of
     * every window (zero where the window's winner was elsewhere); per-channel sums of it and of it times {@code x}
     * into {@code acc}, one image at a time, handed to {@code flush}.
     */
    static void unpool(float[] g, float[] x, float[] arg, int images, int side, int ch, float[] params, int gamma,
                       int beta, float slope, float[] d, float[] acc, Runnable flush) {
        int h = side / 2;
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector leak = FloatVector.broadcast(S, slope);
        for (int img = 0; img < images; img++) {
            for (int py = 0; py < h; py++) {
                for (int px = 0; px < h; px++) {
                    int p00 = ((img * side + 2 * py) * side + 2 * px) * ch;
                    int j = ((img * h + py) * h + px) * ch;
                    for (int c = 0; c < ch; c += L) {
                        FloatVector gm = FloatVector.fromArray(S, params, gamma + c);
                        FloatVector bt = FloatVector.fromArray(S, params, beta + c);
                        FloatVector grad = FloatVector.fromArray(S, g, j + c);
                        FloatVector at = FloatVector.fromArray(S, arg, j + c);
                        FloatVector s = FloatVector.fromArray(S, acc, c);
                        FloatVector s2 = FloatVector.fromArray(S, acc, ch + c);
                        for (int w = 0; w < 4; w++) {
                            int pos = p00 + c + (w & 1) * ch + (w >> 1) * side * ch;
                            FloatVector xv = FloatVector.fromArray(S, x, pos);
                            FloatVector y = xv.fma(gm, bt);
                            FloatVector dy = grad.mul(leak.blend(one, y.compare(VectorOperators.GE, 0f)));
                            dy = zero.blend(dy, at.compare(VectorOperators.EQ, (float) w));
                            dy.intoArray(d, pos);
                            s = s.add(dy);
                            s2 = dy.fma(xv, s2);
                        }
                        s.intoArray(acc, c);
                        s2.intoArray(acc, ch + c);
                    }
                }
            }
            flush.run();
        }
    }

    /**
     * In place, the gradient {@code d} through LeakyReLU(gamma * x + beta), rows {@code [from, to)}; per-channel sums
     * of the result and of it times {@code x} added into {@code acc}.
     */
    static void backActivate(float[] d, float[] x, int from, int to, int o, float[] params, int gamma, int beta,
                             float slope, float[] acc) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector leak = FloatVector.broadcast(S, slope);
        for (int c = 0; c < o; c += L) {
            FloatVector gm = FloatVector.fromArray(S, params, gamma + c);
            FloatVector bt = FloatVector.fromArray(S, params, beta + c);
            FloatVector s = FloatVector.fromArray(S, acc, c);
            FloatVector s2 = FloatVector.fromArray(S, acc, o + c);
            for (int i = from * o + c; i < to * o; i += o) {
                FloatVector xv = FloatVector.fromArray(S, x, i);
                FloatVector y = xv.fma(gm, bt);
                FloatVector dy = FloatVector.fromArray(S, d, i).mul(leak.blend(one, y.compare(VectorOperators.GE, 0f)));
                dy.intoArray(d, i);
                s = s.add(dy);
                s2 = dy.fma(xv, s2);
            }
            s.intoArray(acc, c);
            s2.intoArray(acc, o + c);
        }
    }

    /** {@code d = scale * (d - meanDy - x * meanDyXhat)}, per channel, on {@code [from, to)}. */
    static void batchNormBackward(float[] d, float[] x, int from, int to, int o, float[] scale, float[] meanDy,
                                  float[] meanDyXhat) {
        for (int c = 0; c < o; c += L) {
            FloatVector sc = FloatVector.fromArray(S, scale, c);
            FloatVector md = FloatVector.fromArray(S, meanDy, c);
            FloatVector mdx = FloatVector.fromArray(S, meanDyXhat, c).neg();
            for (int i = from + c; i < to; i += o) {
                FloatVector v = FloatVector.fromArray(S, x, i).fma(mdx, FloatVector.fromArray(S, d, i).sub(md));
                v.mul(sc).intoArray(d, i);
            }
        }
    }

    /** {@code g[dst, dst + len) += row[src, src + len)}, {@code len} a whole number of vectors. */
    static void add(float[] g, int dst, float[] row, int src, int len) {
        for (int t = 0; t < len; t += L) {
            FloatVector.fromArray(S, g, dst + t).add(FloatVector.fromArray(S, row, src + t)).intoArray(g, dst + t);
        }
    }
}
