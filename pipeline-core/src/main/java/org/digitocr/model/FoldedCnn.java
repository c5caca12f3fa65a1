package org.digitocr.model;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The trained reference CNN frozen for inference: each BatchNorm folded into the weights and bias of the
 * convolution or dense layer before it, dropout gone, and the weights laid out for {@link FoldedCnnRunner}, which
 * runs the network as im2col and OpenBLAS sgemm in NHWC layout with bias, LeakyReLU and pooling fused into one
 * pass over each output. Immutable; built from a {@link MultiLayerNetwork} of {@link ReferenceCnn}'s shape.
 */
public final class FoldedCnn {
    static final int SIDE = 28;

    /**
     * One convolution (3x3, stride 1, valid) or dense layer with BatchNorm folded in: {@code weights} is
     * {@code [k, out]} row-major, {@code k = kh*kw*in} ordered (kh, kw, in) for a convolution, so one im2col row
     * of an NHWC image multiplies it directly.
     */
    record Folded(int in, int out, int kernel, float[] weights, float[] bias, boolean leaky, boolean poolAfter) {
        int k() {
            return kernel * kernel * in;
        }
    }

    private final List<Folded> convs;
    private final List<Folded> dense;
    private final float slope;

    private FoldedCnn(List<Folded> convs, List<Folded> dense, float slope) {
        this.convs = List.copyOf(convs);
        this.dense = List.copyOf(dense);
        this.slope = slope;
    }

    List<Folded> convs() {
        return convs;
    }

    List<Folded> dense() {
        return dense;
    }

    float slope() {
        return slope;
    }

    /**
     * Folds a trained network of the reference shape: convolutions and dense layers, each followed by BatchNorm
     * and LeakyReLU (the output layer by neither), max pooling 2x2 and dropout between them.
     *
     * @throws IllegalArgumentException when the network is of another shape
     */
    public static FoldedCnn of(MultiLayerNetwork net) {
        List<Folded> convs = new ArrayList<>();
        List<Folded> dense = new ArrayList<>();
        Layer[] layers = net.getLayers();
        double slope = Double.NaN;
        int side = SIDE;
        int channels = 1;
        for (int i = 0; i < layers.length; i++) {
            var conf = layers[i].conf().getLayer();
            if (conf instanceof ConvolutionLayer c && !(conf instanceof SubsamplingLayer)) {
                require(c.getActivationFn() instanceof ActivationIdentity, "convolutions without activation");
                require(c.getKernelSize()[0] == 3 && c.getKernelSize()[1] == 3 && c.getStride()[0] == 1
                        && c.getStride()[1] == 1 && c.getPadding()[0] == 0 && c.getPadding()[1] == 0, "3x3 valid convolutions");
                require(dense.isEmpty(), "convolutions before dense layers");
                INDArray w = layers[i].getParam(DefaultParamInitializer.WEIGHT_KEY);
                long[] s = w.shape(); // [out, in, kh, kw]
                int out = (int) s[0], in = (int) s[1];
                require(in == channels, "channels chain");
                float[] wt = new float[9 * in * out];
                float[] src = w.dup('c').data().asFloat();
                for (int o = 0; o < out; o++) {
                    for (int c2 = 0; c2 < in; c2++) {
                        for (int kh = 0; kh < 3; kh++) {
                            for (int kw = 0; kw < 3; kw++) {
                                wt[((kh * 3 + kw) * in + c2) * out + o] = src[((o * in + c2) * 3 + kh) * 3 + kw];
                            }
                        }
                    }
                }
                float[] bias = layers[i].getParam(DefaultParamInitializer.BIAS_KEY).dup('c').data().asFloat();
                i = foldBatchNorm(layers, i + 1, wt, bias, out);
                slope = leakySlope(layers, i + 1, slope);
                i++;
                boolean pool = i + 1 < layers.length && layers[i + 1].conf().getLayer() instanceof SubsamplingLayer;
                side -= 2;
                if (pool) {
                    requirePool((SubsamplingLayer) layers[i + 1].conf().getLayer());
                    require(side % 2 == 0, "even sides before pooling");
                    side /= 2;
                    i++;
                }
                channels = out;
                convs.add(new Folded(in, out, 3, wt, bias, true, pool));
            } else if (conf instanceof DenseLayer || conf instanceof OutputLayer) {
                require(conf instanceof OutputLayer || ((DenseLayer) conf).getActivationFn() instanceof ActivationIdentity,
                        "dense layers without activation");
                INDArray w = layers[i].getParam(DefaultParamInitializer.WEIGHT_KEY);
                int in = (int) w.size(0), out = (int) w.size(1);
                float[] src = w.dup('c').data().asFloat();
                float[] wt = dense.isEmpty() ? fromNchwRows(src, channels, side, out) : src;
                require(!dense.isEmpty() || in == channels * side * side, "flattened size");
                float[] bias = layers[i].getParam(DefaultParamInitializer.BIAS_KEY).dup('c').data().asFloat();
                boolean last = conf instanceof OutputLayer;
                if (!last) {
                    i = foldBatchNorm(layers, i + 1, wt, bias, out);
                    slope = leakySlope(layers, i + 1, slope);
                    i++;
                }
                dense.add(new Folded(in, out, 1, wt, bias, !last, false));
                if (last) {
                    require(i == layers.length - 1, "output layer last");
                }
            } else {
                require(conf instanceof DropoutLayer, "only dropout between blocks, found " + conf.getClass().getSimpleName());
            }
        }
        require(!convs.isEmpty() && !dense.isEmpty(), "convolutions and dense layers");
        require(convs.get(0).in() == 1, "one input channel");
        require(slope >= 0 && slope < 1, "a LeakyReLU slope in [0, 1)");
        return new FoldedCnn(convs, dense, (float) slope);
    }

