package org.digitocr.sample;

/**
 * How a simulated scan differs from the printed form: rotation, scale, shift and margins, blur, sensor noise,
 * paper tone, and (when written as JPEG) compression artefacts. Each value is the maximum of a uniform draw.
 */
public record ScanDistortion(double maxRotationDegrees, double maxScale, int maxMargin, double maxBlurSigma,
                             double maxNoise, int maxPaperTone, double minJpegQuality) {

    /** What the issue describes: a few degrees, up to +-20% scale, margins, blur, noise, tone, JPEG. */
    public static ScanDistortion typical() {
        return new ScanDistortion(3, 0.2, 80, 1.0, 8, 25, 0.6);
    }

    /**
     * Wider than {@link #typical()} in every respect, for training data: a model that has seen more varied scans
     * than the generator's usual ones copes better with scanners and pens it has not seen.
     */
    public static ScanDistortion wide() {
        return new ScanDistortion(5, 0.22, 100, 1.6, 14, 45, 0.35);
    }

    public static ScanDistortion none() {
        return new ScanDistortion(0, 0, 0, 0, 0, 0, 0.95);
    }
}
