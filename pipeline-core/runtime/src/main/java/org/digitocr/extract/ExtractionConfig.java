package org.digitocr.extract;

import org.digitocr.decode.DecodeLimits;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.register.RegistrationConfig;

/**
 * Settings of a forms extraction run: what the decoder may read of a file, registration tolerances, and the confidence a
 * field needs to skip review ({@code reviewThreshold}, from the model's {@link ReviewPolicy} for the run's target
 * error rate).
 */
public record ExtractionConfig(DecodeLimits limits, RegistrationConfig registration, double reviewThreshold) {
}
