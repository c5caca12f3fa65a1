package org.digitocr.decode;

import org.digitocr.reject.RejectCode;

/** A whole file that cannot be decoded (empty, not an image, unreadable header); the message is the reason. */
public class DecodeException extends Exception {
    private final RejectCode code;

    public DecodeException(RejectCode code, String reason) {
        super(reason);
        this.code = code;
    }

    public DecodeException(RejectCode code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    public RejectCode code() {
        return code;
    }
}
