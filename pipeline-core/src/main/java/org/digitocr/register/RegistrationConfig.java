package org.digitocr.register;

/**
 * What scans registration accepts: the scale range (page pixels per template pixel), the largest rotation,
 * the largest residual of the mark fit, and the share of printed box borders that must be found.
 */
public record RegistrationConfig(double minScale, double maxScale, double maxRotationDegrees,
                                 double maxResidualPixels, double minBoxEvidence) {
    /** Scans at about the template's resolution, +-20% (with slack), rotated up to 10 degrees. */
    public static RegistrationConfig defaults() {
        return new RegistrationConfig(0.75, 1.3, 10, 4, 0.6);
    }
}
