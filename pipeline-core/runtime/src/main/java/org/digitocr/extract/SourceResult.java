package org.digitocr.extract;

import java.util.List;

import org.digitocr.reject.RejectCode;

/**
 * What one input file gave: a field row per field of every page read, a reject row per failed file or page, the
 * time each stage took on it, and what the file was (its lineage).
 */
public record SourceResult(String source, int pages, List<FieldResult> fields, List<Reject> rejects, StageTimes times,
                           SourceFacts facts) {
    /** A file that could not be read at all, of which only its name is known. */
    public static SourceResult rejected(String source, RejectCode code, String reason) {
        return rejected(source, SourceFacts.unread(-1, null, SourceFacts.now()), code, reason);
    }

    /** A file that could not be read at all. */
    public static SourceResult rejected(String source, SourceFacts facts, RejectCode code, String reason) {
        return new SourceResult(source, 0, List.of(), List.of(new Reject(source, null, code, reason)), StageTimes.NONE,
                facts);
    }
}
