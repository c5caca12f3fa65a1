package org.digitocr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The small-GEMM path: {@link SmallGemm}'s row counts, and OpenBLAS sgemm called in chunks of those rows the way
 * {@link FoldedCnnRunner} (forward: bias plus {@code A x W}, beta 1, chunk by chunk) and the training shards (weight
 * gradient: {@code A^T B} accumulated over row chunks, beta 0 then 1) call it, against a naive double-precision
 * matrix multiply on random (m, n, k), odd sizes included. Tolerance: each entry within 1e-5 of the sum of
 * |products| that make it (float32 accumulation over up to 5,000 terms).
 */
class SmallGemmKernelTest {
    @BeforeAll
    static void oneThread() {
        SingleThreadedBlas.acquire();
    }

    @AfterAll
    static void release() {
        SingleThreadedBlas.release();
    }

    @Test
    void rowCountsStayInRangeAndSplitOnlyNarrowMultiChannelProducts() {
        SplittableRandom rnd = new SplittableRandom(5);
        int[] channels = {1, 3, 7, 16, 32, 33, 64};
        int[] columns = {1, 7, 10, 31, 32, 33, 64, 512};
        for (int i = 0; i < 2000; i++) {
            int in = channels[rnd.nextInt(channels.length)];
            int cols = columns[rnd.nextInt(columns.length)];
            int depth = 9 * in;
            int rows = 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 20_000);
            int f = SmallGemm.forwardRows(in, cols, depth, rows);
            int g = SmallGemm.weightGradientRows(in, cols, depth, rows);
            String what = "in " + in + " columns " + cols + " depth " + depth + " rows " + rows;
            assertTrue(f >= 1 && f <= rows, what + ": forward " + f);
            assertTrue(g >= 1 && g <= rows, what + ": weight gradient " + g);
            if (in == 1) {
                assertEquals(rows, f, what);
                assertEquals(rows, g, what);
            }
            if (cols > 32) {
                assertEquals(rows, f, what + ": wide forward products are not split");
            }
            // more work per row never gives more rows per call
            assertTrue(SmallGemm.forwardRows(in, cols, 2 * depth, rows) <= f, what);
            assertTrue(SmallGemm.weightGradientRows(in, cols, 2 * depth, rows) <= g, what);
        }
        // the reference network's second convolution (32 to 32, 4 images of 24x24 rows) is split, as documented
        assertTrue(SmallGemm.forwardRows(32, 32, 288, 4 * 24 * 24) < 4 * 24 * 24);
        assertTrue(SmallGemm.weightGradientRows(32, 32, 288, 32 * 24 * 24) < 32 * 24 * 24);
    }

    @Test
    void chunkedForwardProductsEqualNaiveGemm() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = {
                // in channels, columns, rows
                {32, 32, 4 * 24 * 24}, {32, 32, 1}, {32, 32, 31 * 5}, {33, 7, 1000}, {3, 1, 777}, {16, 17, 2047},
                {64, 32, 333}, {1, 32, 26 * 26}, {7, 31, 3001},
        };
        for (int[] s : shapes) {
            int in = s[0];
            int cols = s[1];
            int rows = s[2];
            int depth = 9 * in;
            forward(rnd, rows, cols, depth, SmallGemm.forwardRows(in, cols, depth, rows));
        }
        for (int i = 0; i < 6; i++) {
            int depth = 1 + rnd.nextInt(600);
            int cols = 1 + rnd.nextInt(70);
            int rows = 1 + rnd.nextInt(3000);
            forward(rnd, rows, cols, depth, SmallGemm.forwardRows(2, cols, depth, rows));
        }
    }

    @Test
    void chunkedWeightGradientsEqualNaiveGemm() {
        SplittableRandom rnd = new SplittableRandom(13);
        int[][] shapes = {
                {32, 32, 16 * 24 * 24}, {32, 64, 9 * 10 * 10}, {64, 64, 17 * 8 * 8}, {33, 7, 1001}, {1, 32, 5 * 26 * 26},
                {17, 1, 999}, {32, 32, 1},
        };
        for (int[] s : shapes) {
            int in = s[0];
            int cols = s[1];
            int rows = s[2];
            int depth = 9 * in;
            weightGradient(rnd, rows, cols, depth, SmallGemm.weightGradientRows(in, cols, depth, rows));
        }
        for (int i = 0; i < 5; i++) {
            int depth = 1 + rnd.nextInt(600);
            int cols = 1 + rnd.nextInt(70);
            int rows = 1 + rnd.nextInt(4000);
            weightGradient(rnd, rows, cols, depth, SmallGemm.weightGradientRows(2, cols, depth, rows));
        }
    }

    /** {@code C = bias + A W}, {@code A [rows, depth]}, in calls of {@code step} rows, as the runner makes them. */
    private static void forward(SplittableRandom rnd, int rows, int cols, int depth, int step) {
        float[] a = random(rnd, rows * depth);
        float[] w = random(rnd, depth * cols);
        float[] bias = random(rnd, cols);
        float[] c0 = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, c0, r * cols, cols);
        }
        float[] got = new float[rows * cols];
        try (FloatPointer ap = new FloatPointer(a); FloatPointer wp = new FloatPointer(w); FloatPointer cp = new FloatPointer(c0)) {
            for (int r = 0; r < rows; r += step) {
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                        openblas_nolapack.CblasNoTrans, Math.min(step, rows - r), cols, depth, 1f,
                        r == 0 ? ap : new FloatPointer(ap).position((long) r * depth), depth, wp, cols, 1f,
                        r == 0 ? cp : new FloatPointer(cp).position((long) r * cols), cols);
            }
            cp.get(got);
        }
        String what = "forward " + rows + "x" + depth + " * " + depth + "x" + cols + " in calls of " + step + " rows";
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double sum = bias[j];
                double mag = Math.abs(bias[j]);
                for (int k = 0; k < depth; k++) {
                    double p = (double) a[r * depth + k] * w[k * cols + j];
                    sum += p;
                    mag += Math.abs(p);
                }
                assertClose(what + " at (" + r + ", " + j + ")", sum, got[r * cols + j], mag);
            }
        }
    }

    /** {@code dW = A^T B}, {@code A [rows, depth]}, {@code B [rows, cols]}, accumulated over calls of {@code step} rows. */
    private static void weightGradient(SplittableRandom rnd, int rows, int cols, int depth, int step) {
        float[] a = random(rnd, rows * depth);
        float[] b = random(rnd, rows * cols);
        float[] got = new float[depth * cols];
        try (FloatPointer ap = new FloatPointer(a); FloatPointer bp = new FloatPointer(b);
             FloatPointer dw = new FloatPointer((long) depth * cols)) {
            Pointer.memset(dw, 0xff, (long) depth * cols * Float.BYTES); // NaN: beta 0 must overwrite it
            for (int r = 0; r < rows; r += step) {
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans,
                        openblas_nolapack.CblasNoTrans, depth, cols, Math.min(step, rows - r), 1f,
                        new FloatPointer(ap).position((long) r * depth), depth,
                        new FloatPointer(bp).position((long) r * cols), cols, r == 0 ? 0f : 1f, dw, cols);
            }
            dw.get(got);
        }
        String what = "weight gradient " + depth + "x" + rows + " * " + rows + "x" + cols + " in calls of " + step + " rows";
        double[] sum = new double[depth * cols];
        double[] mag = new double[depth * cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < depth; k++) {
                double x = a[r * depth + k];
                for (int j = 0; j < cols; j++) {
                    double p = x * b[r * cols + j];
                    sum[k * cols + j] += p;
                    mag[k * cols + j] += Math.abs(p);
                }
            }
        }
        for (int i = 0; i < sum.length; i++) {
            assertClose(what + " at " + i, sum[i], got[i], mag[i]);
        }
    }

    private static void assertClose(String what, double expected, float got, double magnitude) {
        if (!(Math.abs(got - expected) <= 1e-5 * magnitude + 1e-30)) {
            throw new AssertionError(what + ": sgemm " + got + ", naive " + expected + ", tolerance " + 1e-5 * magnitude);
        }
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * rnd.nextDouble() - 1);
        }
        return v;
    }
}
