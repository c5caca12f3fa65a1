package org.digitocr.mnist;

import java.nio.file.Path;

/** A file that is missing, truncated or not a valid IDX file; the message names the file and the reason. */
public class IdxFormatException extends RuntimeException {
    public IdxFormatException(Path file, String reason) {
        super(file + ": " + reason);
    }

    public IdxFormatException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
    }
}
