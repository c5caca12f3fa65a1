package org.digitocr.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.digitocr.extract.FieldResult;
import org.digitocr.extract.Reject;
import org.digitocr.extract.SourceResult;
import org.digitocr.extract.StageTimes;

/**
 * Builds a {@link RunStats} while the results of a run stream past, keeping only counts and the bounded samples,
 * so memory does not grow with the run. Not thread-safe: feed it from one thread.
 */
public final class RunStatsCollector {
    private long files;
    private long pages;
    private long rejectCount;
    private StageTimes times = StageTimes.NONE;
    private final Map<String, long[]> byField = new TreeMap<>();
    private final Map<String, Long> reviewReasons = new TreeMap<>();
    private final Map<String, Long> rejectReasons = new TreeMap<>();
    private final long[] accepted = new long[ConfidenceBins.count()];
    private final long[] review = new long[ConfidenceBins.count()];
    private final List<Reject> rejects = new ArrayList<>();
    private final List<FieldResult> reviewSample = new ArrayList<>();

    public void add(SourceResult r) {
        files++;
        pages += r.pages();
        times = times.plus(r.times());
        for (FieldResult f : r.fields()) {
            long[] c = byField.computeIfAbsent(f.template() + '\u0000' + f.field(), k -> new long[2]);
            c[0]++;
            if (!f.needsReview()) {
                c[1]++;
            }
            if (!f.value().isEmpty()) {
                (f.needsReview() ? review : accepted)[ConfidenceBins.of(f.confidence())]++;
            }
            if (f.needsReview()) {
                f.reasons().forEach(reason -> reviewReasons.merge(reason.code().name(), 1L, Long::sum));
                if (reviewSample.size() < RunStats.REVIEW_SHOWN) {
                    reviewSample.add(f);
                }
            }
        }
        for (Reject j : r.rejects()) {
            rejectCount++;
            rejectReasons.merge(RunCounts.reasonKind(j.reason()), 1L, Long::sum);
            if (rejects.size() < RunStats.REJECTS_SHOWN) {
                rejects.add(j);
            }
        }
    }

    public RunCounts counts(double seconds) {
        List<FieldCounts> fields = new ArrayList<>();
        long total = 0, ok = 0;
        for (Map.Entry<String, long[]> e : byField.entrySet()) {
            String[] key = e.getKey().split("\u0000", 2);
            fields.add(new FieldCounts(key[0], key[1], e.getValue()[0], e.getValue()[1]));
            total += e.getValue()[0];
            ok += e.getValue()[1];
        }
        return new RunCounts(files, pages, total, ok, rejectCount, seconds, List.copyOf(fields),
                new LinkedHashMap<>(reviewReasons), new LinkedHashMap<>(rejectReasons), times.seconds());
    }

    public RunStats stats(String title, Map<String, String> facts, double seconds, double threshold) {
        return new RunStats(title, facts, counts(seconds), threshold, accepted.clone(), review.clone(),
                List.copyOf(rejects), List.copyOf(reviewSample));
    }
}
