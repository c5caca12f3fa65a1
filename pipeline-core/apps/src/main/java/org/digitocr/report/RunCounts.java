package org.digitocr.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The numbers of one extraction run, as the run report shows them and {@code summary.json} records them: what
 * went in, what was accepted, sent to review or rejected (by template and field, and by reason), and how fast.
 *
 * @param reviewReasons fields sent to review per {@link org.digitocr.extract.ReviewReason.Code}; a field can have several
 * @param rejectReasons rejected files and pages per {@link org.digitocr.reject.RejectCode}
 * @param stageSeconds  processing time per pipeline stage ({@link org.digitocr.extract.StageTimes}), summed over
 *                      files: CPU time of the workers, so it can exceed {@code seconds} when they run in parallel
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunCounts(long files, long pages, long fields, long accepted, long rejects, double seconds,
                        List<FieldCounts> byField, Map<String, Long> reviewReasons, Map<String, Long> rejectReasons,
                        Map<String, Double> stageSeconds) {

    public long review() {
        return fields - accepted;
    }

    /** Counts summed over the fields of each template, in template order; their field is {@code "(all)"}. */
    public List<FieldCounts> byTemplate() {
        Map<String, long[]> sums = new java.util.LinkedHashMap<>();
        for (FieldCounts f : byField) {
            long[] t = sums.computeIfAbsent(f.template(), k -> new long[2]);
            t[0] += f.fields();
            t[1] += f.accepted();
        }
        return sums.entrySet().stream()
                .map(e -> new FieldCounts(e.getKey(), "(all)", e.getValue()[0], e.getValue()[1])).toList();
    }

    public double acceptRate() {
        return fields == 0 ? 0 : (double) accepted / fields;
    }

    public double pagesPerSecond() {
        return pages / Math.max(seconds, 1e-9);
    }

    /** Each stage's share of the processing time, e.g. {@code "decode 4%, register 31%, segment 40%, classify 25%"}. */
    public String stageShares() {
        return org.digitocr.extract.StageTimes.shares(stageSeconds);
    }

    /** Exit code of a run in which every file was rejected (none gave a field): something for an alert to catch. */
    public static final int ALL_REJECTED_EXIT = 2;

    /** Whether a run of {@code files} files read no field at all: every file was rejected. */
    public static boolean everyFileRejected(long files, long fields) {
        return files > 0 && fields == 0;
    }
}
