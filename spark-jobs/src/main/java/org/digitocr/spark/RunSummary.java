package org.digitocr.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.digitocr.extract.SkippedInputs;
import org.digitocr.report.FieldCounts;
import org.digitocr.report.RunCounts;

/**
 * {@code summary.json} of one run, written next to its Parquet output: what went in, what came out, how fast,
 * and with which model and versions, so a night's run can be judged and traced without querying the tables.
 */
public record RunSummary(String runId, String startedAt, String finishedAt, double seconds, String master,
                         int partitions, long files, long pages, long fields, long accepted, long review,
                         long rejects, long filesWithRejects, double acceptRate, double pagesPerSecond,
                         long unaccountedFiles,
                         SkippedInputs skipped,
                         List<TemplateCounts> templates, List<FieldCounts> byField, Map<String, Long> reviewReasons,
                         Map<String, Long> rejectReasons, Map<String, Double> stageSeconds, String modelId,
                         Map<String, Double> modelMetrics,
                         double targetErrorRate, double reviewThreshold, Map<String, String> versions,
                         PublishedTables output) {
    public static final String FILE = "summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Fields read and auto-accepted for one template. */
    public record TemplateCounts(String template, long fields, long accepted) {
    }

    static RunSummary of(ExtractJobOptions opts, String startedAt, String master, int partitions, long listedFiles,
                         SkippedInputs skipped, RunCounts c, ModelSource model, double threshold, Map<String, String> versions,
                         PublishedTables output) {
        List<TemplateCounts> templates = c.byTemplate().stream()
                .map(t -> new TemplateCounts(t.template(), t.fields(), t.accepted())).toList();
        return new RunSummary(opts.runId(), startedAt, java.time.Instant.now().toString(), c.seconds(), master,
                partitions, c.files(), c.pages(), c.fields(), c.accepted(), c.review(), c.rejects(), c.filesWithRejects(), c.acceptRate(),
                c.pagesPerSecond(), listedFiles - c.files(), skipped, templates, c.byField(), c.reviewReasons(),
                c.rejectReasons(), c.stageSeconds(), model.id(), model.card().metrics(), opts.targetErrorRate(), threshold,
                versions, output);
    }

    /** What the run was, as the run report shows it. */
    @JsonIgnore
    public Map<String, String> facts() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("run id", runId);
        f.put("started", startedAt);
        f.put("master", master + ", " + partitions + " partitions");
        f.put("model", modelId);
        f.put("target error", String.format(Locale.ROOT, "%s (review threshold %.4f)", targetErrorRate, reviewThreshold));
        f.put("fields", output.fields());
        f.put("rejects", output.rejects());
        f.put("versions", versions.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        return f;
    }

    /** The fields table's name (Iceberg) or the run's folder of it (Parquet). */
    @JsonIgnore
    public String fieldsPath() {
        return output.fields();
    }

    /** The rejects table's name (Iceberg) or the run's folder of it (Parquet). */
    @JsonIgnore
    public String rejectsPath() {
        return output.rejects();
    }

    void write(FileSystem fs, Path file) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            JSON.writeValue(out, this);
        }
    }

    public static RunSummary read(FileSystem fs, Path file) throws IOException {
        try (java.io.InputStream in = fs.open(file)) {
            return JSON.readValue(in, RunSummary.class);
        }
    }
}
