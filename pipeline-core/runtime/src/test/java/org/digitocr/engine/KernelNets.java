package org.digitocr.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Test helper for the kernel tests: small DL4J networks of {@link CnnLayout}'s shape with chosen (odd) channel counts,
 * random BatchNorm state, random input images, and the JVM's float vector width.
 */
public final class KernelNets {
    private KernelNets() {
    }

    /**
     * One block: a 3x3 convolution ({@code conv} true) or dense layer with {@code out} units, each followed by BatchNorm
     * and LeakyReLU, then 2x2 max pooling if {@code pool}, then dropout keeping {@code keep} (none when 1).
     */
    public record Spec(boolean conv, int out, boolean pool, double keep) {
        public static Spec conv(int out, boolean pool, double keep) {
            return new Spec(true, out, pool, keep);
        }

        public static Spec dense(int out, double keep) {
            return new Spec(false, out, false, keep);
        }

        @Override
        public String toString() {
            return (conv ? "conv" : "dense") + out + (pool ? "+pool" : "") + (keep < 1 ? "+drop" + keep : "");
        }
    }

    /** Floats per vector of the JVM's preferred species ({@link Winograd} and the training lanes use the same). */
    public static int vectorWidth() {
        if (!VectorApi.available()) {
            throw new IllegalStateException("the kernel tests need " + VectorApi.JVM_OPTION);
        }
        for (int c = 1; ; c++) {
            if (Winograd.fits(c)) {
                return c;
            }
        }
    }

    /** A freshly initialised network: the blocks, then a 10-way softmax output, on {@code side x side} images. */
    public static MultiLayerNetwork network(long seed, int side, double slope, List<Spec> blocks) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .list();
        for (Spec s : blocks) {
            if (s.conv()) {
                b.layer(new ConvolutionLayer.Builder(3, 3).nOut(s.out()).activation(Activation.IDENTITY).build());
            } else {
                b.layer(new DenseLayer.Builder().nOut(s.out()).activation(Activation.IDENTITY).build());
            }
            b.layer(new BatchNormalization.Builder().eps(1e-3).decay(0.9).build());
            b.layer(new ActivationLayer.Builder().activation(new ActivationLReLU(slope)).build());
            if (s.pool()) {
                b.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
            }
            if (s.keep() < 1) {
                b.layer(new DropoutLayer(s.keep()));
            }
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(ReferenceCnn.CLASSES)
                .activation(Activation.SOFTMAX).build());
        b.setInputType(InputType.convolutionalFlat(side, side, 1));
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /** Switches every dropout layer of {@code net} off; returns it. */
    public static MultiLayerNetwork withoutDropout(MultiLayerNetwork net) {
        for (var layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof DropoutLayer d) {
                d.setIDropout(null);
            }
        }
        return net;
    }

    /**
     * Random BatchNorm gamma, beta, running mean and variance, written into {@code net}, so folding and the
     * normalisation are not near-identities as after initialisation.
     */
    public static void randomizeBatchNorm(MultiLayerNetwork net, int side, long seed) {
        CnnLayout layout = CnnLayout.of(net, side);
        CnnParameters p = CnnParameters.of(net, layout);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < layout.blocks().size(); b++) {
            CnnLayout.Block k = layout.blocks().get(b);
            if (!k.batchNorm()) {
                continue;
            }
            for (int c = 0; c < k.out(); c++) {
                p.values()[k.gamma() + c] = (float) (0.5 + rnd.nextDouble());
                p.values()[k.beta() + c] = (float) (0.6 * rnd.nextDouble() - 0.3);
                p.values()[k.bias() + c] = (float) (0.2 * rnd.nextDouble() - 0.1);
                p.runningMean(b)[c] = (float) (0.4 * rnd.nextDouble() - 0.2);
                p.runningVar(b)[c] = (float) (0.5 + 1.5 * rnd.nextDouble());
            }
        }
        p.writeTo(net);
    }

    /** {@code n} images of {@code side x side} pixels in [0, 1): a random stroke pattern plus noise, no ties. */
    public static float[] images(int n, int side, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] px = new float[n * side * side];
        for (int i = 0; i < n; i++) {
            double cx = side * (0.3 + 0.4 * rnd.nextDouble());
            double cy = side * (0.3 + 0.4 * rnd.nextDouble());
            double r = side * (0.15 + 0.2 * rnd.nextDouble());
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double d = Math.abs(Math.hypot(x - cx, y - cy) - r);
                    double ink = Math.max(0, 1 - d / 1.5);
                    px[(i * side + y) * side + x] = (float) Math.min(0.999, 0.8 * ink + 0.2 * rnd.nextDouble());
                }
            }
        }
        return px;
    }

    /** Labels 0..9 at random, one of them not a digit (uniform target) when {@code n > 2}. */
    public static int[] labels(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = rnd.nextInt(ReferenceCnn.CLASSES);
        }
        if (n > 2) {
            l[n / 2] = org.digitocr.image.LabelledDigits.NOT_A_DIGIT;
        }
        return l;
    }

    /** A copy of {@code p} (values and running statistics), for a second engine to train. */
    public static CnnParameters copy(CnnParameters p, MultiLayerNetwork sameShape) {
        CnnParameters c = CnnParameters.of(sameShape, p.layout());
        System.arraycopy(p.values(), 0, c.values(), 0, p.values().length);
        for (int b = 0; b < p.layout().blocks().size(); b++) {
            System.arraycopy(p.runningMean(b), 0, c.runningMean(b), 0, p.runningMean(b).length);
            System.arraycopy(p.runningVar(b), 0, c.runningVar(b), 0, p.runningVar(b).length);
        }
        return c;
    }

    /** Channel counts for random shapes: whole vectors and not, with {@code width} floats per vector. */
    public static List<Integer> channelChoices(int width) {
        List<Integer> c = new ArrayList<>(List.of(width, 2 * width, 3 * width));
        for (int odd : new int[] {7, 12, 17, 20, 33}) {
            if (odd % width != 0) {
                c.add(odd);
            }
        }
        return c;
    }
}
