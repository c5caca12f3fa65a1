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

    public static ScanDistortion none() {
        return new ScanDistortion(0, 0, 0, 0, 0, 0, 0.95);
    }
}
