package org.digitocr.review;

/** A value a person gave that breaks its field's template rules (cells, pattern, check digit): refused, not written. */
public final class InvalidValueException extends IllegalArgumentException {
    public InvalidValueException(String message) {
        super(message);
    }
}
