package org.digitocr.review;

/** What a field of a run is known by in the corrections table: run, source, page and field name. */
public record FieldKey(String runId, String source, int page, String field) {
}
