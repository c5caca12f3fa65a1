package org.digitocr.report;

import java.util.List;
import java.util.Map;

import org.digitocr.extract.FieldResult;
import org.digitocr.extract.Reject;

/**
 * Everything a run report is made from: the run's counts, the confidence histogram, and bounded samples of the
 * rejects and of the fields sent to review (with their crops). Bounded so that a night's run of millions of
 * fields makes a page of the same size; the totals are in {@link #counts}.
 *
 * @param facts              what the run was (run id, model, master, target error ...), shown as given
 * @param threshold          the confidence a field needs to be auto-accepted
 * @param acceptedByConfidence non-empty accepted fields per {@link ConfidenceBins} bin
 * @param reviewByConfidence non-empty fields sent to review per bin
 */
public record RunStats(String title, Map<String, String> facts, RunCounts counts, double threshold,
                       long[] acceptedByConfidence, long[] reviewByConfidence, List<Reject> rejects,
                       List<FieldResult> review) {
    /** How many rejects and review fields a report lists at most. */
    public static final int REJECTS_SHOWN = 500;
    public static final int REVIEW_SHOWN = 200;
}
