package org.digitocr.report;

/** How one field of one template fared over a run: fields read and how many were auto-accepted. */
public record FieldCounts(String template, String field, long fields, long accepted) {
    public long review() {
        return fields - accepted;
    }
}
