package org.digitocr.extract;

import java.util.List;

/**
 * What one input file gave: a field row per field of every page read, a reject row per failed file or page, and
 * the time each stage took on it.
 */
public record SourceResult(String source, int pages, List<FieldResult> fields, List<Reject> rejects, StageTimes times) {
    /** A file that could not be read at all. */
    public static SourceResult rejected(String source, String reason) {
        return new SourceResult(source, 0, List.of(), List.of(new Reject(source, null, reason)), StageTimes.NONE);
    }
}
