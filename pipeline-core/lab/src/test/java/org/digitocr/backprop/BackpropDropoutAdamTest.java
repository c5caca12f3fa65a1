package org.digitocr.backprop;

import static org.digitocr.backprop.KernelEngines.gradient;
import static org.digitocr.backprop.KernelEngines.referenceNet;
import static org.digitocr.backprop.KernelEngines.smallNet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.backprop.KernelEngines.Result;
import org.digitocr.engine.Batches;
import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.CnnParameters;
import org.digitocr.engine.KernelNets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training engine with dropout on (finite steps that lower the loss, reproducible for a seed, a gradient that
 * matches finite differences under the same masks) and Adam (its update against plain Adam, its saved state resuming
 * training bit for bit).
 *
 * <p>Tolerances (float32): dropout gradients against central finite differences of the loss within 1% of the larger
 * of the two plus 1e-4 absolute (measured at most 0.3%); Adam against a double-precision Adam within 1e-6 absolute;
 * reproducibility and the Adam round trip exactly (bit for bit).
 */
class BackpropDropoutAdamTest {
    private static final int SMALL_SIDE = KernelEngines.SMALL_SIDE;

    /** The reference network with its dropout, 16 images: every step finite, and the loss falls within 8 steps. */
    @Test
    void dropoutTrainingStepsAreFiniteAndLowerTheLoss() {
        MultiLayerNetwork net = referenceNet(41, true);
        CnnLayout layout = CnnLayout.of(net, 28);
        assertTrue(layout.blocks().stream().anyMatch(b -> b.keep() < 1), "dropout is on");
        int n = 16;
        float[] pixels = KernelNets.images(n, 28, 42);
        float[] targets = Batches.targets(KernelNets.labels(n, 43));
        CnnParameters p = CnnParameters.of(net, layout);
        double[] losses = new double[8];
        try (BackpropEngine engine = new BackpropEngine(p, new Adam(layout.parameters()), n, 2, 44)) {
            for (int s = 0; s < losses.length; s++) {
                losses[s] = engine.step(pixels, targets, n, 1e-3);
                assertTrue(Double.isFinite(losses[s]) && losses[s] > 0, "step " + s + " loss " + losses[s]);
                for (float g : engine.lastGradient()) {
                    assertTrue(Float.isFinite(g), "step " + s + ": gradient not finite");
                }
            }
        }
        for (float v : p.values()) {
            assertTrue(Float.isFinite(v), "parameter not finite");
        }
        double first = (losses[0] + losses[1]) / 2;
        double last = (losses[6] + losses[7]) / 2;
        assertTrue(last < 0.8 * first, "losses " + java.util.Arrays.toString(losses));
    }

    /**
     * Dropout on (a small network of mixed channel counts, 33 images in shards of 17 and 16): the same seed gives the
     * same steps bit for bit, on 1 thread or 2; another seed gives other masks and so other steps.
     */
    @Test
    void dropoutStepsAreReproducibleForAFixedSeed() {
        MultiLayerNetwork net = smallNet(2, true);
        CnnLayout layout = CnnLayout.of(net, SMALL_SIDE);
        int n = 33;
        float[] pixels = KernelNets.images(n, SMALL_SIDE, 52);
        float[] targets = Batches.targets(KernelNets.labels(n, 53));
        CnnParameters a = CnnParameters.of(net, layout);
        CnnParameters b = CnnParameters.of(net, layout);
        CnnParameters c = CnnParameters.of(net, layout);
        double[] la = train(a, pixels, targets, n, 1, 5, 4);
        double[] lb = train(b, pixels, targets, n, 2, 5, 4);
        double[] lc = train(c, pixels, targets, n, 1, 6, 4);
        assertArrayEquals(la, lb, "losses, seed 5, 1 thread vs 2");
        assertArrayEquals(a.values(), b.values(), "parameters, seed 5, 1 thread vs 2");
        for (int k = 0; k < layout.blocks().size() - 1; k++) {
            assertArrayEquals(a.runningMean(k), b.runningMean(k), "running mean " + k);
            assertArrayEquals(a.runningVar(k), b.runningVar(k), "running variance " + k);
        }
        assertFalse(java.util.Arrays.equals(la, lc), "seed 6 draws other dropout masks: losses " + java.util.Arrays.toString(la)
                + " and " + java.util.Arrays.toString(lc));
        assertFalse(java.util.Arrays.equals(a.values(), c.values()), "seed 6 trains otherwise");
    }

