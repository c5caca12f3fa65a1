package org.digitocr.train;

/**
 * How strongly {@link Augmenter} distorts training digits. The defaults cover what differs between writers,
 * pens and scanners: slant and rotation, size and aspect, position, stroke width, ink darkness and noise.
 */
public record AugmentationConfig(
        double probability,
        double maxRotationDegrees,
        double maxScale,
        double maxAspect,
        double maxShear,
        double maxShift,
        double elasticProbability,
        double elasticAlpha,
        double elasticSigma,
        double dilateProbability,
        double erodeProbability,
        double intensityProbability,
        double noiseProbability,
        double maxNoiseSigma,
        double specksProbability) {

    public static AugmentationConfig defaults() {
        return new AugmentationConfig(0.9, 12, 0.15, 0.1, 0.3, 2.5, 0.5, 34, 4, 0.2, 0.2, 0.3, 0.3, 0.08, 0.1);
    }

    public static AugmentationConfig none() {
        return new AugmentationConfig(0, 0, 0, 0, 0, 0, 0, 34, 4, 0, 0, 0, 0, 0, 0);
    }
}
