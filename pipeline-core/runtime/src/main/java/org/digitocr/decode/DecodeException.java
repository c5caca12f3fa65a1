package org.digitocr.decode;

/** A whole file that cannot be decoded (empty, not an image, unreadable header); the message is the reason. */
public class DecodeException extends Exception {
    public DecodeException(String reason) {
        super(reason);
    }

    public DecodeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
