package org.digitocr.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.digitocr.engine.KernelNets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each {@link VectorLanes} loop against a scalar loop written here that does the same float operations in the same
 * order per channel ({@code Math.fma} where the lanes use {@code fma}), so the results must be bit for bit equal: any
 * lane, row or offset mistake shows. Channels are whole vectors (the lanes' contract: 1, 2 and 3 vectors); row and
 * image counts are 1, 7, 17 and 33, array offsets odd, arrays exactly as long as the data (an overrun throws). Widths
 * that are not whole vectors (1, 7, 17, 33) are refused by {@link VectorLanes#fits}, so the engine takes its scalar
 * loops there (checked on whole networks in {@link BackpropKernelTest}).
 */
class VectorLanesTest {
    private static final int[] COUNTS = {1, 7, 17, 33};
    private static int width;

    @BeforeAll
    static void vectorWidth() {
        width = KernelNets.vectorWidth();
    }

    @Test
    void fitsOnlyWholeVectors() {
        for (int c : new int[] {1, 7, 17, 33, width + 1, 2 * width - 1}) {
            assertEquals(c % width == 0, VectorLanes.fits(c), c + " channels, " + width + " lanes");
        }
        for (int k = 1; k <= 4; k++) {
            assertTrue(VectorLanes.fits(k * width));
        }
        if (width > 1) {
            assertFalse(VectorLanes.fits(33) && VectorLanes.fits(17) && VectorLanes.fits(7));
        }
    }

    @Test
    void sums() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int rows : COUNTS) {
            for (int o : channels()) {
                int from = 3 * o;
                float[] x = random(rnd, from + rows * o + 5, 2);
                float[] acc = random(rnd, 2 * o, 1);
                float[] expected = acc.clone();
                for (int c = 0; c < o; c++) {
                    for (int r = 0; r < rows; r++) {
                        float v = x[from + r * o + c];
                        expected[c] += v;
                        expected[o + c] = Math.fma(v, v, expected[o + c]);
                    }
                }
                VectorLanes.sums(x, from, from + rows * o, o, acc);
                assertArrayEquals(expected, acc, rows + " rows of " + o);
            }
        }
    }

    @Test
    void normalizeActivate() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int rows : COUNTS) {
            for (int o : channels()) {
                int size = rows * o;
                float[] x = random(rnd, size, 3);
                float[] mean = random(rnd, o, 1);
                float[] inv = positive(rnd, o);
                int gamma = 3;
                int beta = gamma + o + 5;
                float[] params = random(rnd, beta + o + 7, 1.5);
                float slope = (float) (0.5 * rnd.nextDouble());
                float[] ex = x.clone();
                float[] ea = new float[size];
                for (int i = 0; i < size; i += o) {
                    for (int c = 0; c < o; c++) {
                        float v = (ex[i + c] - mean[c]) * inv[c];
                        ex[i + c] = v;
                        float y = Math.fma(v, params[gamma + c], params[beta + c]);
                        ea[i + c] = Math.max(y, y * slope);
                    }
                }
                float[] a = new float[size];
                VectorLanes.normalizeActivate(x, a, size, o, mean, inv, params, gamma, beta, slope);
                assertArrayEquals(ex, x, rows + " rows of " + o + ": normalised");
                assertArrayEquals(ea, a, rows + " rows of " + o + ": activated");
            }
        }
    }

    @Test
    void poolPicksTheFirstOfEqualsAsTheScalarLoop() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int images : COUNTS) {
            for (int side : new int[] {2, 6, 10}) {
                for (int ch : channels()) {
                    int h = side / 2;
                    float[] x = random(rnd, images * side * side * ch, 2);
                    // ties: copy one member of some windows onto another, so the first of equals must win
                    for (int w = 0; w < images * h * h; w += 3) {
                        int img = w / (h * h);
                        int py = w / h % h;
                        int px = w % h;
                        int p00 = ((img * side + 2 * py) * side + 2 * px) * ch;
                        int[] members = {p00, p00 + ch, p00 + side * ch, p00 + side * ch + ch};
                        int a = members[rnd.nextInt(4)];
                        int b = members[rnd.nextInt(4)];
                        for (int c = 0; c < ch; c++) {
                            x[b + c] = x[a + c];
                        }
                    }
                    float[] mean = random(rnd, ch, 1);
                    float[] inv = positive(rnd, ch);
                    int gamma = 1;
                    int beta = gamma + ch + 2;
                    float[] params = random(rnd, beta + ch + 3, 1.5);
                    float slope = (float) (0.5 * rnd.nextDouble());
                    float[] ex = x.clone();
                    float[] edst = new float[images * h * h * ch];
                    float[] earg = new float[edst.length];
                    for (int img = 0; img < images; img++) {
                        for (int py = 0; py < h; py++) {
                            for (int px = 0; px < h; px++) {
                                int p00 = ((img * side + 2 * py) * side + 2 * px) * ch;
                                int[] at = {p00, p00 + ch, p00 + side * ch, p00 + side * ch + ch};
                                int j = ((img * h + py) * h + px) * ch;
                                for (int c = 0; c < ch; c++) {
                                    float best = 0;
                                    int win = -1;
                                    for (int q = 0; q < 4; q++) {
                                        float v = (ex[at[q] + c] - mean[c]) * inv[c];
                                        ex[at[q] + c] = v;
                                        float y = Math.fma(v, params[gamma + c], params[beta + c]);
                                        if (win < 0 || y > best) {
                                            best = y;
                                            win = q;
                                        }
                                    }
                                    edst[j + c] = Math.max(best, best * slope);
                                    earg[j + c] = win;
                                }
                            }
                        }
                    }
                    float[] dst = new float[edst.length];
                    float[] arg = new float[edst.length];
                    VectorLanes.pool(x, images, side, ch, mean, inv, params, gamma, beta, slope, dst, arg);
                    String what = images + " images " + side + "x" + side + "x" + ch;
                    assertArrayEquals(ex, x, what + ": normalised");
                    assertArrayEquals(edst, dst, what + ": pooled");
                    assertArrayEquals(earg, arg, what + ": winners");
                }
            }
        }
    }

    @Test
    void unpool() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int images : COUNTS) {
            for (int side : new int[] {2, 6, 10}) {
                for (int ch : channels()) {
                    int h = side / 2;
                    float[] g = random(rnd, images * h * h * ch, 1);
                    float[] x = random(rnd, images * side * side * ch, 2);
                    float[] arg = new float[g.length];
                    for (int i = 0; i < arg.length; i++) {
                        arg[i] = rnd.nextInt(4);
                    }
                    int gamma = 2;
                    int beta = gamma + ch + 1;
                    float[] params = random(rnd, beta + ch + 4, 1.5);
                    float slope = (float) (0.5 * rnd.nextDouble());
                    float[] ed = new float[x.length];
                    double[] esum = new double[2 * ch];
                    float[] eacc = new float[2 * ch];
                    for (int img = 0; img < images; img++) {
                        for (int py = 0; py < h; py++) {
                            for (int px = 0; px < h; px++) {
                                int p00 = ((img * side + 2 * py) * side + 2 * px) * ch;
                                int j = ((img * h + py) * h + px) * ch;
                                for (int c = 0; c < ch; c++) {
                                    for (int w = 0; w < 4; w++) {
                                        int pos = p00 + c + (w & 1) * ch + (w >> 1) * side * ch;
                                        float y = Math.fma(x[pos], params[gamma + c], params[beta + c]);
                                        float dy = g[j + c] * (y >= 0 ? 1f : slope);
                                        dy = arg[j + c] == w ? dy : 0f;
                                        ed[pos] = dy;
                                        eacc[c] += dy;
                                        eacc[ch + c] = Math.fma(dy, x[pos], eacc[ch + c]);
                                    }
                                }
                            }
                        }
                        for (int c = 0; c < 2 * ch; c++) {
                            esum[c] += eacc[c];
                            eacc[c] = 0;
                        }
                    }
                    float[] d = new float[x.length];
                    java.util.Arrays.fill(d, Float.NaN); // every position is written, winners and zeros
                    float[] acc = new float[2 * ch];
                    double[] sum = new double[2 * ch];
                    int[] flushes = {0};
                    VectorLanes.unpool(g, x, arg, images, side, ch, params, gamma, beta, slope, d, acc, () -> {
                        flushes[0]++;
                        for (int c = 0; c < 2 * ch; c++) {
                            sum[c] += acc[c];
                            acc[c] = 0;
                        }
                    });
                    String what = images + " images " + side + "x" + side + "x" + ch;
                    assertEquals(images, flushes[0], what + ": one flush per image");
                    assertArrayEquals(ed, d, what + ": gradient");
                    assertArrayEquals(esum, sum, what + ": sums");
                }
            }
        }
    }

    @Test
    void backActivate() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int rows : COUNTS) {
            for (int o : channels()) {
                int from = 5;
                int to = from + rows;
                float[] d = random(rnd, (to + 2) * o, 1);
                float[] x = random(rnd, d.length, 2);
                int gamma = 7;
                int beta = gamma + o;
                float[] params = random(rnd, beta + o, 1.5);
                float slope = (float) (0.5 * rnd.nextDouble());
                float[] acc = random(rnd, 2 * o, 1);
                float[] ed = d.clone();
                float[] eacc = acc.clone();
                for (int c = 0; c < o; c++) {
                    for (int r = from; r < to; r++) {
                        int i = r * o + c;
                        float y = Math.fma(x[i], params[gamma + c], params[beta + c]);
                        float dy = ed[i] * (y >= 0 ? 1f : slope);
                        ed[i] = dy;
                        eacc[c] += dy;
                        eacc[o + c] = Math.fma(dy, x[i], eacc[o + c]);
                    }
                }
                VectorLanes.backActivate(d, x, from, to, o, params, gamma, beta, slope, acc);
                assertArrayEquals(ed, d, rows + " rows of " + o + ": gradient (rows outside untouched)");
                assertArrayEquals(eacc, acc, rows + " rows of " + o + ": sums");
            }
        }
    }

    @Test
    void batchNormBackward() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (int rows : COUNTS) {
            for (int o : channels()) {
                int from = 2 * o;
                int to = from + rows * o;
                float[] d = random(rnd, to + 3 * o, 1);
                float[] x = random(rnd, d.length, 2);
                float[] scale = random(rnd, o, 2);
                float[] meanDy = random(rnd, o, 0.1);
                float[] meanDyXhat = random(rnd, o, 0.1);
                float[] ed = d.clone();
                for (int i = from; i < to; i += o) {
                    for (int c = 0; c < o; c++) {
                        ed[i + c] = Math.fma(x[i + c], -meanDyXhat[c], ed[i + c] - meanDy[c]) * scale[c];
                    }
                }
                VectorLanes.batchNormBackward(d, x, from, to, o, scale, meanDy, meanDyXhat);
                assertArrayEquals(ed, d, rows + " rows of " + o);
            }
        }
    }

    @Test
    void add() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int dst : COUNTS) {
            for (int len : channels()) {
                int src = dst / 2 + 3;
                float[] g = random(rnd, dst + len + 1, 1);
                float[] row = random(rnd, src + len, 1);
                float[] expected = g.clone();
                for (int t = 0; t < len; t++) {
                    expected[dst + t] += row[src + t];
                }
                VectorLanes.add(g, dst, row, src, len);
                assertArrayEquals(expected, g, len + " floats at " + dst);
            }
        }
    }

    private static int[] channels() {
        return new int[] {width, 2 * width, 3 * width};
    }

    private static float[] random(SplittableRandom rnd, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * (2 * rnd.nextDouble() - 1));
        }
        return v;
    }

    private static float[] positive(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.2 + 2 * rnd.nextDouble());
        }
        return v;
    }
}
