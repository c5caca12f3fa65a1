package org.digitocr.register;

import org.digitocr.reject.RejectCode;

/** A page that fits none of the templates (blank, unknown form, marks missing or damaged); says why. */
public class RegistrationException extends Exception {
    private final RejectCode code;

    public RegistrationException(RejectCode code, String reason) {
        super(reason);
        this.code = code;
    }

    public RejectCode code() {
        return code;
    }
}
