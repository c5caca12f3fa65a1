package org.digitocr.extract;

import org.digitocr.model.ReviewPolicy;

import org.digitocr.register.RegistrationConfig;

/**
 * Settings of a forms extraction run: the pixel limit per page, registration tolerances, and the confidence a
 * field needs to skip review ({@code reviewThreshold}, from the model's {@link ReviewPolicy} for the run's target
 * error rate).
 */
public record ExtractionConfig(long maxPixels, RegistrationConfig registration, double reviewThreshold) {
}
