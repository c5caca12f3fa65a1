package org.digitocr.model;

/** Turns {@code n} images of 784 floats into {@code n x 10} logits; thread-safe. */
interface LogitsEngine extends AutoCloseable {
    float[] logits(float[] pixels, int n);

    @Override
    void close();
}
