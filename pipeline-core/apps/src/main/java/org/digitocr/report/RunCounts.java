package org.digitocr.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The numbers of one extraction run, as the run report shows them and {@code summary.json} records them: what
 * went in, what was accepted, sent to review or rejected (by template and field, and by reason), and how fast.
 *
 * @param reviewReasons fields sent to review per {@link org.digitocr.extract.ReviewReason.Code}; a field can have several
 * @param filesWithRejects input files with at least one reject row (the whole file or one of its pages)
 * @param rejectReasons rejected files and pages per {@link org.digitocr.reject.RejectCode}
 * @param stageSeconds  processing time per pipeline stage ({@link org.digitocr.extract.StageTimes}), summed over
 *                      files: CPU time of the workers, so it can exceed {@code seconds} when they run in parallel
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunCounts(long files, long pages, long fields, long accepted, long rejects, long filesWithRejects,
                        double seconds,
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
    /** Exit code of a run in which more files than {@code --max-reject-rate} allows have reject rows. */
    public static final int REJECT_RATE_EXIT = 3;

    /** How a run ends for its scheduler: the exit code, and what is wrong (null when nothing is). */
    public record Verdict(int exitCode, String problem) {
    }

    /**
     * The verdict on a run that has published its output: 0; {@value #ALL_REJECTED_EXIT} when every file was
     * rejected; {@value #REJECT_RATE_EXIT} when the share of files with reject rows is above {@code maxRejectRate}.
     * A run with no input files is not an error (a night with no scans).
     */
    public static Verdict verdict(long files, long fields, long filesWithRejects, double maxRejectRate) {
        if (files > 0 && fields == 0) {
            return new Verdict(ALL_REJECTED_EXIT, "every one of the " + files + " files was rejected");
        }
        if (files > 0 && (double) filesWithRejects / files > maxRejectRate) {
            return new Verdict(REJECT_RATE_EXIT, String.format(java.util.Locale.ROOT,
                    "%d of %d files (%.1f%%) have reject rows, above --max-reject-rate %s", filesWithRejects, files,
                    100.0 * filesWithRejects / files, maxRejectRate));
        }
        return new Verdict(0, null);
    }
}
