package org.digitocr.register;

/** A page that fits none of the templates (blank, unknown form, marks missing or damaged); says why. */
public class RegistrationException extends Exception {
    public RegistrationException(String reason) {
        super(reason);
    }
}
