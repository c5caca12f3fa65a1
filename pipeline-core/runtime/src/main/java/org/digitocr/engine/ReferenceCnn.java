package org.digitocr.engine;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
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
 * The seed notebook's CNN in DL4J: Conv32-Conv32-Pool-Drop, Conv64-Conv64-Pool-Drop, Dense512-Drop, softmax,
 * each conv and the dense layer followed by BatchNorm and LeakyReLU(0.3), valid padding. 597,738 parameters
 * counting BatchNorm running statistics (596,330 trainable, as in Keras/PyTorch).
 */
public final class ReferenceCnn {
    public static final int CLASSES = 10;
    public static final long PARAMETERS = 597_738L;
    public static final long TRAINABLE_PARAMETERS = 596_330L;
    public static final String DESCRIPTION = "28x28x1 -> [Conv3x3(32)-BN-LReLU(0.3)] x2 -> MaxPool2 -> Dropout(0.25)"
            + " -> [Conv3x3(64)-BN-LReLU(0.3)] x2 -> MaxPool2 -> Dropout(0.25) -> Dense(512)-BN-LReLU(0.3)"
            + " -> Dropout(0.5) -> Dense(10) softmax; valid padding";
    /** Keras' LeakyReLU default slope. */
    public static final double LEAKY_SLOPE = 0.3;
    /** DL4J's dropOut takes the probability of keeping a unit: Keras Dropout(0.25) is 0.75 here. */
    private static final double KEEP_CONV = 0.75;
    private static final double KEEP_DENSE = 0.5;

    private ReferenceCnn() {
    }

    /** The network configuration; {@code learningRate} is the initial Adam rate (the trainer schedules it). */
    public static MultiLayerConfiguration configuration(long seed, double learningRate) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(conv(32)).layer(batchNorm()).layer(leaky())
                .layer(conv(32)).layer(batchNorm()).layer(leaky())
                .layer(maxPool()).layer(new DropoutLayer(KEEP_CONV))
                .layer(conv(64)).layer(batchNorm()).layer(leaky())
                .layer(conv(64)).layer(batchNorm()).layer(leaky())
                .layer(maxPool()).layer(new DropoutLayer(KEEP_CONV))
                .layer(new DenseLayer.Builder().nOut(512).activation(Activation.IDENTITY).build())
                .layer(batchNorm()).layer(leaky())
                .layer(new DropoutLayer(KEEP_DENSE))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
    }

    /** A freshly initialised network. */
    public static MultiLayerNetwork create(long seed, double learningRate) {
        Dl4jHelpers.allow();
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(seed, learningRate));
        net.init();
        return net;
    }

    private static ConvolutionLayer conv(int filters) {
        return new ConvolutionLayer.Builder(3, 3).nOut(filters).activation(Activation.IDENTITY).build();
    }

    /** What {@link #freezeBatchNormStatistics} keeps fixed, in a model card's words. */
    public static final String FROZEN_WHEN_FINE_TUNING = "BatchNorm running statistics";

    /**
     * Stops BatchNorm layers from updating their running mean and variance (decay 1), so fine-tuning on a
     * small, differently distributed set adapts the weights without shifting the statistics inference uses.
     */
    public static void freezeBatchNormStatistics(MultiLayerNetwork net) {
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization bn) {
                bn.setDecay(1.0);
            }
        }
    }

    private static BatchNormalization batchNorm() {
        return new BatchNormalization.Builder().eps(1e-3).decay(0.99).build();
    }

    private static ActivationLayer leaky() {
        return new ActivationLayer.Builder().activation(new ActivationLReLU(LEAKY_SLOPE)).build();
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }
}
