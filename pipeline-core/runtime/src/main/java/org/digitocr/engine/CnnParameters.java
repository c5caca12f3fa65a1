package org.digitocr.engine;

import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's parameters in the layout of {@link CnnLayout}: one flat array of everything Adam trains, and the
 * BatchNorm running mean and variance per block. Converts from and to a DL4J {@link MultiLayerNetwork} of the same
 * layout, so that training on the backprop engine starts from DL4J's initialisation (or a saved model) and ends in
 * a network the rest of the product saves, evaluates and runs. Mutable: the training engine updates it in place.
 */
public final class CnnParameters {
    private final CnnLayout layout;
    private final float[] values;
    private final float[][] runningMean;
    private final float[][] runningVar;

    private CnnParameters(CnnLayout layout) {
        this.layout = layout;
        this.values = new float[layout.parameters()];
        int n = layout.blocks().size();
        runningMean = new float[n][];
        runningVar = new float[n][];
        for (int b = 0; b < n; b++) {
            runningMean[b] = new float[layout.blocks().get(b).out()];
            runningVar[b] = new float[layout.blocks().get(b).out()];
        }
    }

    /** All zeros in {@code layout}'s shape, to be filled (e.g. from parameters averaged over workers). */
    public static CnnParameters zeros(CnnLayout layout) {
        return new CnnParameters(layout);
    }

    public CnnLayout layout() {
        return layout;
    }

    /** Everything trained, in the layout's flat order; the live array (a trainer updates it in place). */
    public float[] values() {
        return values;
    }

    /** Block {@code b}'s BatchNorm running mean, per channel; the live array. */
    public float[] runningMean(int b) {
        return runningMean[b];
    }

    /** Block {@code b}'s BatchNorm running variance, per channel; the live array. */
    public float[] runningVar(int b) {
        return runningVar[b];
    }

