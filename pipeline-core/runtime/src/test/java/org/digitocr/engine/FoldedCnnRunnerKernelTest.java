package org.digitocr.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The folded inference engine ({@link FoldedCnnRunner}, with and without {@link Winograd}, and {@link FoldedLogits}
 * splitting a call over threads) on networks of random shape (channel counts that are and are not whole vectors, so
 * some convolutions run as Winograd and some as im2col with the small-GEMM split), with random BatchNorm state:
 * against a plain direct-convolution forward pass written here over the folded weights, against DL4J, and batches of
 * 1, 31 and 33 against the same images one at a time. Tolerances: against the double-precision plain forward and
 * DL4J, 3e-5 of the largest logit magnitude (at least 1; measured at most 4e-7 of it); batched against one at a time,
 * and split over threads against one runner, 1e-5 of it (the same float32 arithmetic, only sgemm's row count
 * differs; measured at most 4e-7).
 */
class FoldedCnnRunnerKernelTest {
    private static final int SIDE = FoldedCnn.SIDE;
    private static final int PIXELS = SIDE * SIDE;
    private static int width;

    @BeforeAll
    static void setUp() {
        width = KernelNets.vectorWidth();
        SingleThreadedBlas.acquire();
    }

    @AfterAll
    static void tearDown() {
        SingleThreadedBlas.release();
    }

    /** A folded network of random shape; {@code shape} picks one of three convolution chains on 28x28. */
    private static MultiLayerNetwork randomNetwork(int shape) {
        SplittableRandom rnd = new SplittableRandom(100 + shape);
        List<Integer> choices = KernelNets.channelChoices(width);
        java.util.function.IntSupplier c = () -> choices.get(rnd.nextInt(choices.size()));
        List<KernelNets.Spec> blocks = new ArrayList<>();
        switch (shape) {
            case 0 -> {
                // the reference chain, all channel counts whole vectors: every multi-channel convolution is Winograd
                blocks.add(KernelNets.Spec.conv(width, false, 1));
                blocks.add(KernelNets.Spec.conv(2 * width, true, 0.75));
                blocks.add(KernelNets.Spec.conv(2 * width, false, 1));
                blocks.add(KernelNets.Spec.conv(3 * width, true, 0.75));
                blocks.add(KernelNets.Spec.dense(33, 0.5));
            }
            case 1 -> {
                // pooling after the first convolution gives odd sides (13, 11): im2col only
                blocks.add(KernelNets.Spec.conv(c.getAsInt(), true, 1));
                blocks.add(KernelNets.Spec.conv(c.getAsInt(), false, 1));
                blocks.add(KernelNets.Spec.conv(7, false, 1));
                blocks.add(KernelNets.Spec.dense(c.getAsInt(), 1));
                blocks.add(KernelNets.Spec.dense(17, 1));
            }
            default -> {
                // a whole-vector convolution on 26 unpooled, then one pooled on 24 with random channels
                blocks.add(KernelNets.Spec.conv(2 * width, false, 1));
                blocks.add(KernelNets.Spec.conv(width, false, 1));
                blocks.add(KernelNets.Spec.conv(c.getAsInt(), true, 1));
                blocks.add(KernelNets.Spec.dense(c.getAsInt(), 1));
            }
        }
        MultiLayerNetwork net = KernelNets.network(200 + shape, SIDE, shape == 1 ? 0.1 : 0.3, blocks);
        KernelNets.randomizeBatchNorm(net, SIDE, 300 + shape);
        LogitsEngines.useLogits(net);
        return net;
    }

    @Test
    void theShapesCoverWinogradAndIm2col() {
        int tiled = 0;
        int im2col = 0;
        for (int shape = 0; shape < 3; shape++) {
            FoldedCnn cnn = FoldedCnn.of(randomNetwork(shape));
            int side = SIDE;
            for (FoldedCnn.Folded c : cnn.convs()) {
                if (Winograd.applies(c.in(), c.out(), c.kernel(), side)) {
                    tiled++;
                } else if (c.in() > 1) {
                    im2col++;
                }
                side = c.poolAfter() ? (side - 2) / 2 : side - 2;
            }
        }
        assertTrue(tiled >= 3, tiled + " Winograd convolutions");
        assertTrue(im2col >= 2, im2col + " multi-channel im2col convolutions");
    }

    @ParameterizedTest(name = "shape {0}")
    @ValueSource(ints = {0, 1, 2})
    void runnerMatchesPlainForwardAndDl4j(int shape) {
        MultiLayerNetwork net = randomNetwork(shape);
        FoldedCnn cnn = FoldedCnn.of(net);
        int n = 1 + 31 + 33;
        float[] pixels = KernelNets.images(n, SIDE, 400 + shape);
        double[] plain = new double[n * 10];
        for (int i = 0; i < n; i++) {
            double[] l = plainForward(cnn, pixels, i);
            System.arraycopy(l, 0, plain, i * 10, 10);
        }
        float[] dl4j;
        try (INDArray x = Batches.features(pixels, n); INDArray y = net.output(x, false)) {
            dl4j = y.dup('c').data().asFloat();
        }
        double scale = 1;
        for (double v : plain) {
            scale = Math.max(scale, Math.abs(v));
        }
        compare("DL4J vs plain forward, shape " + shape, plain, dl4j, 3e-5 * scale);
        for (boolean winograd : new boolean[] {true, false}) {
            float[] got = new float[n * 10];
            try (FoldedCnnRunner runner = new FoldedCnnRunner(cnn, winograd)) {
                runner.logits(pixels, 0, 1, got);
                runner.logits(pixels, 1, 31, got);
                runner.logits(pixels, 32, 33, got);
            }
            compare("runner (Winograd " + winograd + ") vs plain forward, shape " + shape, plain, got, 3e-5 * scale);
        }
    }