    private static double[] train(CnnParameters p, float[] pixels, float[] targets, int n, int threads, long seed, int steps) {
        double[] losses = new double[steps];
        try (BackpropEngine engine = new BackpropEngine(p, new Adam(p.layout().parameters()), n, threads, seed)) {
            for (int s = 0; s < steps; s++) {
                losses[s] = engine.step(pixels, targets, n, 1e-3);
            }
        }
        return losses;
    }

    /**
     * Dropout on, a small network of mixed channel counts, 33 images in two shards: the engine's gradient against
     * central differences of its loss. A fresh engine with the same seed draws the same masks for its first call, so
     * every evaluation sees the same dropped units. Checked for the largest weight gradient of every block and the
     * largest BatchNorm gamma and beta gradients.
     */
    @Test
    void dropoutGradientMatchesFiniteDifferences() {
        MultiLayerNetwork net = smallNet(2, true);
        CnnLayout layout = CnnLayout.of(net, SMALL_SIDE);
        int n = 33;
        float[] pixels = KernelNets.images(n, SMALL_SIDE, 61);
        float[] targets = Batches.targets(KernelNets.labels(n, 62));
        CnnParameters base = CnnParameters.of(net, layout);
        float[] g;
        try (BackpropEngine engine = new BackpropEngine(base, new Adam(layout.parameters()), n, 1, 63)) {
            engine.gradient(pixels, targets, n);
            g = engine.lastGradient().clone();
        }
        Result noDropout = gradient(KernelNets.withoutDropout(smallNet(2, true)), SMALL_SIDE, pixels, targets, n, n, 1, 63, true);
        assertFalse(java.util.Arrays.equals(g, noDropout.gradient()), "dropout changes the gradient");
        List<Integer> checked = new ArrayList<>();
        for (CnnLayout.Block k : layout.blocks()) {
            checked.add(largest(g, k.weights(), k.bias()));
            if (k.batchNorm()) {
                checked.add(largest(g, k.gamma(), k.gamma() + k.out()));
                checked.add(largest(g, k.beta(), k.beta() + k.out()));
            } else {
                checked.add(largest(g, k.bias(), k.bias() + k.out()));
            }
        }
        CnnParameters fresh = CnnParameters.of(net, layout);
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (int i : checked) {
            float h = 1e-3f * Math.max(1f, Math.abs(fresh.values()[i]));
            double plus = lossAt(net, layout, i, h, pixels, targets, n);
            double minus = lossAt(net, layout, i, -h, pixels, targets, n);
            double fd = (plus - minus) / (2.0 * h);
            double tol = 0.01 * Math.max(Math.abs(fd), Math.abs(g[i])) + 1e-4;
            report.append(String.format(java.util.Locale.ROOT, "%n  parameter %d: engine %.6g, finite difference %.6g", i, g[i], fd));
            ok &= Math.abs(fd - g[i]) <= tol;
        }
        assertTrue(ok, "dropout gradient against finite differences:" + report);
    }

    private static double lossAt(MultiLayerNetwork net, CnnLayout layout, int i, float h, float[] pixels, float[] targets, int n) {
        CnnParameters p = CnnParameters.of(net, layout);
        p.values()[i] += h;
        try (BackpropEngine engine = new BackpropEngine(p, new Adam(layout.parameters()), n, 1, 63)) {
            return engine.gradient(pixels, targets, n);
        }
    }

