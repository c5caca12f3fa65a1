package org.digitocr.register;

/**
 * What scans registration accepts: the scale range (page pixels per template pixel), the largest rotation
 * (skew, on top of a quarter turn when {@code anyQuarterTurn}: pages fed sideways or upside down), the largest
 * residual of the mark fit, and the share of printed box borders that must be found.
 */
public record RegistrationConfig(double minScale, double maxScale, double maxRotationDegrees,
                                 double maxResidualPixels, double minBoxEvidence, boolean anyQuarterTurn) {
    /**
     * Scans from half to three times the template's resolution (with slack; e.g. a template drawn at 200 dpi read
     * from 100 to 600 dpi scans, each +-20%), skewed up to 10 degrees, in any of the four orientations.
     */
    public static RegistrationConfig defaults() {
        return new RegistrationConfig(0.4, 3.6, 10, 4, 0.6, true);
    }
}
