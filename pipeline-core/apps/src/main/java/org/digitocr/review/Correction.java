package org.digitocr.review;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of the corrections table: a reviewer's decision about one field of a run, with the reading it replaced.
 * The columns are those the Spark training job reads back ({@code TrainJob --corrections}).
 *
 * @param value         the right value, digits only (the reading when {@link Decision#ACCEPTED}; empty for a field left
 *                      blank; null when unreadable)
 * @param originalValue what the product read
 * @param decidedAt     when, an ISO-8601 UTC instant
 */
@JsonPropertyOrder({"run_id", "source", "page", "field", "decision", "value", "original_value", "reviewer", "decided_at"})
public record Correction(@JsonProperty("run_id") String runId, String source, int page, String field,
                         Decision decision, String value, @JsonProperty("original_value") String originalValue,
                         String reviewer, @JsonProperty("decided_at") String decidedAt) {
    public Correction {
        if (decision == null) {
            throw new IllegalArgumentException("a correction needs a decision");
        }
        if (decision != Decision.UNREADABLE && (value == null || !value.matches("[0-9]*"))) {
            throw new IllegalArgumentException("a value is digits only (empty for a blank field), got '" + value + "'");
        }
        try {
            Instant.parse(decidedAt);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("decided_at is an ISO-8601 instant, got '" + decidedAt + "'");
        }
    }

    @JsonIgnore
    public FieldKey key() {
        return new FieldKey(runId, source, page, field);
    }
}