    private static int largest(float[] g, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) {
            if (Math.abs(g[i]) > Math.abs(g[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Dropout off, the reference network: 2 steps, Adam state saved; 3 more steps continuing, against 3 steps of a fresh
     * engine given the saved state and a copy of the parameters. Bit for bit.
     */
    @Test
    void adamStateSaveAndLoadTrainsOnIdentically(@TempDir Path dir) throws IOException {
        MultiLayerNetwork net = referenceNet(71, false);
        CnnLayout layout = CnnLayout.of(net, 28);
        int n = 9;
        float[] pixels = KernelNets.images(n, 28, 72);
        float[] targets = Batches.targets(KernelNets.labels(n, 73));
        CnnParameters p = CnnParameters.of(net, layout);
        CnnParameters resumed;
        Path saved = dir.resolve("adam-state.bin");
        double[] continued = new double[3];
        try (BackpropEngine engine = new BackpropEngine(p, new Adam(layout.parameters()), n, 1, 74)) {
            engine.step(pixels, targets, n, 1e-3);
            engine.step(pixels, targets, n, 2e-3);
            engine.adam().save(saved);
            resumed = KernelNets.copy(p, net);
            for (int s = 0; s < 3; s++) {
                continued[s] = engine.step(pixels, targets, n, 1e-3);
            }
            assertEquals(5, engine.adam().steps());
        }
        Adam loaded = Adam.load(saved, layout.parameters());
        assertEquals(2, loaded.steps());
        double[] again = new double[3];
        try (BackpropEngine engine = new BackpropEngine(resumed, loaded, n, 1, 74)) {
            for (int s = 0; s < 3; s++) {
                again[s] = engine.step(pixels, targets, n, 1e-3);
            }
        }
        assertArrayEquals(continued, again, "losses of the 3 steps after the save");
        assertArrayEquals(p.values(), resumed.values(), "parameters after 3 more steps");
        for (int k = 0; k < layout.blocks().size() - 1; k++) {
            assertArrayEquals(p.runningMean(k), resumed.runningMean(k), "running mean " + k);
            assertArrayEquals(p.runningVar(k), resumed.runningVar(k), "running variance " + k);
        }
    }

    @Test
    void adamLoadRefusesStateForAnotherNetwork(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("adam.bin");
        new Adam(10).save(file);
        assertThrows(IOException.class, () -> Adam.load(file, 11));
        assertEquals(0, Adam.load(file, 10).steps());
    }

    /**
     * {@link Adam#update} against Adam written out in double precision (DL4J's form: bias correction in the step size,
     * epsilon added to the uncorrected root; parameters rounded to float after each step, as the engine keeps them),
     * 200 steps of random gradients with a changing rate, some gradients zero. Within 1e-6 absolute (float32
     * parameters of magnitude about 1: a few ulps).
     */
    @Test
    void adamUpdateMatchesPlainAdam() {
        SplittableRandom rnd = new SplittableRandom(81);
        int n = 37;
        float[] params = new float[n];
        double[] ref = new double[n];
        for (int i = 0; i < n; i++) {
            params[i] = (float) (2 * rnd.nextDouble() - 1);
            ref[i] = params[i];
        }
        double[] m = new double[n];
        double[] v = new double[n];
        Adam adam = new Adam(n);
        float[] g = new float[n];
        for (int t = 1; t <= 200; t++) {
            for (int i = 0; i < n; i++) {
                g[i] = i % 11 == 0 ? 0f : (float) (Math.pow(10, -3 * rnd.nextDouble()) * (2 * rnd.nextDouble() - 1));
            }
            double lr = 1e-3 * (1 + t % 3);
            adam.update(params, g, lr);
            double alpha = lr * Math.sqrt(1 - Math.pow(Adam.BETA2, t)) / (1 - Math.pow(Adam.BETA1, t));
            for (int i = 0; i < n; i++) {
                m[i] = Adam.BETA1 * m[i] + (1 - Adam.BETA1) * g[i];
                v[i] = Adam.BETA2 * v[i] + (1 - Adam.BETA2) * g[i] * g[i];
                // parameters stored as float, as the engine's are; the step itself in double
                ref[i] = (float) (ref[i] - alpha * m[i] / (Math.sqrt(v[i]) + Adam.EPSILON));
            }
        }
        assertEquals(200, adam.steps());
        for (int i = 0; i < n; i++) {
            assertEquals(ref[i], params[i], 1e-6, "parameter " + i);
        }
        for (int i = 0; i < n; i += 11) {
            assertEquals((float) ref[i], params[i], "never a gradient: never moves");
        }
    }
}
