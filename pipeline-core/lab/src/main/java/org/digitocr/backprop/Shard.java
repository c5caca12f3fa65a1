package org.digitocr.backprop;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.SmallGemm;

/**
 * One thread's share of a training step: the forward and backward passes of a slice of the minibatch, with every
 * buffer allocated once. Work that needs the whole minibatch (BatchNorm statistics and their gradient sums) is
 * split into phases: each phase leaves per-channel partial sums that {@link BackpropEngine} combines before the
 * next. GEMMs run in OpenBLAS on native buffers; element-wise work runs on Java arrays, in NHWC layout, its
 * per-channel loops in {@link VectorLanes} when the JVM has the Vector API and as scalar loops otherwise.
 */
final class Shard implements AutoCloseable {
    private final CnnLayout layout;
    private final float slope;
    private final List<FloatPointer> natives = new ArrayList<>();
    private final FloatPointer[] colP;
    private final FloatBuffer[] col;
    /**
     * Per block: images whose im2col rows are built and multiplied at a time. A multi-channel convolution works one
     * small group at a time so that its im2col rows stay in cache between the copy and the GEMM (the second
     * convolution's rows for 32 images would take 21 MB); its backward pass builds them again.
     */
    private final int[] tile;
    /** im2col of a one-channel input, built on the heap (runs of 3 floats) and copied to native memory at once. */
    private final float[] stage;
    private final FloatPointer zP;
    private final FloatBuffer z;
    private final FloatPointer dzP;
    private final FloatBuffer dz;
    private final FloatPointer dwP;
    private final FloatBuffer dw;
    private final FloatPointer dcolP;
    private final FloatBuffer dcol;
    private final float[] dcolRow;
    /** Per block: normalised pre-activations {@code [rows, out]}, kept for the backward pass. */
    private final float[][] xhat;
    /** Per block: output after activation, pooling and dropout (the next block's input). */
    private final float[][] out;
    /** Per block: gradient of the loss with respect to {@link #out}. */
    private final float[][] grad;
    /**
     * Per block: the gradient with respect to the BatchNorm output, then to the layer's output; for a block without
     * pooling, the same array as {@link #grad} (the gradient is transformed in place).
     */
    private final float[][] pre;
    /** Per pooled block: which member of each window won, 0..3. */
    private final float[][] argmax;
    private final float[][] mask;
    /** Per block, per channel: partial sums this shard contributes to the minibatch statistics. */
    final double[][] sum;
    final double[][] sumSquares;
    /** This shard's gradient, in the flat parameter layout (BatchNorm gamma and beta left to the engine). */
    final float[] gradient;
    private final float[] probs;
    private final float[] acc;
    /** Floats copied between native and heap memory at a time, small enough to be worked on while in cache. */
    private static final int CHUNK = 2048;
    /** Most im2col floats of a tiled convolution at a time (256 KB, a fraction of a core's L2 cache); at least one image. */
    private static final int TILE_FLOATS = 64 * 1024;
    private SplittableRandom random;
    /** Whether the per-channel loops run in {@link VectorLanes}. */
    private final boolean vector;
    private float[] pixels;
    private float[] targets;
    private int from;
    int n;
    double loss;

