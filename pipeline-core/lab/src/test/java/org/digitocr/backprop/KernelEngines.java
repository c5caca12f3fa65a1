package org.digitocr.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.CnnParameters;
import org.digitocr.engine.KernelNets;
import org.digitocr.engine.ReferenceCnn;

/** Networks, engine runs and comparisons shared by {@link BackpropKernelTest} and {@link BackpropDropoutAdamTest}. */
final class KernelEngines {
    static final int SMALL_SIDE = 14;

    private KernelEngines() {
    }

    /**
     * A small network on 14x14 images: conv, conv + pool + dropout, conv, dense + dropout, output. Variant 0 has only
     * whole-vector channel counts (every per-channel loop in {@link VectorLanes}), variant 1 none (all scalar), variant
     * 2 a random mix.
     */
    static MultiLayerNetwork smallNet(int variant, boolean dropout) {
        int w = KernelNets.vectorWidth();
        int[] c;
        switch (variant) {
            case 0 -> c = new int[] {w, 2 * w, w, 2 * w};
            case 1 -> c = new int[] {7, 17, 9, 33};
            default -> {
                SplittableRandom rnd = new SplittableRandom(40 + variant);
                List<Integer> choices = KernelNets.channelChoices(w);
                c = new int[4];
                for (int i = 0; i < 4; i++) {
                    c[i] = choices.get(rnd.nextInt(choices.size()));
                }
            }
        }
        double keep = dropout ? 0.75 : 1;
        MultiLayerNetwork net = KernelNets.network(50 + variant, SMALL_SIDE, 0.3, List.of(
                KernelNets.Spec.conv(c[0], false, 1),
                KernelNets.Spec.conv(c[1], true, keep),
                KernelNets.Spec.conv(c[2], false, 1),
                KernelNets.Spec.dense(c[3], dropout ? 0.5 : 1)));
        KernelNets.randomizeBatchNorm(net, SMALL_SIDE, 60 + variant);
        return net;
    }

    static MultiLayerNetwork referenceNet(long seed, boolean dropout) {
        MultiLayerNetwork net = ReferenceCnn.create(seed, 1e-3);
        return dropout ? net : KernelNets.withoutDropout(net);
    }

    /** Loss and gradient of one engine's first {@link BackpropEngine#gradient} call, and the running statistics after. */
    record Result(double loss, float[] gradient, float[][] running) {
    }

    static Result gradient(MultiLayerNetwork net, int side, float[] pixels, float[] targets, int n, int maxBatch,
                                   int threads, long seed, boolean vector) {
        CnnLayout layout = CnnLayout.of(net, side);
        CnnParameters p = CnnParameters.of(net, layout);
        try (BackpropEngine engine = new BackpropEngine(p, new Adam(layout.parameters()), maxBatch, threads, seed, vector)) {
            double loss = engine.gradient(pixels, targets, n);
            List<float[]> running = new ArrayList<>();
            for (int b = 0; b < layout.blocks().size() - 1; b++) {
                running.add(p.runningMean(b).clone());
                running.add(p.runningVar(b).clone());
            }
            return new Result(loss, engine.lastGradient().clone(), running.toArray(new float[0][]));
        }
    }

    static void assertSame(String what, Result expected, Result got, double gradientTolerance, double lossTolerance) {
        assertEquals(expected.loss(), got.loss(), lossTolerance * Math.abs(expected.loss()), what + ": loss");
        assertGradientsClose(what, expected.gradient(), got.gradient(), gradientTolerance);
        for (int k = 0; k < expected.running().length; k++) {
            float[] e = expected.running()[k];
            float[] r = got.running()[k];
            for (int c = 0; c < e.length; c++) {
                assertEquals(e[c], r[c], 1e-5 * Math.max(1, Math.abs(e[c])), what + ": running statistics " + k + " channel " + c);
            }
        }
    }

    static void assertGradientsClose(String what, float[] expected, float[] got, double relative) {
        double max = 0;
        for (float e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - got[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        assertTrue(max > 0, what + ": a zero gradient");
        assertTrue(worst <= relative * max, what + ": largest difference " + worst + " at " + at + " (" + got[at] + " vs "
                + expected[at] + "), largest gradient " + max);
    }
}
