package org.digitocr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Winograd} F(2x2, 3x3) (kernel transform, input transform, the 16 transform-domain products done here as a
 * naive double-precision matrix multiply, output transform with bias, LeakyReLU and optional pooling) against a plain
 * direct 3x3 valid convolution, on random shapes the engine runs that way and batches of 1, 31 and 33 images.
 * Tolerance: each output within 1e-6 of the sum of |weight x input| terms (plus |bias|) that make it (float32
 * rounding of the transforms; measured at most 7e-8 of it).
 */
class WinogradKernelTest {
    private static int width;

    @BeforeAll
    static void vectorWidth() {
        width = KernelNets.vectorWidth();
    }

    @ParameterizedTest(name = "{0} images")
    @ValueSource(ints = {1, 31, 33})
    void matchesDirectConvolutionOnRandomShapes(int n) {
        SplittableRandom rnd = new SplittableRandom(1000 + n);
        int[] sides = {4, 6, 8, 10, 12, 24, 26};
        int cases = 0;
        while (cases < 8) {
            int side = sides[rnd.nextInt(sides.length)];
            int in = width * (1 + rnd.nextInt(3));
            int out = width * (1 + rnd.nextInt(4));
            long macs = (long) n * (side - 2) * (side - 2) * 9 * in * out;
            if (macs > 60_000_000L) {
                continue;
            }
            boolean pool = cases % 2 == 0;
            float slope = cases == 3 ? 0f : (float) (0.5 * rnd.nextDouble());
            check(rnd, n, side, in, out, pool, slope);
            cases++;
        }
    }

    /** The reference network's two Winograd convolutions, 32 to 32 on 26 and 64 to 64 on 10, pooled after. */
    @ParameterizedTest(name = "{0} images")
    @ValueSource(ints = {1, 31, 33})
    void matchesDirectConvolutionOnTheReferenceShapes(int n) {
        SplittableRandom rnd = new SplittableRandom(77 + n);
        if (Winograd.applies(32, 32, 3, 26)) {
            check(rnd, n, 26, 32, 32, true, 0.3f);
        }
        if (Winograd.applies(32, 64, 3, 12)) {
            check(rnd, n, 12, 32, 64, false, 0.3f);
        }
        if (Winograd.applies(64, 64, 3, 10)) {
            check(rnd, n, 10, 64, 64, true, 0.3f);
        }
    }

    @Test
    void runsOnlyWhereItCan() {
        assertThrows(IllegalArgumentException.class, () -> Winograd.tiles(27));
        assertEquals(12, Winograd.tiles(26));
        assertEquals(1, Winograd.tiles(4));
        assertTrue(Winograd.applies(width, width, 3, 26));
        assertFalse(Winograd.applies(1, width, 3, 28), "one input channel runs as im2col");
        assertFalse(Winograd.applies(width, width, 3, 13), "odd side");
        assertFalse(Winograd.applies(width, width, 5, 26), "not 3x3");
        if (width > 1) {
            assertFalse(Winograd.applies(width + 1, width, 3, 26), "channels not a whole number of vectors");
            assertFalse(Winograd.applies(width, width + 1, 3, 26), "channels not a whole number of vectors");
        }
        assertTrue(Winograd.plane(100, 32) >= 100 * 32);
        assertEquals(Winograd.POSITIONS * Winograd.plane(7, width), Winograd.size(7, width));
    }