    Shard(CnnLayout layout, int capacity, long seed, boolean vector) {
        this.layout = layout;
        this.vector = vector;
        this.slope = layout.slope();
        int blocks = layout.blocks().size();
        colP = new FloatPointer[blocks];
        col = new FloatBuffer[blocks];
        tile = new int[blocks];
        xhat = new float[blocks][];
        out = new float[blocks][];
        grad = new float[blocks][];
        pre = new float[blocks][];
        argmax = new float[blocks][];
        mask = new float[blocks][];
        sum = new double[blocks][];
        sumSquares = new double[blocks][];
        long zMax = 0;
        long dwMax = 0;
        long colMax = 0;
        for (int b = 0; b < blocks; b++) {
            CnnLayout.Block k = layout.blocks().get(b);
            long rows = (long) capacity * k.rows();
            boolean tiled = k.convolution() && k.in() > 1;
            tile[b] = tiled ? Math.max(1, Math.min(capacity, TILE_FLOATS / (k.rows() * k.k()))) : capacity;
            long colSize = (long) tile[b] * k.rows() * k.k();
            colP[b] = keep(new FloatPointer(colSize));
            col[b] = colP[b].asBuffer();
            colMax = Math.max(colMax, colSize);
            zMax = Math.max(zMax, rows * k.out());
            dwMax = Math.max(dwMax, (long) k.k() * k.out());
            int size = (int) (rows * k.out());
            xhat[b] = new float[size];
            out[b] = new float[capacity * k.outputSize()];
            grad[b] = new float[capacity * k.outputSize()];
            pre[b] = k.pool() ? new float[size] : grad[b];
            argmax[b] = k.pool() ? new float[out[b].length] : null;
            mask[b] = k.keep() < 1 ? new float[out[b].length] : null;
            sum[b] = new double[k.out()];
            sumSquares[b] = new double[k.out()];
        }
        long staged = 0;
        for (int b = 0; b < blocks; b++) {
            if (layout.blocks().get(b).convolution() && layout.blocks().get(b).in() == 1) {
                staged = Math.max(staged, colP[b].capacity());
            }
        }
        stage = new float[(int) staged];
        zP = keep(new FloatPointer(zMax));
        z = zP.asBuffer();
        dzP = keep(new FloatPointer(zMax));
        dz = dzP.asBuffer();
        dwP = keep(new FloatPointer(dwMax));
        dw = dwP.asBuffer();
        dcolP = keep(new FloatPointer(colMax));
        dcol = dcolP.asBuffer();
        dcolRow = new float[layout.blocks().stream().mapToInt(CnnLayout.Block::k).max().orElse(0)];
        gradient = new float[layout.parameters()];
        probs = new float[capacity * layout.classes()];
        acc = new float[2 * layout.blocks().stream().mapToInt(CnnLayout.Block::out).max().orElse(0)];
        random = new SplittableRandom(seed);
    }

    /** Restarts this shard's dropout stream. */
    void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    /** Whether rows of {@code channels} go through {@link VectorLanes} (never loaded when {@link #vector} is off). */
    private boolean lanes(int channels) {
        return vector && VectorLanes.fits(channels);
    }

    private FloatPointer keep(FloatPointer p) {
        natives.add(p);
        return p;
    }

    /** Takes images {@code [from, from + n)} of the minibatch. */
    void load(float[] pixels, float[] targets, int from, int n) {
        this.pixels = pixels;
        this.targets = targets;
        this.from = from;
        this.n = n;
    }

    /**
     * Forward through block {@code b}'s convolution or dense layer: im2col and GEMM; leaves the pre-activations
     * in {@link #xhat} and their per-channel sums in {@link #sum} and {@link #sumSquares}. The layer's bias is left
     * out: BatchNorm subtracts the minibatch mean right after, so only the running mean sees it.
     */
    void linear(int b, FloatPointer weights) {
        CnnLayout.Block k = layout.blocks().get(b);
        int o = k.out();
        float[] x = xhat[b];
        double[] s = sum[b];
        double[] s2 = sumSquares[b];
        java.util.Arrays.fill(s, 0);
        java.util.Arrays.fill(s2, 0);
        int chunk = o * Math.max(1, CHUNK / o);
        for (int first = 0; first < n; first += tile[b]) {
            int count = Math.min(tile[b], n - first);
            int start = first * k.rows() * o;
            int end = start + count * k.rows() * o;
            fillInput(b, k, first, count);
            int rows = count * k.rows();
            int step = k.convolution() ? SmallGemm.forwardRows(k.in(), o, k.k(), rows) : rows;
            for (int r = 0; r < rows; r += step) {
                gemm(false, false, Math.min(step, rows - r), o, k.k(), at(colP[b], (long) r * k.k()), k.k(), weights, o,
                        at(zP, start + (long) r * o), o, 0f);
            }
            for (int from = start; from < end; from += chunk) {
                int to = Math.min(end, from + chunk);
                z.get(from, x, from, to - from);
                if (lanes(o)) {
                    VectorLanes.sums(x, from, to, o, acc);
                } else {
                    for (int i = from; i < to; i += o) {
                        for (int c = 0; c < o; c++) {
                            acc[c] += x[i + c];
                            acc[o + c] += x[i + c] * x[i + c];
                        }
                    }
                }
                flush(o, s, s2);
            }
        }
    }

