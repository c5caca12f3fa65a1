package org.digitocr.extract;

import org.digitocr.register.RegistrationConfig;

/** Settings of a forms extraction run: the pixel limit per page, registration tolerances and review policy. */
public record ExtractionConfig(long maxPixels, RegistrationConfig registration, ReviewPolicy review) {
}