    private static void check(SplittableRandom rnd, int n, int side, int in, int out, boolean pool, float slope) {
        String what = n + " images " + side + "x" + side + "x" + in + " -> " + out + (pool ? " pooled" : "") + " slope " + slope;
        assertTrue(Winograd.applies(in, out, 3, side), what);
        int offset = 3 * side * side * in + 5;
        float[] input = new float[offset + n * side * side * in + 11];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (2 * rnd.nextDouble() - 1);
        }
        float[] w = new float[9 * in * out];
        double scale = Math.sqrt(2.0 / (9 * in));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (scale * rnd.nextGaussian());
        }
        float[] bias = new float[out];
        for (int i = 0; i < out; i++) {
            bias[i] = (float) (rnd.nextDouble() - 0.5);
        }

        int t = Winograd.tiles(side);
        int tiles = n * t * t;
        float[] u = Winograd.kernels(w, in, out);
        ByteBuffer v = ByteBuffer.allocateDirect(Winograd.size(tiles, in) * Float.BYTES).order(ByteOrder.nativeOrder());
        Winograd.input(input, offset, n, side, in, new float[4 * side * in], v);
        ByteBuffer m = ByteBuffer.allocateDirect(Winograd.size(tiles, out) * Float.BYTES).order(ByteOrder.nativeOrder());
        int planeIn = Winograd.plane(tiles, in);
        int planeOut = Winograd.plane(tiles, out);
        double[] row = new double[out];
        for (int p = 0; p < Winograd.POSITIONS; p++) {
            for (int tile = 0; tile < tiles; tile++) {
                java.util.Arrays.fill(row, 0);
                for (int ci = 0; ci < in; ci++) {
                    double a = v.getFloat((p * planeIn + tile * in + ci) * Float.BYTES);
                    int ub = (p * in + ci) * out;
                    for (int co = 0; co < out; co++) {
                        row[co] += a * u[ub + co];
                    }
                }
                for (int co = 0; co < out; co++) {
                    m.putFloat((p * planeOut + tile * out + co) * Float.BYTES, (float) row[co]);
                }
            }
        }
        int o = side - 2;
        int outSide = pool ? t : o;
        float[] got = new float[n * outSide * outSide * out + 3];
        got[got.length - 1] = 42f;
        Winograd.output(m, n, t, out, bias, slope, pool, got);
        assertEquals(42f, got[got.length - 1], "wrote past the output");

        double[] ref = new double[n * o * o * out];
        double[] mag = new double[ref.length];
        for (int img = 0; img < n; img++) {
            for (int y = 0; y < o; y++) {
                for (int x = 0; x < o; x++) {
                    int at = ((img * o + y) * o + x) * out;
                    for (int co = 0; co < out; co++) {
                        ref[at + co] = bias[co];
                        mag[at + co] = Math.abs(bias[co]);
                    }
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            int src = offset + ((img * side + y + ky) * side + x + kx) * in;
                            for (int ci = 0; ci < in; ci++) {
                                double a = input[src + ci];
                                int wb = ((ky * 3 + kx) * in + ci) * out;
                                for (int co = 0; co < out; co++) {
                                    double term = a * w[wb + co];
                                    ref[at + co] += term;
                                    mag[at + co] += Math.abs(term);
                                }
                            }
                        }
                    }
                }
            }
        }
        double worst = 0;
        for (int img = 0; img < n; img++) {
            for (int y = 0; y < outSide; y++) {
                for (int x = 0; x < outSide; x++) {
                    for (int co = 0; co < out; co++) {
                        double expected;
                        double tol;
                        if (pool) {
                            expected = Double.NEGATIVE_INFINITY;
                            tol = 0;
                            for (int q = 0; q < 4; q++) {
                                int at = ((img * o + 2 * y + q / 2) * o + 2 * x + q % 2) * out + co;
                                expected = Math.max(expected, ref[at]);
                                tol = Math.max(tol, mag[at]);
                            }
                        } else {
                            int at = ((img * o + y) * o + x) * out + co;
                            expected = ref[at];
                            tol = mag[at];
                        }
                        expected = expected > 0 ? expected : expected * slope;
                        double g = got[((img * outSide + y) * outSide + x) * out + co];
                        double err = Math.abs(g - expected);
                        worst = Math.max(worst, err / tol);
                        if (err > 1e-6 * tol) {
                            throw new AssertionError(what + ": image " + img + " (" + y + ", " + x + ") channel " + co
                                    + ": Winograd " + g + ", direct " + expected + ", tolerance " + 1e-6 * tol);
                        }
                    }
                }
            }
        }
        assertTrue(worst < 1e-6, what + ": worst relative error " + worst);
    }
}
