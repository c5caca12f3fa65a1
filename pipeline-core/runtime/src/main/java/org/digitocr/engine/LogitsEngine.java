package org.digitocr.engine;

/**
 * Turns {@code n} images of 784 floats into {@code n x 10} logits; thread-safe. Made by
 * {@link LogitsEngines#open}, which picks the folded engine or DL4J's forward pass.
 */
public interface LogitsEngine extends AutoCloseable {
    float[] logits(float[] pixels, int n);

    /** The engine actually running the networks. */
    InferenceEngine kind();

    @Override
    void close();
}
