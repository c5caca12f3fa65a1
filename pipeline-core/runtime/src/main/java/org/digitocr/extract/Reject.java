package org.digitocr.extract;

/** One line of {@code rejects.jsonl}: a file (page null) or a page that could not be read, and why. */
public record Reject(String source, Integer page, String reason) {
}
