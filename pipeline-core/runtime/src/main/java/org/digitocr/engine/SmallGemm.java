package org.digitocr.engine;

/**
 * How many rows of a convolution's im2col matrix to give one sgemm call. OpenBLAS multiplies small products
 * (rows x columns x depth below about a million) with its "small matrix" kernels, which skip packing the
 * operands; for our narrow products (32 or 64 output channels) packing costs about as much as the arithmetic.
 * Measured on a Sapphire Rapids Xeon with OpenBLAS 0.3.19's SkylakeX kernels, one thread: the weight gradient
 * of the 32- and 64-channel convolutions 13-33% faster in calls of this size, the forward product of the
 * 32-channel one 25% faster; the forward products with 64 channels and the dense layers were not (so they keep
 * one call). See docs/benchmarks.md.
 */
public final class SmallGemm {
    /** rows x columns x depth per call of a forward product. */
    private static final long FORWARD = 950_000;
    /** rows x columns x depth per call of a weight-gradient product ({@code A^T B} over the rows). */
    private static final long WEIGHT_GRADIENT = 700_000;
    /** Forward products are split only with at most this many output channels. */
    private static final int NARROW = 32;

    private SmallGemm() {
    }

    /**
     * Rows per call of the forward product of a 3x3 convolution with {@code inChannels} input channels and
     * {@code columns} output channels, {@code depth} values per im2col row: all {@code rows} but for the narrow
     * multi-channel ones.
     */
    public static int forwardRows(int inChannels, int columns, int depth, int rows) {
        return inChannels > 1 && columns <= NARROW ? rows(FORWARD, columns, depth, rows) : rows;
    }

    /** Rows per call of a convolution's weight-gradient product: all {@code rows} for a one-channel input. */
    public static int weightGradientRows(int inChannels, int columns, int depth, int rows) {
        return inChannels > 1 ? rows(WEIGHT_GRADIENT, columns, depth, rows) : rows;
    }

    /** Rows per call, at least one, at most {@code rows}, for a product of {@code columns x depth} per row. */
    private static int rows(long budget, int columns, int depth, int rows) {
        return (int) Math.max(1, Math.min(rows, budget / ((long) columns * depth)));
    }
}
