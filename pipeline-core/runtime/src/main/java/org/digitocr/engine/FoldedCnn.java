package org.digitocr.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

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
     * Multiply-adds per image in the engine's products: the network's own count with {@code winograd} false, and
     * with it true fewer for the convolutions {@link FoldedCnnRunner} runs as {@link Winograd} (16 per 2x2 output
     * tile instead of 36).
     */
    public long multiplyAdds(boolean winograd) {
        long total = 0;
        int side = SIDE;
        for (Folded c : convs) {
            int o = side - 2;
            boolean tiled = winograd && Winograd.applies(c.in(), c.out(), c.kernel(), side);
            total += tiled ? (long) Winograd.POSITIONS * (o / 2) * (o / 2) * c.in() * c.out()
                    : (long) o * o * c.k() * c.out();
            side = c.poolAfter() ? o / 2 : o;
        }
        for (Folded d : dense) {
            total += (long) d.in() * d.out();
        }
        return total;
    }

    /**
     * Folds a trained network of the reference shape ({@link CnnLayout}): convolutions and dense layers, each
     * followed by BatchNorm and LeakyReLU (the output layer by neither), max pooling 2x2 and dropout between them.
     *
     * @throws IllegalArgumentException when the network is of another shape
     */
    public static FoldedCnn of(MultiLayerNetwork net) {
        CnnLayout layout = CnnLayout.of(net, SIDE);
        CnnParameters p = CnnParameters.of(net, layout);
        float[] values = p.values();
        List<Folded> convs = new ArrayList<>();
        List<Folded> dense = new ArrayList<>();
        for (int b = 0; b < layout.blocks().size(); b++) {
            CnnLayout.Block k = layout.blocks().get(b);
            float[] w = Arrays.copyOfRange(values, k.weights(), k.bias());
            float[] bias = Arrays.copyOfRange(values, k.bias(), k.bias() + k.out());
            if (k.batchNorm()) {
                foldBatchNorm(k, w, bias, values, p.runningMean(b), p.runningVar(b));
            }
            Folded f = new Folded(k.in(), k.out(), k.kernel(), w, bias, k.batchNorm(), k.pool());
            (k.convolution() ? convs : dense).add(f);
        }
        if (convs.isEmpty() || dense.isEmpty()) {
            throw new IllegalArgumentException("not a network FoldedCnn can run: expected convolutions and dense layers");
        }
        return new FoldedCnn(convs, dense, layout.slope());
    }

    /** Folds inference-time BatchNorm, an affine map per channel, into {@code [k, out]} weights and the bias. */
    private static void foldBatchNorm(CnnLayout.Block k, float[] w, float[] bias, float[] values, float[] mean, float[] var) {
        int out = k.out();
        for (int o = 0; o < out; o++) {
            double scale = values[k.gamma() + o] / Math.sqrt(var[o] + k.eps());
            for (int r = o; r < w.length; r += out) {
                w[r] = (float) (w[r] * scale);
            }
            bias[o] = (float) ((bias[o] - mean[o]) * scale + values[k.beta() + o]);
        }
    }
}