    /** Copies the parameters of {@code net}, whose shape {@code layout} describes. */
    public static CnnParameters of(MultiLayerNetwork net, CnnLayout layout) {
        CnnParameters p = new CnnParameters(layout);
        List<Layer[]> groups = groups(net, layout);
        for (int b = 0; b < layout.blocks().size(); b++) {
            CnnLayout.Block block = layout.blocks().get(b);
            Layer[] g = groups.get(b);
            float[] w = floats(g[0].getParam(DefaultParamInitializer.WEIGHT_KEY));
            int prevSide = b == 0 ? layout.side() : layout.blocks().get(b - 1).nextSide();
            int prevChannels = b == 0 ? 1 : layout.blocks().get(b - 1).out();
            float[] ours = block.convolution() ? fromOihw(w, block.in(), block.out())
                    : (b > 0 && layout.blocks().get(b - 1).convolution() ? reorderRows(w, prevChannels, prevSide, block.out(), true) : w);
            System.arraycopy(ours, 0, p.values, block.weights(), ours.length);
            float[] bias = floats(g[0].getParam(DefaultParamInitializer.BIAS_KEY));
            System.arraycopy(bias, 0, p.values, block.bias(), bias.length);
            if (block.batchNorm()) {
                BatchNormalization bn = (BatchNormalization) g[1].conf().getLayer();
                System.arraycopy(floats(g[1].getParam(BatchNormalizationParamInitializer.GAMMA)), 0, p.values, block.gamma(), block.out());
                System.arraycopy(floats(g[1].getParam(BatchNormalizationParamInitializer.BETA)), 0, p.values, block.beta(), block.out());
                System.arraycopy(floats(g[1].getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN)), 0, p.runningMean[b], 0, block.out());
                float[] spread = floats(g[1].getParam(bn.isUseLogStd() ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                        : BatchNormalizationParamInitializer.GLOBAL_VAR));
                for (int c = 0; c < spread.length; c++) {
                    p.runningVar[b][c] = bn.isUseLogStd() ? (float) Math.pow(10, 2.0 * spread[c]) : spread[c];
                }
            }
        }
        return p;
    }

    /** Writes these parameters into {@code net}, which must have this layout. */
    public void writeTo(MultiLayerNetwork net) {
        List<Layer[]> groups = groups(net, layout);
        for (int b = 0; b < layout.blocks().size(); b++) {
            CnnLayout.Block block = layout.blocks().get(b);
            Layer[] g = groups.get(b);
            float[] w = java.util.Arrays.copyOfRange(values, block.weights(), block.bias());
            int prevSide = b == 0 ? layout.side() : layout.blocks().get(b - 1).nextSide();
            int prevChannels = b == 0 ? 1 : layout.blocks().get(b - 1).out();
            float[] theirs = block.convolution() ? toOihw(w, block.in(), block.out())
                    : (b > 0 && layout.blocks().get(b - 1).convolution() ? reorderRows(w, prevChannels, prevSide, block.out(), false) : w);
            assign(g[0].getParam(DefaultParamInitializer.WEIGHT_KEY), theirs);
            assign(g[0].getParam(DefaultParamInitializer.BIAS_KEY), slice(block.bias(), block.out()));
            if (block.batchNorm()) {
                BatchNormalization bn = (BatchNormalization) g[1].conf().getLayer();
                assign(g[1].getParam(BatchNormalizationParamInitializer.GAMMA), slice(block.gamma(), block.out()));
                assign(g[1].getParam(BatchNormalizationParamInitializer.BETA), slice(block.beta(), block.out()));
                assign(g[1].getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN), runningMean[b]);
                float[] spread = new float[block.out()];
                for (int c = 0; c < spread.length; c++) {
                    spread[c] = bn.isUseLogStd() ? (float) (0.5 * Math.log10(runningVar[b][c])) : runningVar[b][c];
                }
                assign(g[1].getParam(bn.isUseLogStd() ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                        : BatchNormalizationParamInitializer.GLOBAL_VAR), spread);
            }
        }
    }

    private float[] slice(int from, int length) {
        return java.util.Arrays.copyOfRange(values, from, from + length);
    }

    /** For each block, its weight layer and (if any) its BatchNorm layer, in order. */
    private static List<Layer[]> groups(MultiLayerNetwork net, CnnLayout layout) {
        List<Layer[]> groups = new java.util.ArrayList<>();
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            var conf = layers[i].conf().getLayer();
            boolean weights = (conf instanceof ConvolutionLayer && !(conf instanceof SubsamplingLayer))
                    || conf instanceof DenseLayer || conf instanceof OutputLayer;
            if (weights) {
                Layer bn = i + 1 < layers.length && layers[i + 1].conf().getLayer() instanceof BatchNormalization
                        ? layers[i + 1] : null;
                groups.add(new Layer[] {layers[i], bn});
            }
        }
        if (groups.size() != layout.blocks().size()) {
            throw new IllegalArgumentException("network has " + groups.size() + " weight layers, layout " + layout.blocks().size());
        }
        return groups;
    }

    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static void assign(INDArray target, float[] v) {
        target.assign(Nd4j.create(v, target.shape(), 'c'));
    }

    /** DL4J's {@code [out, in, kh, kw]} to ours, {@code [(kh, kw, in), out]}. */
    private static float[] fromOihw(float[] w, int in, int out) {
        float[] r = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int k = 0; k < 9; k++) {
                    r[(k * in + c) * out + o] = w[(o * in + c) * 9 + k];
                }
            }
        }
        return r;
    }

    private static float[] toOihw(float[] w, int in, int out) {
        float[] r = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int k = 0; k < 9; k++) {
                    r[(o * in + c) * 9 + k] = w[(k * in + c) * out + o];
                }
            }
        }
        return r;
    }

    /** Dense weight rows between DL4J's NCHW flattening (c, h, w) and ours, NHWC (h, w, c). */
    private static float[] reorderRows(float[] w, int channels, int side, int out, boolean toNhwc) {
        float[] r = new float[w.length];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < side * side; p++) {
                int nchw = (c * side * side + p) * out;
                int nhwc = (p * channels + c) * out;
                System.arraycopy(w, toNhwc ? nchw : nhwc, r, toNhwc ? nhwc : nchw, out);
            }
        }
        return r;
    }
}