    /** A view of {@code p} from float {@code offset} past its position on, for GEMMs on part of a buffer. */
    private static FloatPointer at(FloatPointer p, long offset) {
        return offset == 0 ? p : new FloatPointer(p).position(p.position() + offset);
    }

    /** The im2col rows of images {@code [first, first + count)} of this shard, from row 0 of the block's buffer. */
    private void fillInput(int b, CnnLayout.Block k, int first, int count) {
        float[] in = b == 0 ? pixels : out[b - 1];
        int offset = ((b == 0 ? from : 0) + first) * k.inSide() * k.inSide() * k.in();
        if (!k.convolution()) {
            col[b].put(0, in, offset, count * k.in());
            return;
        }
        int side = k.inSide();
        int o = k.outSide();
        int channels = k.in();
        int run = 3 * channels;
        int kk = k.k();
        boolean staged = channels == 1;
        int r = 0;
        for (int img = 0; img < count; img++) {
            int base = offset / channels + img * side * side;
            for (int y = 0; y < o; y++) {
                for (int x = 0; x < o; x++, r++) {
                    int dst = r * kk;
                    for (int ky = 0; ky < 3; ky++) {
                        int src = (base + (y + ky) * side + x) * channels;
                        if (staged) {
                            System.arraycopy(in, src, stage, dst, run);
                        } else {
                            col[b].put(dst, in, src, run);
                        }
                        dst += run;
                    }
                }
            }
        }
        if (staged) {
            col[b].put(0, stage, 0, r * kk);
        }
    }

    /**
     * Normalises with the minibatch statistics, then BatchNorm scale and shift, LeakyReLU, pooling and dropout into
     * the block's output, in one pass over the pre-activations.
     */
    void activate(int b, float[] mean, float[] inv, float[] params) {
        CnnLayout.Block k = layout.blocks().get(b);
        if (k.pool() && lanes(k.out())) {
            VectorLanes.pool(xhat[b], n, k.outSide(), k.out(), mean, inv, params, k.gamma(), k.beta(), slope, out[b],
                    argmax[b]);
        } else if (k.pool()) {
            pool(k, xhat[b], mean, inv, params, out[b], argmax[b]);
        } else if (lanes(k.out())) {
            VectorLanes.normalizeActivate(xhat[b], out[b], n * k.rows() * k.out(), k.out(), mean, inv, params,
                    k.gamma(), k.beta(), slope);
        } else {
            int o = k.out();
            int size = n * k.rows() * o;
            float[] x = xhat[b];
            float[] a = out[b];
            int g = k.gamma();
            int be = k.beta();
            float even = leakyEven();
            float odd = leakyOdd();
            for (int i = 0; i < size; i += o) {
                for (int c = 0; c < o; c++) {
                    float v = (x[i + c] - mean[c]) * inv[c];
                    x[i + c] = v;
                    float y = params[g + c] * v + params[be + c];
                    a[i + c] = even * y + odd * Math.abs(y);
                }
            }
        }
        if (mask[b] != null) {
            dropout(out[b], mask[b], n * k.outputSize(), k.keep());
        }
    }

    /** LeakyReLU as {@code even * y + odd * |y|}: no branch, and cheaper than {@code Math.max} in these scalar loops. */
    private float leakyEven() {
        return 0.5f * (1 + slope);
    }

    private float leakyOdd() {
        return 0.5f * (1 - slope);
    }

