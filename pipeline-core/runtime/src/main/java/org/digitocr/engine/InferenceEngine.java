package org.digitocr.engine;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How {@code DigitClassifier} runs the network. Both compute the same logits (to float rounding); the folded
 * engine is the product's, DL4J's own forward pass stays available as the reference and for networks of another
 * shape.
 */
public enum InferenceEngine {
    /** BatchNorm folded into the weights, im2col + OpenBLAS sgemm in NHWC with fused epilogues ({@link FoldedCnn}). */
    FOLDED,
    /** DL4J's {@code MultiLayerNetwork.output}. */
    DL4J;

    /** The folded engine on ND4J's CPU backend; DL4J on the CUDA backend, so the network runs on the GPU. */
    public static InferenceEngine preferred() {
        return Nd4j.getEnvironment().isCPU() ? FOLDED : DL4J;
    }
}
