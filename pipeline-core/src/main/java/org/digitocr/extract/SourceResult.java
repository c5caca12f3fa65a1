package org.digitocr.extract;

import java.util.List;

/** What one input file gave: a field row per field of every page read, a reject row per failed file or page. */
public record SourceResult(String source, int pages, List<FieldResult> fields, List<Reject> rejects) {
}
