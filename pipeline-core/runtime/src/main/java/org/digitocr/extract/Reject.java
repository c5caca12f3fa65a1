package org.digitocr.extract;

import org.digitocr.reject.RejectCode;

/**
 * One line of {@code rejects.jsonl}: a file (page null) or a page that could not be read, why as a stable
 * {@link RejectCode} to group by, and the reason in words.
 */
public record Reject(String source, Integer page, RejectCode reasonCode, String reason) {
}