    /**
     * Normalisation, BatchNorm scale and shift, 2x2 max pooling and LeakyReLU (monotonic, so applied after the max) in
     * one pass; records which member of each window won (the first of equals), where the gradient goes back. The
     * comparisons are branch-free: which value is larger is a coin toss the CPU cannot predict.
     */
    private void pool(CnnLayout.Block k, float[] x, float[] mean, float[] inv, float[] params, float[] dst, float[] arg) {
        int o = k.outSide();
        int h = o / 2;
        int ch = k.out();
        int g = k.gamma();
        int be = k.beta();
        float even = leakyEven();
        float odd = leakyOdd();
        int j = 0;
        for (int img = 0; img < n; img++) {
            for (int py = 0; py < h; py++) {
                for (int px = 0; px < h; px++) {
                    int p00 = ((img * o + 2 * py) * o + 2 * px) * ch;
                    int p01 = p00 + ch;
                    int p10 = p00 + o * ch;
                    int p11 = p10 + ch;
                    for (int c = 0; c < ch; c++, j++) {
                        float m = mean[c];
                        float iv = inv[c];
                        float gc = params[g + c];
                        float bc = params[be + c];
                        float x0 = (x[p00 + c] - m) * iv;
                        float x1 = (x[p01 + c] - m) * iv;
                        float x2 = (x[p10 + c] - m) * iv;
                        float x3 = (x[p11 + c] - m) * iv;
                        x[p00 + c] = x0;
                        x[p01 + c] = x1;
                        x[p10 + c] = x2;
                        x[p11 + c] = x3;
                        float y0 = gc * x0 + bc;
                        float y1 = gc * x1 + bc;
                        float y2 = gc * x2 + bc;
                        float y3 = gc * x3 + bc;
                        int right = greater(y1, y0);
                        float top = pick(y0, y1, right);
                        int rightBelow = greater(y3, y2);
                        float bottom = pick(y2, y3, rightBelow);
                        int below = greater(bottom, top);
                        float best = pick(top, bottom, below);
                        dst[j] = even * best + odd * Math.abs(best);
                        arg[j] = (below << 1) | (right & (below ^ 1)) | (rightBelow & below);
                    }
                }
            }
        }
    }

    /** 1 if {@code a > b}, else 0, without a branch: the sign of {@code b - a} (exact for distinct finite floats). */
    private static int greater(float a, float b) {
        return Float.floatToRawIntBits(b - a) >>> 31;
    }

    /** {@code b} if {@code which} is 1, {@code a} if it is 0, bit for bit, without a branch. */
    private static float pick(float a, float b, int which) {
        int ia = Float.floatToRawIntBits(a);
        return Float.intBitsToFloat(ia ^ ((ia ^ Float.floatToRawIntBits(b)) & -which));
    }

    private void dropout(float[] v, float[] m, int size, float keep) {
        float scale = 1f / keep;
        int threshold = (int) Math.round(keep * (1L << 31));
        for (int i = 0; i < size; i++) {
            m[i] = (random.nextInt() >>> 1) < threshold ? scale : 0f;
        }
        for (int i = 0; i < size; i++) {
            v[i] *= m[i];
        }
    }