    /** Dense weights {@code [c*h*w, out]} with rows in DL4J's NCHW flattening, reordered to NHWC (h, w, c). */
    private static float[] fromNchwRows(float[] w, int channels, int side, int out) {
        float[] r = new float[w.length];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < side * side; p++) {
                System.arraycopy(w, (c * side * side + p) * out, r, (p * channels + c) * out, out);
            }
        }
        return r;
    }

    /** Folds the BatchNorm at {@code at} into {@code [k, out]} weights and bias; returns its index. */
    private static int foldBatchNorm(Layer[] layers, int at, float[] w, float[] bias, int out) {
        require(at < layers.length && layers[at].conf().getLayer() instanceof BatchNormalization, "BatchNorm after each layer");
        BatchNormalization bn = (BatchNormalization) layers[at].conf().getLayer();
        float[] gamma = layers[at].getParam(BatchNormalizationParamInitializer.GAMMA).dup('c').data().asFloat();
        float[] beta = layers[at].getParam(BatchNormalizationParamInitializer.BETA).dup('c').data().asFloat();
        float[] mean = layers[at].getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).dup('c').data().asFloat();
        float[] spread = layers[at].getParam(bn.isUseLogStd() ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                : BatchNormalizationParamInitializer.GLOBAL_VAR).dup('c').data().asFloat();
        require(gamma.length == out, "BatchNorm size");
        for (int o = 0; o < out; o++) {
            double variance = bn.isUseLogStd() ? Math.pow(10, 2.0 * spread[o]) : spread[o];
            double std = Math.sqrt(variance + bn.getEps());
            double scale = gamma[o] / std;
            for (int r = o; r < w.length; r += out) {
                w[r] = (float) (w[r] * scale);
            }
            bias[o] = (float) ((bias[o] - mean[o]) * scale + beta[o]);
        }
        return at;
    }

    private static double leakySlope(Layer[] layers, int at, double slope) {
        require(at < layers.length && layers[at].conf().getLayer() instanceof ActivationLayer a
                && a.getActivationFn() instanceof ActivationLReLU, "LeakyReLU after each BatchNorm");
        double s = ((ActivationLReLU) ((ActivationLayer) layers[at].conf().getLayer()).getActivationFn()).getAlpha();
        require(Double.isNaN(slope) || s == slope, "one LeakyReLU slope");
        return s;
    }

    private static void requirePool(SubsamplingLayer p) {
        require(p.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX && p.getKernelSize()[0] == 2
                && p.getKernelSize()[1] == 2 && p.getStride()[0] == 2 && p.getStride()[1] == 2, "2x2 max pooling");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("not a network FoldedCnn can run: expected " + what);
        }
    }
}
