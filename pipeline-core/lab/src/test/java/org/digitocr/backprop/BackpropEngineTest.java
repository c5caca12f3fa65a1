package org.digitocr.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.LabData;
import org.digitocr.image.LabelledDigits;
import org.digitocr.engine.Batches;
import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.CnnParameters;
import org.digitocr.engine.ReferenceCnn;
import org.digitocr.engine.VectorApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

/** The engine against DL4J itself on real MNIST digits: same loss, gradients, Adam steps and running statistics. */
class BackpropEngineTest {
    private static final int BATCH = 24;
    private static LabelledDigits train;
    private static float[] pixels;
    private static int[] labels;

    @BeforeAll
    static void load() {
        train = LabData.mnist().train();
        labels = java.util.Arrays.copyOf(train.labels(), BATCH);
        labels[3] = LabelledDigits.NOT_A_DIGIT;
        pixels = new float[BATCH * 784];
        for (int i = 0; i < BATCH; i++) {
            train.images().toFloats(i, pixels, i * 784);
        }
        // Faint noise, as on a scan: on a clean background whole pooling windows tie, and which member gets the
        // gradient then depends on float rounding, in DL4J as here.
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.min(1f, pixels[i] + 0.1f * (float) rnd.nextDouble());
        }
    }

    /** The reference network with dropout switched off, so both sides compute the same function. */
    private static MultiLayerNetwork withoutDropout(long seed) {
        MultiLayerNetwork net = ReferenceCnn.create(seed, 1e-3);
        for (var layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof DropoutLayer d) {
                d.setIDropout(null);
            }
        }
        return net;
    }

    @Test
    void theTestJvmHasTheVectorApi() {
        assertTrue(VectorApi.available(), "tests run with " + VectorApi.JVM_OPTION + " (pom.xml's jvm.opens)");
    }

    /** Both the Vector API loops and the scalar ones the engine falls back on without it. */
    @ParameterizedTest(name = "vector lanes {0}")
    @ValueSource(booleans = {true, false})
    void gradientMatchesDl4j(boolean vector) {
        MultiLayerNetwork net = withoutDropout(7);
        CnnLayout layout = CnnLayout.of(net, 28);
        assertEquals(ReferenceCnn.TRAINABLE_PARAMETERS, layout.parameters());
        float[] targets = Batches.targets(labels);
        double loss;
        float[] ours;
        try (BackpropEngine engine = new BackpropEngine(CnnParameters.of(net, layout), new Adam(layout.parameters()), BATCH, 2, 1,
                vector)) {
            loss = engine.gradient(pixels, targets, BATCH);
            ours = engine.lastGradient().clone();
        }
        net.setInput(Batches.features(pixels, BATCH));
        net.setLabels(Batches.oneHot(labels));
        net.computeGradientAndScore();
        assertEquals(net.score(), loss, 1e-4 * Math.abs(loss), "loss");
        MultiLayerNetwork holder = withoutDropout(7);
        holder.setParams(net.gradient().gradient().dup());
        float[] theirs = CnnParameters.of(holder, layout).values();
        for (int i = 0; i < ours.length; i++) {
            ours[i] *= BATCH; // DL4J's gradient is the minibatch sum; its updater divides by the minibatch size
        }
        double max = 0;
        double worst = 0;
        int at = -1;
        for (int i = 0; i < theirs.length; i++) {
            max = Math.max(max, Math.abs(theirs[i]));
        }
        for (int i = 0; i < theirs.length; i++) {
            double diff = Math.abs(theirs[i] - ours[i]);
            if (diff > worst) {
                worst = diff;
                at = i;
            }
        }
        assertTrue(worst < 1e-3 * max, "largest difference " + worst + " at " + at + " (ours " + ours[Math.max(at, 0)]
                + ", DL4J " + theirs[Math.max(at, 0)] + "), largest gradient " + max);
    }

    @Test
    void stepsMatchDl4jFit() {
        MultiLayerNetwork net = withoutDropout(11);
        CnnLayout layout = CnnLayout.of(net, 28);
        CnnParameters p = CnnParameters.of(net, layout);
        float[] targets = Batches.targets(labels);
        try (BackpropEngine engine = new BackpropEngine(p, new Adam(layout.parameters()), BATCH, 2, 1)) {
            for (int s = 0; s < 3; s++) {
                engine.step(pixels, targets, BATCH, 1e-3);
            }
        }
        DataSet batch = new DataSet(Batches.features(pixels, BATCH), Batches.oneHot(labels));
        for (int s = 0; s < 3; s++) {
            net.fit(batch);
        }
        CnnParameters theirs = CnnParameters.of(net, layout);
        double worst = 0;
        for (CnnLayout.Block k : layout.blocks()) {
            for (int i = k.weights(); i < k.bias() + k.out() + (k.batchNorm() ? 2 * k.out() : 0); i++) {
                boolean cancelledBias = k.batchNorm() && i >= k.bias() && i < k.gamma();
                if (!cancelledBias) {
                    worst = Math.max(worst, Math.abs(p.values()[i] - theirs.values()[i]));
                }
            }
        }
        assertTrue(worst < 1e-4, "largest parameter difference after 3 Adam steps " + worst);
        for (int b = 0; b < layout.blocks().size() - 1; b++) {
            for (int c = 0; c < layout.blocks().get(b).out(); c++) {
                assertEquals(theirs.runningMean(b)[c], p.runningMean(b)[c], 2e-3, "running mean of block " + b);
                assertEquals(theirs.runningVar(b)[c], p.runningVar(b)[c], 2e-3 * theirs.runningVar(b)[c], "running variance of block " + b);
            }
        }
    }
}