    /**
     * The output layer forward and backward: logits, softmax cross-entropy against the targets (its sum over this
     * shard in {@link #loss}), the output layer's weight and bias gradients, and the gradient for the last block.
     */
    void output(FloatPointer weights, float[] params, int batch) {
        int b = layout.blocks().size() - 1;
        CnnLayout.Block k = layout.blocks().get(b);
        int classes = k.out();
        fillInput(b, k, 0, n);
        gemm(false, false, n, classes, k.k(), colP[b], k.k(), weights, classes, zP, classes, 0f);
        z.get(0, probs, 0, n * classes);
        double total = 0;
        float inv = 1f / batch;
        for (int i = 0; i < n; i++) {
            int base = i * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                probs[base + c] += params[k.bias() + c];
                max = Math.max(max, probs[base + c]);
            }
            double norm = 0;
            for (int c = 0; c < classes; c++) {
                norm += Math.exp(probs[base + c] - max);
            }
            double logNorm = Math.log(norm) + max;
            for (int c = 0; c < classes; c++) {
                double logP = probs[base + c] - logNorm;
                float t = targets[(from + i) * classes + c];
                if (t > 0) {
                    total -= t * logP;
                }
                probs[base + c] = ((float) Math.exp(logP) - t) * inv;
            }
        }
        loss = total;
        java.util.Arrays.fill(gradient, k.bias(), k.bias() + classes, 0f);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                gradient[k.bias() + c] += probs[i * classes + c];
            }
        }
        dz.put(0, probs, 0, n * classes);
        weightAndInputGradients(b, k, weights);
    }

    /**
     * Backward through block {@code b}'s dropout, pooling and LeakyReLU, from the gradient of its output to the
     * gradient of its BatchNorm output; leaves the per-channel sums of that gradient, and of it times the
     * normalised input, in {@link #sum} and {@link #sumSquares}.
     */
    void backActivation(int b, float[] params) {
        CnnLayout.Block k = layout.blocks().get(b);
        int o = k.out();
        int outSize = n * k.outputSize();
        float[] g = grad[b];
        if (mask[b] != null) {
            float[] m = mask[b];
            for (int i = 0; i < outSize; i++) {
                g[i] *= m[i];
            }
        }
        if (k.pool()) {
            unpool(k, g, params, b);
            return;
        }
        float[] d = pre[b];
        float[] x = xhat[b];
        int size = n * k.rows() * o;
        int ga = k.gamma();
        int be = k.beta();
        float rise = 1 - slope;
        double[] s = sum[b];
        double[] s2 = sumSquares[b];
        java.util.Arrays.fill(s, 0);
        java.util.Arrays.fill(s2, 0);
        int rows = size / o;
        if (lanes(o)) {
            for (int r = 0; r < rows; r += 64) {
                VectorLanes.backActivate(d, x, r, Math.min(rows, r + 64), o, params, ga, be, slope, acc);
                flush(o, s, s2);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int i = r * o;
            for (int c = 0; c < o; c++) {
                float y = params[ga + c] * x[i + c] + params[be + c];
                // the LeakyReLU derivative without a branch (the sign of y is a coin toss): 1 where y > 0, else slope
                float dy = d[i + c] * (slope + rise * (Float.floatToRawIntBits(-y) >>> 31));
                d[i + c] = dy;
                acc[c] += dy;
                acc[o + c] += dy * x[i + c];
            }
            if ((r & 63) == 63 || r == rows - 1) {
                flush(o, s, s2);
            }
        }
    }

    /**
     * The gradient back through pooling and LeakyReLU of a pooled block: it reaches only each window's winner, so
     * only those get the LeakyReLU derivative and enter the sums; the other three quarters are zero.
     */
    private void unpool(CnnLayout.Block k, float[] g, float[] params, int b) {
        int o = k.outSide();
        int h = o / 2;
        int ch = k.out();
        float[] d = pre[b];
        float[] x = xhat[b];
        float[] arg = argmax[b];
        int ga = k.gamma();
        int be = k.beta();
        float rise = 1 - slope;
        double[] s = sum[b];
        double[] s2 = sumSquares[b];
        java.util.Arrays.fill(s, 0);
        java.util.Arrays.fill(s2, 0);
        java.util.Arrays.fill(acc, 0f);
        if (lanes(ch) && o % 2 == 0) {
            VectorLanes.unpool(g, x, arg, n, o, ch, params, ga, be, slope, d, acc, () -> flush(ch, s, s2));
            return;
        }
        java.util.Arrays.fill(d, 0, n * o * o * ch, 0f);
        int j = 0;
        for (int img = 0; img < n; img++) {
            for (int py = 0; py < h; py++) {
                for (int px = 0; px < h; px++) {
                    int p00 = ((img * o + 2 * py) * o + 2 * px) * ch;
                    for (int c = 0; c < ch; c++, j++) {
                        int at = (int) arg[j];
                        int pos = p00 + c + (at & 1) * ch + (at >> 1) * o * ch;
                        float y = params[ga + c] * x[pos] + params[be + c];
                        float dy = g[j] * (slope + rise * (Float.floatToRawIntBits(-y) >>> 31));
                        d[pos] = dy;
                        acc[c] += dy;
                        acc[ch + c] += dy * x[pos];
                    }
                }
            }
            flush(ch, s, s2);
        }
    }

    /** Adds the float partial sums in {@link #acc} to the double totals and clears them. */
    private void flush(int o, double[] s, double[] s2) {
        for (int c = 0; c < o; c++) {
            s[c] += acc[c];
            s2[c] += acc[o + c];
            acc[c] = 0;
            acc[o + c] = 0;
        }
    }

    /**
     * Backward through block {@code b}'s BatchNorm and layer, given the minibatch's per-channel coefficients:
     * {@code dz = scale * (dy - meanDy - xhat * meanDyXhat)}; then the weight gradient and, unless {@code b} is the
     * first block, the gradient of the previous block's output.
     */
    void backLinear(int b, FloatPointer weights, float[] scale, float[] meanDy, float[] meanDyXhat) {
        CnnLayout.Block k = layout.blocks().get(b);
        int o = k.out();
        int rows = n * k.rows();
        int size = rows * o;
        float[] d = pre[b];
        float[] x = xhat[b];
        int chunk = o * Math.max(1, CHUNK / o);
        for (int from = 0; from < size; from += chunk) {
            int to = Math.min(size, from + chunk);
            if (lanes(o)) {
                VectorLanes.batchNormBackward(d, x, from, to, o, scale, meanDy, meanDyXhat);
            } else {
                for (int i = from; i < to; i += o) {
                    for (int c = 0; c < o; c++) {
                        d[i + c] = scale[c] * (d[i + c] - meanDy[c] - x[i + c] * meanDyXhat[c]);
                    }
                }
            }
            dz.put(from, d, from, to - from);
        }
        weightAndInputGradients(b, k, weights);
    }

    /**
     * From {@code dz} (native, {@code [rows, out]}): the weight gradient and the previous block's output gradient.
     * Tiles go last to first, so the last tile's im2col rows, still in the buffer from the forward pass, are reused.
     */
    private void weightAndInputGradients(int b, CnnLayout.Block k, FloatPointer weights) {
        int o = k.out();
        float[] g = b == 0 ? null : grad[b - 1];
        if (g != null && k.convolution()) {
            java.util.Arrays.fill(g, 0, n * k.inSide() * k.inSide() * k.in(), 0f);
        }
        int last = (n - 1) / tile[b] * tile[b];
        for (int first = last; first >= 0; first -= tile[b]) {
            int count = Math.min(tile[b], n - first);
            int rows = count * k.rows();
            FloatPointer dzTile = at(dzP, (long) first * k.rows() * o);
            if (first != last) {
                fillInput(b, k, first, count);
            }
            int step = k.convolution() ? SmallGemm.weightGradientRows(k.in(), o, k.k(), rows) : rows;
            for (int r = 0; r < rows; r += step) {
                gemm(true, false, k.k(), o, Math.min(step, rows - r), at(colP[b], (long) r * k.k()), k.k(),
                        at(dzTile, (long) r * o), o, dwP, o, first == last && r == 0 ? 0f : 1f);
            }
            if (g == null) {
                continue;
            }
            gemm(false, true, rows, k.k(), o, dzTile, o, weights, o, dcolP, k.k(), 0f);
            if (k.convolution()) {
                col2im(k, g, first, count);
            } else {
                dcol.get(0, g, first * k.k(), rows * k.k());
            }
        }
        dw.get(0, gradient, k.weights(), k.k() * o);
    }

    /**
     * Adds each im2col row's gradient back onto the input pixels it was copied from, reading the native gradient a
     * row at a time into a small heap buffer that stays in cache.
     */
    private void col2im(CnnLayout.Block k, float[] g, int first, int count) {
        int side = k.inSide();
        int o = k.outSide();
        int channels = k.in();
        int run = 3 * channels;
        int kk = k.k();
        boolean lanes = lanes(run);
        int r = 0;
        for (int img = first; img < first + count; img++) {
            int base = img * side * side;
            for (int y = 0; y < o; y++) {
                for (int x = 0; x < o; x++, r++) {
                    dcol.get(r * kk, dcolRow, 0, kk);
                    int src = 0;
                    for (int ky = 0; ky < 3; ky++) {
                        int dst = (base + (y + ky) * side + x) * channels;
                        if (lanes) {
                            VectorLanes.add(g, dst, dcolRow, src, run);
                        } else {
                            for (int t = 0; t < run; t++) {
                                g[dst + t] += dcolRow[src + t];
                            }
                        }
                        src += run;
                    }
                }
            }
        }
    }

    private static void gemm(boolean transA, boolean transB, int m, int nCols, int kDim, FloatPointer a, int lda,
                             FloatPointer b, int ldb, FloatPointer c, int ldc, float beta) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, nCols, kDim, 1f, a, lda, b, ldb, beta, c, ldc);
    }

    @Override
    public void close() {
        natives.forEach(FloatPointer::close);
    }
}
