package org.digitocr.train;

import java.util.SplittableRandom;

import org.digitocr.image.DigitImages;

/**
 * Random, label-preserving distortions of a 28x28 digit so that the network learns handwriting in general
 * rather than MNIST's look: affine warps (rotation, scale, aspect, shear, shift) combined with elastic
 * distortion in one bilinear resampling, then stroke thickening or thinning, ink intensity and contrast
 * changes, and sensor noise. Stateless; the caller owns the random stream, so runs are reproducible.
 */
public final class Augmenter {
    private static final int S = DigitImages.SIDE;
    private static final int N = DigitImages.PIXELS;
    private static final double CENTRE = (S - 1) / 2.0;

    private final AugmentationConfig cfg;
    private final float[] gaussian;

    public Augmenter(AugmentationConfig cfg) {
        this.cfg = cfg;
        this.gaussian = gaussianKernel(cfg.elasticSigma());
    }

    public AugmentationConfig config() {
        return cfg;
    }

    /** Writes a distorted copy of {@code src[srcOff..srcOff+784)} into {@code dst} at {@code dstOff}. */
    public void augment(float[] src, int srcOff, float[] dst, int dstOff, SplittableRandom rnd) {
        if (rnd.nextDouble() >= cfg.probability()) {
            System.arraycopy(src, srcOff, dst, dstOff, N);
            return;
        }
        float[] out = new float[N];
        warp(src, srcOff, out, rnd);
        if (rnd.nextDouble() < cfg.dilateProbability()) {
            out = morph(out, true);
        } else if (rnd.nextDouble() < cfg.erodeProbability()) {
            float[] thin = morph(out, false);
            if (sum(thin) >= 0.45 * sum(out)) {
                out = thin;
            }
        }
        intensity(out, rnd);
        noise(out, rnd);
        System.arraycopy(out, 0, dst, dstOff, N);
    }

    private void warp(float[] src, int off, float[] out, SplittableRandom rnd) {
        double angle = Math.toRadians(uniform(rnd, cfg.maxRotationDegrees()));
        double scale = 1 + uniform(rnd, cfg.maxScale());
        double aspect = 1 + uniform(rnd, cfg.maxAspect());
        double shear = uniform(rnd, cfg.maxShear());
        double sx = scale * aspect;
        double sy = scale / aspect;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        // forward map A = R * Shear * diag(sx, sy); we sample through its inverse
        double a00 = cos * sx;
        double a01 = cos * shear * sy - sin * sy;
        double a10 = sin * sx;
        double a11 = sin * shear * sy + cos * sy;
        double det = a00 * a11 - a01 * a10;
        double i00 = a11 / det;
        double i01 = -a01 / det;
        double i10 = -a10 / det;
        double i11 = a00 / det;
        double tx = uniform(rnd, cfg.maxShift());
        double ty = uniform(rnd, cfg.maxShift());
        float[] dx = null;
        float[] dy = null;
        if (rnd.nextDouble() < cfg.elasticProbability()) {
            dx = displacementField(rnd);
            dy = displacementField(rnd);
        }
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                double px = x - CENTRE - tx;
                double py = y - CENTRE - ty;
                if (dx != null) {
                    px += dx[y * S + x];
                    py += dy[y * S + x];
                }
                double srcX = i00 * px + i01 * py + CENTRE;
                double srcY = i10 * px + i11 * py + CENTRE;
                out[y * S + x] = bilinear(src, off, srcX, srcY);
            }
        }
    }

    private static float bilinear(float[] img, int off, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double v00 = at(img, off, x0, y0);
        double v10 = at(img, off, x0 + 1, y0);
        double v01 = at(img, off, x0, y0 + 1);
        double v11 = at(img, off, x0 + 1, y0 + 1);
        return (float) ((v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy);
    }

    private static float at(float[] img, int off, int x, int y) {
        return x < 0 || y < 0 || x >= S || y >= S ? 0f : img[off + y * S + x];
    }

    /** Uniform noise smoothed by a Gaussian and scaled: Simard et al.'s elastic distortion. */
    private float[] displacementField(SplittableRandom rnd) {
        float[] f = new float[N];
        for (int i = 0; i < N; i++) {
            f[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        float[] tmp = new float[N];
        int r = gaussian.length / 2;
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                double acc = 0;
                for (int k = -r; k <= r; k++) {
                    int xx = x + k;
                    if (xx >= 0 && xx < S) {
                        acc += gaussian[k + r] * f[y * S + xx];
                    }
                }
                tmp[y * S + x] = (float) acc;
            }
        }
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                double acc = 0;
                for (int k = -r; k <= r; k++) {
                    int yy = y + k;
                    if (yy >= 0 && yy < S) {
                        acc += gaussian[k + r] * tmp[yy * S + x];
                    }
                }
                f[y * S + x] = (float) (acc * cfg.elasticAlpha());
            }
        }
        return f;
    }

    /** Grey-level dilation (max) or erosion (min) over a 2x2 neighbourhood: strokes about one pixel wider or thinner. */
    private static float[] morph(float[] img, boolean dilate) {
        float[] out = new float[N];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                float v = img[y * S + x];
                for (int k = 1; k < 4; k++) {
                    int xx = x - (k & 1);
                    int yy = y - (k >> 1);
                    float w = xx < 0 || yy < 0 ? 0f : img[yy * S + xx];
                    v = dilate ? Math.max(v, w) : Math.min(v, w);
                }
                out[y * S + x] = v;
            }
        }
        return out;
    }

    private void intensity(float[] img, SplittableRandom rnd) {
        if (rnd.nextDouble() >= cfg.intensityProbability()) {
            return;
        }
        double gamma = Math.exp(uniform(rnd, Math.log(1.6)));
        double peak = 1 - rnd.nextDouble() * 0.35;
        for (int i = 0; i < N; i++) {
            img[i] = (float) (peak * Math.pow(Math.min(1f, Math.max(0f, img[i])), gamma));
        }
    }

    private void noise(float[] img, SplittableRandom rnd) {
        if (rnd.nextDouble() < cfg.noiseProbability()) {
            double sigma = rnd.nextDouble() * cfg.maxNoiseSigma();
            for (int i = 0; i < N; i++) {
                img[i] += (float) (sigma * gaussian(rnd));
            }
        }
        if (rnd.nextDouble() < cfg.specksProbability()) {
            int specks = 1 + rnd.nextInt(4);
            for (int k = 0; k < specks; k++) {
                img[rnd.nextInt(N)] = (float) (0.3 + 0.7 * rnd.nextDouble());
            }
        }
        for (int i = 0; i < N; i++) {
            img[i] = Math.min(1f, Math.max(0f, img[i]));
        }
    }

    private static double uniform(SplittableRandom rnd, double max) {
        return (rnd.nextDouble() * 2 - 1) * max;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = Math.max(1e-12, rnd.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static double sum(float[] img) {
        double s = 0;
        for (float v : img) {
            s += v;
        }
        return s;
    }

    private static float[] gaussianKernel(double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double total = 0;
        for (int i = -r; i <= r; i++) {
            total += k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) total;
        }
        return k;
    }
}
