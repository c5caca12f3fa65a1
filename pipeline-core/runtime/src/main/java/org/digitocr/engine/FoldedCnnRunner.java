package org.digitocr.engine;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Runs a {@link FoldedCnn} on one thread, reusing buffers it owns (no allocation per image or per call).
 * Convolutions go a group of images at a time. Those with several input channels run as {@link Winograd}
 * F(2x2, 3x3) where the Vector API is there: input transform into a native buffer, 16 OpenBLAS sgemms, output
 * transform with bias, LeakyReLU and pooling (1.3-1.7 times the images/s of im2col, alternated in one JVM, one
 * thread, batch 64). The others (and all of them without the Vector API) run as NHWC im2col into a native buffer,
 * one sgemm starting from the bias, then one pass applying LeakyReLU, fused with the 2x2 max pooling where the
 * network pools; that pass runs as flat loops on Java arrays, which the JIT vectorises (element access to direct
 * buffers, or a loop nested per channel, is several times slower), native memory touched only by bulk copies and
 * sgemm. The dense layers then run over up to {@value #DENSE_ROWS} images at once, where sgemm is efficient. Not
 * thread-safe: one runner per thread.
 */
final class FoldedCnnRunner implements AutoCloseable {
    /** Images per convolution sgemm: enough rows for an efficient GEMM, few enough for im2col to stay in cache. */
    static final int GROUP = 4;
    /** Images per dense sgemm. */
    static final int DENSE_ROWS = 256;

    private final FoldedCnn cnn;
    private final int classes;
    private final int features;
    private final List<FloatPointer> natives = new ArrayList<>();
    private final FloatPointer[] convW;
    private final FloatPointer[] convBias;
    private final FloatPointer[] denseW;
    private final FloatPointer[] denseBias;
    private final FloatPointer colP;
    private final FloatBuffer col;
    private final FloatPointer convOutP;
    private final FloatBuffer convOut;
    private final FloatPointer[] denseP;
    private final FloatBuffer[] dense;
    /** Activations after each convolution block (bias, LeakyReLU, pooling applied), NHWC, on the heap. */
    private final float[][] act;
    /** A dense layer's output, for its LeakyReLU. */
    private final float[] denseOut;
    /** The four members of every 2x2 pooling window, each as its own array (see {@link #im2col}). */
    private final float[][] window = new float[4][];
    private final float[] colHeap;
    /** Which convolutions run as {@link Winograd}. */
    private final boolean[] winograd;
    /** {@link #colP} and {@link #convOutP} as bytes, for {@link Winograd}'s transforms. */
    private final ByteBuffer colBytes;
    private final ByteBuffer convOutBytes;
    /** Four rows of a Winograd input transform's first pass. */
    private final float[] transformRows;

    /** A runner using {@link Winograd} convolutions where the Vector API is there. */
    FoldedCnnRunner(FoldedCnn cnn) {
        this(cnn, VectorApi.available());
    }

    /** As above; {@code winogradWanted} false runs every convolution as im2col (also for tests). */
    FoldedCnnRunner(FoldedCnn cnn, boolean winogradWanted) {
        this.cnn = cnn;
        int convs = cnn.convs().size();
        convW = new FloatPointer[convs];
        convBias = new FloatPointer[convs];
        act = new float[convs][];
        winograd = new boolean[convs];
        int side = FoldedCnn.SIDE;
        long colMax = 0;
        long convOutMax = 0;
        int windowMax = 0;
        int transformedMax = 0;
        int rowsMax = 0;
        for (int i = 0; i < convs; i++) {
            FoldedCnn.Folded c = cnn.convs().get(i);
            int o = side - 2;
            winograd[i] = winogradWanted && Winograd.applies(c.in(), c.out(), c.kernel(), side);
            if (winograd[i]) {
                int tiles = GROUP * o * o / 4;
                convW[i] = keep(new FloatPointer(Winograd.kernels(c.weights(), c.in(), c.out())));
                transformedMax = Math.max(transformedMax, Winograd.size(tiles, Math.max(c.in(), c.out())));
                rowsMax = Math.max(rowsMax, 4 * side * c.in());
            } else {
                convW[i] = keep(new FloatPointer(c.weights()));
                convBias[i] = keep(new FloatPointer(tile(c.bias(), GROUP * o * o)));
                colMax = Math.max(colMax, (long) GROUP * o * o * c.k());
                convOutMax = Math.max(convOutMax, (long) GROUP * o * o * c.out());
                windowMax = Math.max(windowMax, c.poolAfter() ? GROUP * o * o * c.out() / 4 : 0);
            }
            side = c.poolAfter() ? o / 2 : o;
            act[i] = new float[GROUP * side * side * c.out()];
        }
        features = act[convs - 1].length / GROUP;
        colP = keep(new FloatPointer(Math.max(colMax, transformedMax)));
        col = colP.asBuffer();
        int first = FoldedCnn.SIDE - 2;
        colHeap = new float[GROUP * first * first * 9];
        convOutP = keep(new FloatPointer(Math.max(convOutMax, transformedMax)));
        convOut = convOutP.asBuffer();
        for (int q = 0; q < 4; q++) {
            window[q] = new float[windowMax];
        }
        colBytes = colP.asByteBuffer();
        convOutBytes = convOutP.asByteBuffer();
        transformRows = new float[rowsMax];
        List<FoldedCnn.Folded> d = cnn.dense();
        denseOut = new float[DENSE_ROWS * d.stream().mapToInt(FoldedCnn.Folded::out).max().orElse(0)];
        denseW = new FloatPointer[d.size()];
        denseBias = new FloatPointer[d.size()];
        denseP = new FloatPointer[d.size() + 1];
        dense = new FloatBuffer[denseP.length];
        denseP[0] = keep(new FloatPointer((long) DENSE_ROWS * features));
        for (int i = 0; i < d.size(); i++) {
            denseW[i] = keep(new FloatPointer(d.get(i).weights()));
            denseBias[i] = keep(new FloatPointer(tile(d.get(i).bias(), DENSE_ROWS)));
            denseP[i + 1] = keep(new FloatPointer((long) DENSE_ROWS * d.get(i).out()));
        }
        for (int i = 0; i < denseP.length; i++) {
            dense[i] = denseP[i].asBuffer();
        }
        classes = d.get(d.size() - 1).out();
    }

    /** The bias repeated for every output row: sgemm starts from it (beta 1), so adding the bias costs nothing. */
    private static float[] tile(float[] bias, int rows) {
        float[] t = new float[rows * bias.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, t, r * bias.length, bias.length);
        }
        return t;
    }

    private FloatPointer keep(FloatPointer p) {
        natives.add(p);
        return p;
    }

    /** Logits of images {@code [from, from + n)} of {@code pixels} (784 floats each) into {@code result} rows. */
    void logits(float[] pixels, int from, int n, float[] result) {
        for (int d = 0; d < n; d += DENSE_ROWS) {
            int rows = Math.min(DENSE_ROWS, n - d);
            for (int g = 0; g < rows; g += GROUP) {
                int count = Math.min(GROUP, rows - g);
                convolutions(pixels, from + d + g, count);
                dense[0].put(g * features, act[act.length - 1], 0, count * features);
            }
            denseLayers(rows);
            dense[dense.length - 1].get(0, result, (from + d) * classes, rows * classes);
        }
    }

    private void convolutions(float[] pixels, int from, int n) {
        int side = FoldedCnn.SIDE;
        float[] in = pixels;
        int inOffset = from * side * side;
        int channels = 1;
        for (int i = 0; i < cnn.convs().size(); i++) {
            FoldedCnn.Folded c = cnn.convs().get(i);
            if (winograd[i]) {
                winograd(c, i, in, inOffset, n, side);
            } else {
                im2colConvolution(c, i, in, inOffset, n, side, channels);
            }
            int o = side - 2;
            side = c.poolAfter() ? o / 2 : o;
            in = act[i];
            inOffset = 0;
            channels = c.out();
        }
    }

    /**
     * Convolution {@code i} of {@code n} images as im2col: one sgemm (in calls {@link SmallGemm} sizes) from the
     * bias, then LeakyReLU fused with the pooling into act.
     */
    private void im2colConvolution(FoldedCnn.Folded c, int i, float[] in, int offset, int n, int side, int channels) {
        int o = side - 2;
        im2col(in, offset, n, side, channels, o, c.poolAfter());
        int rows = n * o * o;
        int size = rows * c.out();
        Pointer.memcpy(convOutP, convBias[i], (long) size * Float.BYTES);
        int step = SmallGemm.forwardRows(channels, c.out(), c.k(), rows);
        for (int r = 0; r < rows; r += step) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, Math.min(step, rows - r), c.out(), c.k(), 1f,
                    r == 0 ? colP : new FloatPointer(colP).position((long) r * c.k()), c.k(), convW[i], c.out(), 1f,
                    r == 0 ? convOutP : new FloatPointer(convOutP).position((long) r * c.out()), c.out());
        }
        if (c.poolAfter()) {
            int quarter = size / 4;
            for (int q = 0; q < 4; q++) {
                convOut.get(q * quarter, window[q], 0, quarter);
            }
            leakyPool(act[i], quarter);
        } else {
            convOut.get(0, act[i], 0, size);
            leaky(act[i], size);
        }
    }

    /** Convolution {@code i} of {@code n} images as {@link Winograd}: transform, 16 sgemms, transform back into act. */
    private void winograd(FoldedCnn.Folded c, int i, float[] in, int offset, int n, int side) {
        int t = Winograd.tiles(side);
        int tiles = n * t * t;
        Winograd.input(in, offset, n, side, c.in(), transformRows, colBytes);
        for (int p = 0; p < Winograd.POSITIONS; p++) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, tiles, c.out(), c.in(), 1f,
                    new FloatPointer(colP).position((long) p * Winograd.plane(tiles, c.in())), c.in(),
                    new FloatPointer(convW[i]).position((long) p * c.in() * c.out()), c.out(), 0f,
                    new FloatPointer(convOutP).position((long) p * Winograd.plane(tiles, c.out())), c.out());
        }
        Winograd.output(convOutBytes, n, t, c.out(), c.bias(), cnn.slope(), c.poolAfter(), act[i]);
    }

    private void denseLayers(int rows) {
        for (int i = 0; i < cnn.dense().size(); i++) {
            FoldedCnn.Folded f = cnn.dense().get(i);
            int size = rows * f.out();
            Pointer.memcpy(denseP[i + 1], denseBias[i], (long) size * Float.BYTES);
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, rows, f.out(), f.in(), 1f, denseP[i], f.in(), denseW[i], f.out(), 1f,
                    denseP[i + 1], f.out());
            if (f.leaky()) {
                dense[i + 1].get(0, denseOut, 0, size);
                leaky(denseOut, size);
                dense[i + 1].put(0, denseOut, 0, size);
            }
        }
    }

    /**
     * NHWC im2col for a 3x3 valid convolution into the native {@code col}: the row of output pixel (image, y, x)
     * holds input rows y..y+2, columns x..x+2, all channels, which in NHWC are three contiguous runs of
     * 3 x channels values. Before 2x2 pooling, rows go by position in the pooling window first (y and x parity),
     * then image, y/2, x/2: the output is then four blocks, one per window member, each laid out like the pooled
     * output, and pooling is an element-wise maximum of four arrays, a loop the JIT vectorises.
     */
    private void im2col(float[] in, int offset, int n, int side, int channels, int o, boolean pooled) {
        int run = 3 * channels;
        int k = 3 * run;
        int r = 0;
        int parities = pooled ? 4 : 1;
        int step = pooled ? 2 : 1;
        int span = o / step;
        for (int p = 0; p < parities; p++) {
            int py = pooled ? p / 2 : 0;
            int px = pooled ? p % 2 : 0;
            for (int img = 0; img < n; img++) {
                int base = offset + img * side * side;
                for (int yy = 0; yy < span; yy++) {
                    int y = yy * step + py;
                    for (int xx = 0; xx < span; xx++, r++) {
                        int x = xx * step + px;
                        int dst = r * k;
                        for (int ky = 0; ky < 3; ky++) {
                            int src = (base + (y + ky) * side + x) * channels;
                            if (channels == 1) {
                                colHeap[dst++] = in[src];
                                colHeap[dst++] = in[src + 1];
                                colHeap[dst++] = in[src + 2];
                            } else {
                                col.put(dst, in, src, run);
                                dst += run;
                            }
                        }
                    }
                }
            }
        }
        if (channels == 1) {
            col.put(0, colHeap, 0, r * k);
        }
    }

    private void leaky(float[] v, int size) {
        float slope = cnn.slope();
        for (int i = 0; i < size; i++) {
            float x = v[i];
            v[i] = Math.max(x, x * slope);
        }
    }

    /** LeakyReLU and 2x2 max pooling at once: both are monotonic, so pooling first is exact. */
    private void leakyPool(float[] dst, int size) {
        float slope = cnn.slope();
        float[] a = window[0];
        float[] b = window[1];
        float[] c = window[2];
        float[] d = window[3];
        for (int i = 0; i < size; i++) {
            float m = Math.max(Math.max(a[i], b[i]), Math.max(c[i], d[i]));
            dst[i] = Math.max(m, m * slope);
        }
    }

    @Override
    public void close() {
        natives.forEach(FloatPointer::close);
    }
}
