package org.digitocr.train;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The settings by name, in declaration order, as a model card records them. */
    public Map<String, Double> settings() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (var c : AugmentationConfig.class.getRecordComponents()) {
            try {
                m.put(c.getName(), (Double) c.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    public static AugmentationConfig none() {
        return new AugmentationConfig(0, 0, 0, 0, 0, 0, 0, 34, 4, 0, 0, 0, 0, 0, 0);
    }
}
