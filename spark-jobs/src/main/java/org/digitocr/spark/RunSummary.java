package org.digitocr.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code summary.json} of one run, written next to its Parquet output: what went in, what came out, how fast,
 * and with which model and versions, so a night's run can be judged and traced without querying the tables.
 */
public record RunSummary(String runId, String startedAt, String finishedAt, double seconds, String master,
                         int partitions, long files, long pages, long fields, long accepted, long review,
                         long rejects, double acceptRate, double pagesPerSecond, long unaccountedFiles,
                         List<TemplateCounts> templates, String modelId, Map<String, Double> modelMetrics,
                         double targetErrorRate, double reviewThreshold, Map<String, String> versions,
                         String fieldsPath, String rejectsPath) {
    public static final String FILE = "summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Fields read and auto-accepted for one template. */
    public record TemplateCounts(String template, long fields, long accepted) {
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
