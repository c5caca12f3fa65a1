package org.digitocr.image;

import java.util.Objects;

/**
 * A block of 28x28 greyscale digit images in MNIST layout (white ink on black, row-major, one unsigned byte
 * per pixel). Bytes keep all of MNIST in 47 MB; {@link #toFloats} converts one image for the network.
 */
public record DigitImages(byte[] pixels, int count) {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;

    public DigitImages {
        Objects.requireNonNull(pixels, "pixels");
        if ((long) count * PIXELS != pixels.length) {
            throw new IllegalArgumentException(count + " images need " + (long) count * PIXELS + " bytes, got " + pixels.length);
        }
    }

    /** A block of the given 784-float images with values in [0,1] (clamped), e.g. from {@code MnistNormalizer}. */
    public static DigitImages fromFloats(java.util.List<float[]> images) {
        byte[] pixels = new byte[images.size() * PIXELS];
        for (int i = 0; i < images.size(); i++) {
            float[] img = images.get(i);
            for (int p = 0; p < PIXELS; p++) {
                pixels[i * PIXELS + p] = (byte) Math.round(Math.max(0f, Math.min(1f, img[p])) * 255);
            }
        }
        return new DigitImages(pixels, images.size());
    }

    /** Writes image {@code index} scaled to [0,1] into {@code out} at {@code offset}. */
    public void toFloats(int index, float[] out, int offset) {
        int base = index * PIXELS;
        for (int i = 0; i < PIXELS; i++) {
            out[offset + i] = (pixels[base + i] & 0xff) / 255f;
        }
    }

    /** All images scaled to [0,1], one 784-float image after the other: a batch for the network. */
    public float[] toFloats() {
        float[] out = new float[count * PIXELS];
        for (int i = 0; i < count; i++) {
            toFloats(i, out, i * PIXELS);
        }
        return out;
    }

    /** A new block holding the images at {@code indices}, in that order. */
    public DigitImages select(int[] indices) {
        byte[] out = new byte[indices.length * PIXELS];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * PIXELS, out, i * PIXELS, PIXELS);
        }
        return new DigitImages(out, indices.length);
    }
}
