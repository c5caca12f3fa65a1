package org.digitocr.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 3x3 valid convolution as Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray, "Fast Algorithms for
 * Convolutional Neural Networks", 2016; what oneDNN and NNPACK do for 3x3 kernels): the output is cut into 2x2
 * tiles, each read from a 4x4 input tile. With input tiles and kernels carried into a 4x4 transform domain, a
 * convolution becomes 16 independent products {@code [tiles, in] x [in, out]}, 16 multiply-adds per tile and
 * channel pair against 36 for im2col, 2.25 times fewer. The transforms are additions only, written with the JDK's
 * Vector API over NHWC channels (a whole number of vectors, {@link #fits}); loaded only where
 * {@link VectorApi#available()}. Tiles start at even coordinates, so before 2x2 pooling each output tile is one
 * pooling window and the pooling happens in the output transform.
 */
final class Winograd {
    /** Matrices in the transform domain: one product each. */
    static final int POSITIONS = 16;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private Winograd() {
    }

    /** Whether rows of {@code channels} floats are a whole number of vectors. */
    static boolean fits(int channels) {
        return channels % L == 0;
    }

    /**
     * Whether a convolution of {@code in} to {@code out} channels, {@code kernel} wide, on a {@code side} wide input
     * runs this way.
     */
    static boolean applies(int in, int out, int kernel, int side) {
        return in > 1 && kernel == 3 && side % 2 == 0 && fits(in) && fits(out);
    }

    /** Output tiles along a side: a valid 3x3 convolution of an input {@code side} wide, in 2x2 tiles. */
    static int tiles(int side) {
        if (side % 2 != 0) {
            throw new IllegalArgumentException("F(2x2, 3x3) needs an even input side, got " + side);
        }
        return (side - 2) / 2;
    }

    /**
     * The kernels in the transform domain, {@code G g G^T} for every input and output channel:
     * {@code [16][in][out]} from weights {@code [k, out]} with {@code k} ordered (kh, kw, in), as {@link FoldedCnn}
     * keeps them.
     */
    static float[] kernels(float[] w, int in, int out) {
        float[] u = new float[POSITIONS * in * out];
        double[] g = new double[9];
        double[] gg = new double[12];
        for (int ci = 0; ci < in; ci++) {
            for (int co = 0; co < out; co++) {
                for (int k = 0; k < 9; k++) {
                    g[k] = w[(k * in + ci) * out + co];
                }
                for (int x = 0; x < 3; x++) {
                    double a = g[x];
                    double b = g[3 + x];
                    double c = g[6 + x];
                    gg[x] = a;
                    gg[3 + x] = (a + b + c) / 2;
                    gg[6 + x] = (a - b + c) / 2;
                    gg[9 + x] = c;
                }
                for (int r = 0; r < 4; r++) {
                    double a = gg[r * 3];
                    double b = gg[r * 3 + 1];
                    double c = gg[r * 3 + 2];
                    double[] row = {a, (a + b + c) / 2, (a - b + c) / 2, c};
                    for (int j = 0; j < 4; j++) {
                        u[((r * 4 + j) * in + ci) * out + co] = (float) row[j];
                    }
                }
            }
        }
        return u;
    }

    /**
     * The input tiles in the transform domain, {@code B^T d B}, into {@code v} as 16 planes ({@link #plane}) of
     * {@code [tiles][c]}: tiles of {@code n} NHWC images of {@code side x side x c} starting at {@code offset} of
     * {@code in}, image by image, then row by row. In two passes: {@code B^T d} for a whole row of tiles at once into
     * {@code rows} (at least {@code 4 x side x c} floats), then times {@code B} tile by tile.
     */
    static void input(float[] in, int offset, int n, int side, int c, float[] rows, ByteBuffer v) {
        int t = tiles(side);
        int line = side * c;
        int plane = plane(n * t * t, c);
        int tile = 0;
        for (int img = 0; img < n; img++) {
            int base = offset + img * side * line;
            for (int ty = 0; ty < t; ty++) {
                int r0 = base + 2 * ty * line;
                for (int i = 0; i < line; i += L) {
                    FloatVector d0 = FloatVector.fromArray(S, in, r0 + i);
                    FloatVector d1 = FloatVector.fromArray(S, in, r0 + line + i);
                    FloatVector d2 = FloatVector.fromArray(S, in, r0 + 2 * line + i);
                    FloatVector d3 = FloatVector.fromArray(S, in, r0 + 3 * line + i);
                    d0.sub(d2).intoArray(rows, i);
                    d1.add(d2).intoArray(rows, line + i);
                    d2.sub(d1).intoArray(rows, 2 * line + i);
                    d1.sub(d3).intoArray(rows, 3 * line + i);
                }
                for (int tx = 0; tx < t; tx++, tile++) {
                    for (int r = 0; r < 4; r++) {
                        int q = r * line + 2 * tx * c;
                        int at = (r * 4 * plane + tile * c) * Float.BYTES;
                        for (int ch = 0; ch < c; ch += L) {
                            FloatVector p0 = FloatVector.fromArray(S, rows, q + ch);
                            FloatVector p1 = FloatVector.fromArray(S, rows, q + c + ch);
                            FloatVector p2 = FloatVector.fromArray(S, rows, q + 2 * c + ch);
                            FloatVector p3 = FloatVector.fromArray(S, rows, q + 3 * c + ch);
                            int o = at + ch * Float.BYTES;
                            p0.sub(p2).intoByteBuffer(v, o, NATIVE);
                            p1.add(p2).intoByteBuffer(v, o + plane * Float.BYTES, NATIVE);
                            p2.sub(p1).intoByteBuffer(v, o + 2 * plane * Float.BYTES, NATIVE);
                            p1.sub(p3).intoByteBuffer(v, o + 3 * plane * Float.BYTES, NATIVE);
                        }
                    }
                }
            }
        }
    }

    /**
     * Floats from one position's matrix of {@code tiles x c} to the next: the matrix and a cache line. Planes a
     * multiple of 4 KiB apart (the 32-channel convolution's are) would put the 16 positions' stores in the same
     * L1 sets and alias them with the loads.
     */
    static int plane(int tiles, int c) {
        return tiles * c + 16;
    }

    /** Floats of a transformed input or output of {@code tiles x c}: 16 planes. */
    static int size(int tiles, int c) {
        return POSITIONS * plane(tiles, c);
    }

    /**
     * The output tiles back from the transform domain, {@code A^T m A}, with the bias and LeakyReLU: from {@code m}
     * as 16 planes of {@code [tiles][o]} (tiles as {@link #input} orders them, {@code t x t} per image) into NHWC
     * {@code dst}, {@code t x t} per image when {@code pool} (each tile's maximum), else {@code 2t x 2t}.
     */
    static void output(ByteBuffer m, int n, int t, int o, float[] bias, float slope, boolean pool, float[] dst) {
        int plane = plane(n * t * t, o);
        int side = 2 * t;
        int tile = 0;
        for (int img = 0; img < n; img++) {
            for (int ty = 0; ty < t; ty++) {
                for (int tx = 0; tx < t; tx++, tile++) {
                    for (int ch = 0; ch < o; ch += L) {
                        int at = (tile * o + ch) * Float.BYTES;
                        int pb = plane * Float.BYTES;
                        // rows of A^T m: the sums of rows 0..2 and 1 - 2 - 3 of m, for each of its 4 columns
                        FloatVector m00 = FloatVector.fromByteBuffer(S, m, at, NATIVE);
                        FloatVector m01 = FloatVector.fromByteBuffer(S, m, at + pb, NATIVE);
                        FloatVector m02 = FloatVector.fromByteBuffer(S, m, at + 2 * pb, NATIVE);
                        FloatVector m03 = FloatVector.fromByteBuffer(S, m, at + 3 * pb, NATIVE);
                        FloatVector m10 = FloatVector.fromByteBuffer(S, m, at + 4 * pb, NATIVE);
                        FloatVector m11 = FloatVector.fromByteBuffer(S, m, at + 5 * pb, NATIVE);
                        FloatVector m12 = FloatVector.fromByteBuffer(S, m, at + 6 * pb, NATIVE);
                        FloatVector m13 = FloatVector.fromByteBuffer(S, m, at + 7 * pb, NATIVE);
                        FloatVector m20 = FloatVector.fromByteBuffer(S, m, at + 8 * pb, NATIVE);
                        FloatVector m21 = FloatVector.fromByteBuffer(S, m, at + 9 * pb, NATIVE);
                        FloatVector m22 = FloatVector.fromByteBuffer(S, m, at + 10 * pb, NATIVE);
                        FloatVector m23 = FloatVector.fromByteBuffer(S, m, at + 11 * pb, NATIVE);
                        FloatVector m30 = FloatVector.fromByteBuffer(S, m, at + 12 * pb, NATIVE);
                        FloatVector m31 = FloatVector.fromByteBuffer(S, m, at + 13 * pb, NATIVE);
                        FloatVector m32 = FloatVector.fromByteBuffer(S, m, at + 14 * pb, NATIVE);
                        FloatVector m33 = FloatVector.fromByteBuffer(S, m, at + 15 * pb, NATIVE);
                        FloatVector s0 = m00.add(m10).add(m20), s1 = m01.add(m11).add(m21);
                        FloatVector s2 = m02.add(m12).add(m22), s3 = m03.add(m13).add(m23);
                        FloatVector q0 = m10.sub(m20).sub(m30), q1 = m11.sub(m21).sub(m31);
                        FloatVector q2 = m12.sub(m22).sub(m32), q3 = m13.sub(m23).sub(m33);
                        FloatVector b = FloatVector.fromArray(S, bias, ch);
                        FloatVector y00 = s0.add(s1).add(s2).add(b);
                        FloatVector y01 = s1.sub(s2).sub(s3).add(b);
                        FloatVector y10 = q0.add(q1).add(q2).add(b);
                        FloatVector y11 = q1.sub(q2).sub(q3).add(b);
                        if (pool) {
                            FloatVector p = y00.max(y01).max(y10.max(y11));
                            p.max(p.mul(slope)).intoArray(dst, ((img * t + ty) * t + tx) * o + ch);
                        } else {
                            int out = ((img * side + 2 * ty) * side + 2 * tx) * o + ch;
                            y00.max(y00.mul(slope)).intoArray(dst, out);
                            y01.max(y01.mul(slope)).intoArray(dst, out + o);
                            y10.max(y10.mul(slope)).intoArray(dst, out + side * o);
                            y11.max(y11.mul(slope)).intoArray(dst, out + side * o + o);
                        }
                    }
                }
            }
        }
    }
}