    @ParameterizedTest(name = "shape {0}")
    @ValueSource(ints = {0, 1, 2})
    void batchesOf1And31And33EqualOneImageAtATime(int shape) {
        FoldedCnn cnn = FoldedCnn.of(randomNetwork(shape));
        int n = 33;
        float[] pixels = KernelNets.images(n + 2, SIDE, 500 + shape);
        for (boolean winograd : new boolean[] {true, false}) {
            try (FoldedCnnRunner runner = new FoldedCnnRunner(cnn, winograd)) {
                float[] single = new float[(n + 2) * 10];
                for (int i = 0; i < n + 2; i++) {
                    runner.logits(pixels, i, 1, single);
                }
                double scale = 1;
                for (float v : single) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int batch : new int[] {1, 31, 33}) {
                    for (int from : new int[] {0, 2}) {
                        float[] got = new float[(n + 2) * 10];
                        runner.logits(pixels, from, batch, got);
                        float[] expected = new float[got.length];
                        System.arraycopy(single, from * 10, expected, from * 10, batch * 10);
                        compare("shape " + shape + ", Winograd " + winograd + ", batch of " + batch + " from " + from,
                                toDouble(expected), got, 1e-5 * scale);
                    }
                }
            }
        }
    }

    /** {@link FoldedLogits} splitting 1, 31, 33 (and 300: more than one dense block) images over 2 and 3 runners. */
    @Test
    void splittingACallOverThreadsEqualsOneRunner() {
        FoldedCnn cnn = FoldedCnn.of(randomNetwork(0));
        int n = 300;
        float[] pixels = KernelNets.images(n, SIDE, 600);
        float[] one = new float[n * 10];
        try (FoldedCnnRunner runner = new FoldedCnnRunner(cnn)) {
            runner.logits(pixels, 0, n, one);
        }
        double scale = 1;
        for (float v : one) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int threads : new int[] {2, 3}) {
            try (FoldedLogits logits = new FoldedLogits(cnn, 1, threads)) {
                for (int batch : new int[] {1, 31, 33, 300}) {
                    float[] got = logits.logits(pixels, batch);
                    compare(threads + " threads, " + batch + " images", toDouble(java.util.Arrays.copyOf(one, batch * 10)), got,
                            1e-5 * scale);
                }
            }
        }
    }

    /**
     * The plain reference: direct 3x3 valid convolutions on NHWC activations with the folded weights
     * {@code [(ky, kx, in), out]} and bias, LeakyReLU, 2x2 max pooling, then the dense layers; in double precision.
     */
    static double[] plainForward(FoldedCnn cnn, float[] pixels, int image) {
        int side = SIDE;
        int ch = 1;
        double[] a = new double[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            a[i] = pixels[image * PIXELS + i];
        }
        double slope = cnn.slope();
        for (FoldedCnn.Folded c : cnn.convs()) {
            int o = side - 2;
            int out = c.out();
            double[] z = new double[o * o * out];
            for (int y = 0; y < o; y++) {
                for (int x = 0; x < o; x++) {
                    int at = (y * o + x) * out;
                    for (int co = 0; co < out; co++) {
                        z[at + co] = c.bias()[co];
                    }
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            for (int ci = 0; ci < ch; ci++) {
                                double v = a[((y + ky) * side + x + kx) * ch + ci];
                                int wb = ((ky * 3 + kx) * ch + ci) * out;
                                for (int co = 0; co < out; co++) {
                                    z[at + co] += v * c.weights()[wb + co];
                                }
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < z.length; i++) {
                z[i] = z[i] > 0 ? z[i] : slope * z[i];
            }
            if (c.poolAfter()) {
                int h = o / 2;
                double[] p = new double[h * h * out];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < h; x++) {
                        for (int co = 0; co < out; co++) {
                            double m = Double.NEGATIVE_INFINITY;
                            for (int q = 0; q < 4; q++) {
                                m = Math.max(m, z[((2 * y + q / 2) * o + 2 * x + q % 2) * out + co]);
                            }
                            p[(y * h + x) * out + co] = m;
                        }
                    }
                }
                z = p;
                side = h;
            } else {
                side = o;
            }
            a = z;
            ch = out;
        }
        for (FoldedCnn.Folded d : cnn.dense()) {
            double[] z = new double[d.out()];
            for (int j = 0; j < d.out(); j++) {
                z[j] = d.bias()[j];
            }
            for (int i = 0; i < d.in(); i++) {
                for (int j = 0; j < d.out(); j++) {
                    z[j] += a[i] * d.weights()[i * d.out() + j];
                }
            }
            if (d.leaky()) {
                for (int j = 0; j < z.length; j++) {
                    z[j] = z[j] > 0 ? z[j] : slope * z[j];
                }
            }
            a = z;
        }
        return a;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static void compare(String what, double[] expected, float[] got, double tolerance) {
        assertTrue(expected.length == got.length, what + ": lengths");
        double worst = 0;
        int at = 0;
        for (int i = 0; i < got.length; i++) {
            double err = Math.abs(got[i] - expected[i]);
            if (!(err <= worst)) {
                worst = err;
                at = i;
            }
        }
        assertTrue(worst <= tolerance, what + ": largest difference " + worst + " at image " + at / 10 + " class "
                + at % 10 + " (" + got[at] + " vs " + expected[at] + "), tolerance " + tolerance);
    }
}
