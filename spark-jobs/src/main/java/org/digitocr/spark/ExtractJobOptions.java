package org.digitocr.spark;

import java.util.List;
import java.util.regex.Pattern;

import org.digitocr.decode.DecodeLimits;

/**
 * What one extraction run reads, with what, and where it lands. Paths are Hadoop paths (local, {@code hdfs://},
 * {@code s3a://}); inputs may be files, directories (searched recursively) or globs.
 *
 * @param model       the model's folder on any Hadoop file system, or null for the forms model in the jar
 * @param partitions  number of Spark partitions, or 0 for twice the default parallelism
 * @param limits      what the decoder may read of a file (page pixels, file bytes, pages, file pixels)
 * @param tables      how the rows land: Iceberg tables (which catalog, which namespace) or plain Parquet
 * @param incremental read only the sources the tables do not hold yet, or hold in another version
 */
public record ExtractJobOptions(List<String> inputs, List<String> templates, String model, String output,
                                String runId, double targetErrorRate, int partitions, DecodeLimits limits,
                                TableFormat tables, boolean incremental) {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ExtractJobOptions {
        inputs = List.copyOf(inputs);
        templates = List.copyOf(templates);
        if (inputs.isEmpty() || templates.isEmpty()) {
            throw new IllegalArgumentException("at least one input and one template are needed");
        }
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id '" + runId
                    + "' must be letters, digits, '.', '_' or '-' (it names output partitions)");
        }
        if (!(targetErrorRate > 0 && targetErrorRate < 1)) {
            throw new IllegalArgumentException("target error rate must be in (0, 1), got " + targetErrorRate);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0, got " + partitions);
        }
        if (incremental && !tables.iceberg()) {
            throw new IllegalArgumentException("--incremental needs Iceberg tables (--format iceberg): plain Parquet"
                    + " cannot replace a changed scan's rows in an earlier run");
        }
    }

    /** Options with the default decoding limits, into Iceberg tables under a Hadoop catalog at {@code output}. */
    public ExtractJobOptions(List<String> inputs, List<String> templates, String model, String output, String runId,
                             double targetErrorRate, int partitions) {
        this(inputs, templates, model, output, runId, targetErrorRate, partitions, DecodeLimits.DEFAULTS,
                TableFormat.ICEBERG_AT_OUTPUT, false);
    }

    public ExtractJobOptions withTables(TableFormat t, boolean incrementally) {
        return new ExtractJobOptions(inputs, templates, model, output, runId, targetErrorRate, partitions, limits, t,
                incrementally);
    }
}
