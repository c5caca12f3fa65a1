package org.digitocr.engine;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * The shape of a network the product's own engines run ({@link FoldedCnn} for inference, the backprop engine for
 * training), read from a DL4J {@link MultiLayerNetwork}: blocks of 3x3 valid convolution or dense layer, each
 * followed by BatchNorm and LeakyReLU, then optionally 2x2 max pooling and dropout; and a softmax output layer
 * (trained with softmax cross-entropy; an identity output, as {@code DigitClassifier} sets to read logits, is the
 * same network).
 * Also where each block's tensors sit in one flat parameter array.
 *
 * @param blocks blocks in order, the output layer last
 * @param slope  the LeakyReLU slope shared by all blocks
 * @param side   input image side (square, one channel)
 */
public record CnnLayout(List<Block> blocks, float slope, int side) {
    /**
     * One block. {@code kernel} is 3 for a convolution (weights {@code [3*3*in, out]}, rows ordered (ky, kx, channel)
     * to multiply an NHWC im2col row) and 1 for a dense layer (weights {@code [in, out]}, input rows in NHWC order).
     *
     * @param inSide  input side of a convolution (1 for dense layers)
     * @param keep    probability of keeping a unit in the dropout after the block (1 for none)
     * @param decay   BatchNorm running-statistics decay (1 keeps them fixed)
     * @param eps     BatchNorm epsilon
     * @param offset  where the block's weights start in the flat parameter array; bias, gamma and beta follow
     */
    public record Block(int kernel, int in, int out, int inSide, boolean pool, float keep, boolean batchNorm,
                        double decay, double eps, int offset) {
        public int k() {
            return kernel * kernel * in;
        }

        public int outSide() {
            return kernel == 1 ? 1 : inSide - 2;
        }

        /** Side of the block's output after pooling. */
        public int nextSide() {
            return pool ? outSide() / 2 : outSide();
        }

        /** Output values per image after pooling (the next block's input size). */
        public int outputSize() {
            return nextSide() * nextSide() * out;
        }

        /** Rows of the block's GEMM per image. */
        public int rows() {
            return outSide() * outSide();
        }

        public int weights() {
            return offset;
        }

        public int bias() {
            return offset + k() * out;
        }

        public int gamma() {
            return bias() + out;
        }

        public int beta() {
            return gamma() + out;
        }

        int end() {
            return batchNorm ? beta() + out : bias() + out;
        }

        public boolean convolution() {
            return kernel == 3;
        }
    }

    public CnnLayout {
        blocks = List.copyOf(blocks);
    }

    public Block output() {
        return blocks.get(blocks.size() - 1);
    }

    public int classes() {
        return output().out();
    }

    /** Length of the flat parameter array. */
    public int parameters() {
        return output().end();
    }

    /**
     * The layout of {@code net}.
     *
     * @throws IllegalArgumentException when the network has another shape
     */
    public static CnnLayout of(MultiLayerNetwork net, int side) {
        List<Block> blocks = new ArrayList<>();
        Layer[] layers = net.getLayers();
        double slope = Double.NaN;
        int channels = 1;
        int at = side;
        int offset = 0;
        int i = 0;
        while (i < layers.length) {
            var conf = layers[i].conf().getLayer();
            if (conf instanceof OutputLayer o) {
                require((o.getActivationFn() instanceof ActivationSoftmax || o.getActivationFn() instanceof ActivationIdentity)
                        && i == layers.length - 1, "a softmax output layer last (or identity: its logits)");
                int in = (int) o.getNIn();
                require(in == channels * at * at, "flattened size");
                blocks.add(new Block(1, in, (int) o.getNOut(), 1, false, 1f, false, 1, 0, offset));
                require(slope >= 0 && slope < 1, "a LeakyReLU slope in [0, 1)");
                return new CnnLayout(blocks, (float) slope, side);
            }
            boolean conv = conf instanceof ConvolutionLayer && !(conf instanceof SubsamplingLayer);
            require(conv || conf instanceof DenseLayer, "a convolution or dense layer at layer " + i);
            int in;
            int out;
            if (conv) {
                require(blocks.stream().allMatch(Block::convolution), "convolutions before dense layers");
                ConvolutionLayer c = (ConvolutionLayer) conf;
                require(c.getActivationFn() instanceof ActivationIdentity, "convolutions without activation");
                require(c.getKernelSize()[0] == 3 && c.getKernelSize()[1] == 3 && c.getStride()[0] == 1
                        && c.getStride()[1] == 1 && c.getPadding()[0] == 0 && c.getPadding()[1] == 0, "3x3 valid convolutions");
                in = (int) c.getNIn();
                out = (int) c.getNOut();
                require(in == channels, "channels chain");
            } else {
                DenseLayer d = (DenseLayer) conf;
                require(d.getActivationFn() instanceof ActivationIdentity, "dense layers without activation");
                in = (int) d.getNIn();
                out = (int) d.getNOut();
                require(in == channels * at * at, "flattened size");
            }
            i++;
            require(i < layers.length && layers[i].conf().getLayer() instanceof BatchNormalization, "BatchNorm after layer " + (i - 1));
            BatchNormalization bn = (BatchNormalization) layers[i].conf().getLayer();
            require(!bn.isLockGammaBeta(), "BatchNorm with trainable gamma and beta");
            i++;
            require(i < layers.length && layers[i].conf().getLayer() instanceof ActivationLayer a
                    && a.getActivationFn() instanceof ActivationLReLU, "LeakyReLU after BatchNorm at layer " + i);
            double s = ((ActivationLReLU) ((ActivationLayer) layers[i].conf().getLayer()).getActivationFn()).getAlpha();
            require(Double.isNaN(slope) || s == slope, "one LeakyReLU slope");
            slope = s;
            i++;
            boolean pool = false;
            if (i < layers.length && layers[i].conf().getLayer() instanceof SubsamplingLayer p) {
                require(conv && p.getPoolingType() == PoolingType.MAX && p.getKernelSize()[0] == 2 && p.getStride()[0] == 2
                        && p.getKernelSize()[1] == 2 && p.getStride()[1] == 2 && (at - 2) % 2 == 0, "2x2 max pooling after a convolution");
                pool = true;
                i++;
            }
            float keep = 1f;
            if (i < layers.length && layers[i].conf().getLayer() instanceof DropoutLayer d) {
                require(d.getIDropout() == null || d.getIDropout() instanceof Dropout, "plain dropout");
                keep = d.getIDropout() == null ? 1f : (float) ((Dropout) d.getIDropout()).getP();
                i++;
            }
            Block b = new Block(conv ? 3 : 1, in, out, conv ? at : 1, pool, keep, true, bn.getDecay(), bn.getEps(), offset);
            blocks.add(b);
            offset = b.end();
            channels = out;
            at = conv ? b.nextSide() : 1;
        }
        throw new IllegalArgumentException("not a network of the reference CNN's shape: no output layer");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("not a network of the reference CNN's shape: expected " + what);
        }
    }
}
