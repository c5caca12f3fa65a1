package org.digitocr.form;

/** A form template that cannot be used; the message names the file and the offending key. */
public class TemplateException extends RuntimeException {
    public TemplateException(String source, String reason) {
        super(source + ": " + reason);
    }

    public TemplateException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
    }
}
