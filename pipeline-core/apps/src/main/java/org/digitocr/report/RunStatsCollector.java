package org.digitocr.report;

import java.io.Serializable;
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
 * The one computation of a run's numbers ({@link RunCounts}) and confidence histogram, used by the single-machine
 * run and by the Spark job alike: fed file by file (or field by field and reject by reject) while a run streams
 * past, keeping only counts, so memory does not grow with the run; partial collectors of parallel workers
 * {@link #merge} into the run's. Not thread-safe: one collector per thread or task.
 */
public final class RunStatsCollector implements Serializable {
    private static final long serialVersionUID = 1L;

    private long files;
    private long pages;
    private long rejects;
    private long filesWithRejects;
    private final long[] stageNanos = new long[4];
    private final TreeMap<String, long[]> byField = new TreeMap<>();
    private final TreeMap<String, Long> reviewReasons = new TreeMap<>();
    private final TreeMap<String, Long> rejectReasons = new TreeMap<>();
    private final long[] accepted = new long[ConfidenceBins.count()];
    private final long[] review = new long[ConfidenceBins.count()];
    private final List<Reject> rejectSample = new ArrayList<>();
    private final List<FieldResult> reviewSample = new ArrayList<>();

    /** A whole file's outcome: its accounting, fields and rejects; the first ones are kept as the report's samples. */
    public void add(SourceResult r) {
        addFile(r.pages(), r.rejects().size(), r.times());
        for (FieldResult f : r.fields()) {
            addField(f);
            if (f.needsReview() && reviewSample.size() < RunStats.REVIEW_SHOWN) {
                reviewSample.add(f);
            }
        }
        for (Reject j : r.rejects()) {
            addReject(j);
            if (rejectSample.size() < RunStats.REJECTS_SHOWN) {
                rejectSample.add(j);
            }
        }
    }

    /** One input file's accounting: its pages, its reject rows and the time each stage took on it. */
    public void addFile(int filePages, int fileRejects, StageTimes times) {
        files++;
        pages += filePages;
        if (fileRejects > 0) {
            filesWithRejects++;
        }
        stageNanos[0] += times.decode();
        stageNanos[1] += times.register();
        stageNanos[2] += times.segment();
        stageNanos[3] += times.classify();
    }

    public void addField(FieldResult f) {
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
        }
    }

    public void addReject(Reject j) {
        rejects++;
        rejectReasons.merge(j.reasonCode().name(), 1L, Long::sum);
    }

    /** Adds another collector's counts (of other files) to this one's and returns this. Samples are not merged. */
    public RunStatsCollector merge(RunStatsCollector o) {
        files += o.files;
        pages += o.pages;
        rejects += o.rejects;
        filesWithRejects += o.filesWithRejects;
        for (int i = 0; i < stageNanos.length; i++) {
            stageNanos[i] += o.stageNanos[i];
        }
        o.byField.forEach((k, v) -> {
            long[] c = byField.computeIfAbsent(k, x -> new long[2]);
            c[0] += v[0];
            c[1] += v[1];
        });
        o.reviewReasons.forEach((k, v) -> reviewReasons.merge(k, v, Long::sum));
        o.rejectReasons.forEach((k, v) -> rejectReasons.merge(k, v, Long::sum));
        for (int i = 0; i < accepted.length; i++) {
            accepted[i] += o.accepted[i];
            review[i] += o.review[i];
        }
        return this;
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
        StageTimes times = new StageTimes(stageNanos[0], stageNanos[1], stageNanos[2], stageNanos[3]);
        return new RunCounts(files, pages, total, ok, rejects, filesWithRejects, seconds, List.copyOf(fields),
                new LinkedHashMap<>(reviewReasons), new LinkedHashMap<>(rejectReasons), times.seconds());
    }

    /** The report's material with this collector's own samples (the first rejects and review fields it was fed). */
    public RunStats stats(String title, Map<String, String> facts, double seconds, double threshold) {
        return stats(title, facts, seconds, threshold, rejectSample, reviewSample);
    }

    /** The report's material with samples picked elsewhere (e.g. by the Spark job from its tables). */
    public RunStats stats(String title, Map<String, String> facts, double seconds, double threshold,
                          List<Reject> rejectsShown, List<FieldResult> reviewShown) {
        return new RunStats(title, facts, counts(seconds), threshold, accepted.clone(), review.clone(),
                List.copyOf(rejectsShown), List.copyOf(reviewShown));
    }
}
