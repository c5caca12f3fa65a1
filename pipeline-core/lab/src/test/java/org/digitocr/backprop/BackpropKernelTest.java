package org.digitocr.backprop;

import static org.digitocr.backprop.KernelEngines.assertGradientsClose;
import static org.digitocr.backprop.KernelEngines.assertSame;
import static org.digitocr.backprop.KernelEngines.gradient;
import static org.digitocr.backprop.KernelEngines.referenceNet;
import static org.digitocr.backprop.KernelEngines.smallNet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.backprop.KernelEngines.Result;
import org.digitocr.engine.Batches;
import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.CnnParameters;
import org.digitocr.engine.KernelNets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training engine's kernels beyond {@link BackpropEngineTest} (which checks the reference network, dropout off,
 * an even batch of 24 in two even shards, against DL4J): small networks whose channel counts are and are not whole
 * vectors (variant 0 all whole, so every per-channel loop runs in {@link VectorLanes}; variant 1 none, so all run as
 * scalar loops; variant 2 a random mix), odd batches (1, 31, 33), and uneven shards.
 *
 * <p>Tolerances (float32): gradients against DL4J within 1e-3 of the largest gradient entry and losses within 1e-4
 * relative, as {@link BackpropEngineTest} (measured at most 1e-4 and 1e-7); vector lanes against scalar loops, and
 * sharded against unsharded, gradients within 1e-5 of the largest entry (measured at most 1.4e-6), losses within 1e-6
 * relative and BatchNorm running statistics within 1e-5 (the same arithmetic, summed in another order).
 */
class BackpropKernelTest {
    private static final int SMALL_SIDE = KernelEngines.SMALL_SIDE;

    @ParameterizedTest(name = "variant {0}")
    @ValueSource(ints = {0, 1, 2})
    void vectorLanesAndScalarLoopsAgreeWithDropoutOn(int variant) {
        MultiLayerNetwork net = smallNet(variant, true);
        for (int n : new int[] {1, 31, 33}) {
            float[] pixels = KernelNets.images(n, SMALL_SIDE, 70 + n);
            float[] targets = Batches.targets(KernelNets.labels(n, 80 + n));
            Result vector = gradient(net, SMALL_SIDE, pixels, targets, n, 33, 1, 9, true);
            Result scalar = gradient(net, SMALL_SIDE, pixels, targets, n, 33, 1, 9, false);
            assertSame("variant " + variant + ", " + n + " images, vector vs scalar", scalar, vector, 1e-5, 1e-6);
            if (variant == 1) {
                // no channel count is a whole number of vectors: the engine falls back on the scalar loops entirely
                assertArrayEquals(scalar.gradient(), vector.gradient(), n + " images: the same scalar loops");
            }
        }
    }

    /** Dropout off: the engine's gradient against DL4J's on odd shapes, batches of 1 and 33 (shards of 17 and 16). */
    @ParameterizedTest(name = "variant {0}")
    @ValueSource(ints = {0, 1, 2})
    void gradientMatchesDl4jOnOddShapesAndBatches(int variant) {
        MultiLayerNetwork net = smallNet(variant, false);
        CnnLayout layout = CnnLayout.of(net, SMALL_SIDE);
        MultiLayerNetwork holder = smallNet(variant, false);
        for (int n : new int[] {1, 33}) {
            float[] pixels = KernelNets.images(n, SMALL_SIDE, 90 + n);
            int[] labels = KernelNets.labels(n, 95 + n);
            Result ours = gradient(net, SMALL_SIDE, pixels, Batches.targets(labels), n, n, 1, 3, true);
            net.setInput(Nd4j.create(pixels, new long[] {n, SMALL_SIDE * SMALL_SIDE}, 'c'));
            net.setLabels(Batches.oneHot(labels));
            net.computeGradientAndScore();
            holder.setParams(net.gradient().gradient().dup());
            float[] theirs = CnnParameters.of(holder, layout).values();
            float[] scaled = ours.gradient().clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= n; // DL4J's gradient is the minibatch sum
            }
            String what = "variant " + variant + ", " + n + " images";
            assertEquals(net.score(), ours.loss(), 1e-4 * Math.abs(net.score()), what + ": loss");
            assertGradientsClose(what + " vs DL4J", theirs, scaled, 1e-3);
        }
    }

    /**
     * Dropout off, the reference network: 31 images in 1 shard against 2 (16 + 15), 3 (11 + 11 + 9), 4 (8 + 8 + 8 + 7)
     * and 7 (six of 5 and one of 1); 1 image with other shards idle.
     */
    @Test
    void unevenShardsEqualOneShard() {
        MultiLayerNetwork net = referenceNet(21, false);
        int n = 31;
        float[] pixels = KernelNets.images(n, 28, 22);
        float[] targets = Batches.targets(KernelNets.labels(n, 23));
        Result one = gradient(net, 28, pixels, targets, n, n, 1, 1, true);
        int[][] configs = {{31, 2}, {31, 3}, {100, 1}, {200, 2}};
        for (int[] c : configs) {
            Result sharded = gradient(net, 28, pixels, targets, n, c[0], c[1], 1, true);
            assertSame("31 images, engine for " + c[0] + " on " + c[1] + " threads", one, sharded, 1e-5, 1e-6);
        }
        Result single = gradient(net, 28, pixels, targets, 1, 1, 1, 1, true);
        Result idle = gradient(net, 28, pixels, targets, 1, 64, 2, 1, true);
        assertSame("1 image, engine for 64 on 2 threads", single, idle, 1e-5, 1e-6);
    }

    /**
     * Dropout off, the reference network, 33 images (more than one shard holds): 2 shards (17 + 16), 3 (11 each) and 4
     * (9 + 9 + 9 + 6) agree with each other and with DL4J.
     */
    @Test
    void thirtyThreeImagesInUnevenShardsMatchDl4j() {
        MultiLayerNetwork net = referenceNet(31, false);
        CnnLayout layout = CnnLayout.of(net, 28);
        int n = 33;
        float[] pixels = KernelNets.images(n, 28, 32);
        int[] labels = KernelNets.labels(n, 33);
        float[] targets = Batches.targets(labels);
        Result two = gradient(net, 28, pixels, targets, n, 33, 1, 1, true);
        assertSame("33 images, 3 shards vs 2", two, gradient(net, 28, pixels, targets, n, 33, 3, 1, true), 1e-5, 1e-6);
        assertSame("33 images, 4 shards vs 2", two, gradient(net, 28, pixels, targets, n, 99, 2, 1, true), 1e-5, 1e-6);
        net.setInput(Batches.features(pixels, n));
        net.setLabels(Batches.oneHot(labels));
        net.computeGradientAndScore();
        MultiLayerNetwork holder = referenceNet(31, false);
        holder.setParams(net.gradient().gradient().dup());
        float[] theirs = CnnParameters.of(holder, layout).values();
        float[] scaled = two.gradient().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= n;
        }
        assertEquals(net.score(), two.loss(), 1e-4 * Math.abs(net.score()), "loss");
        assertGradientsClose("33 images in 2 shards vs DL4J", theirs, scaled, 1e-3);
    }
}
