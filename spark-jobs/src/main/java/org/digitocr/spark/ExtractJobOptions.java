package org.digitocr.spark;

import java.util.List;
import java.util.regex.Pattern;

import org.digitocr.decode.PageDecoder;

/**
 * What one extraction run reads, with what, and where it lands. Paths are Hadoop paths (local, {@code hdfs://},
 * {@code s3a://}); inputs may be files, directories (searched recursively) or globs.
 *
 * @param partitions   number of Spark partitions, or 0 for twice the default parallelism
 * @param maxFileBytes files larger than this are refused before they are read
 */
public record ExtractJobOptions(List<String> inputs, List<String> templates, String model, String output,
                                String runId, double targetErrorRate, long maxPixels, int partitions,
                                long maxFileBytes) {
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
        if (maxPixels <= 0 || partitions < 0 || maxFileBytes <= 0) {
            throw new IllegalArgumentException("max pixels and max file bytes must be > 0 and partitions >= 0");
        }
    }

    /** Options with the default file size limit. */
    public ExtractJobOptions(List<String> inputs, List<String> templates, String model, String output, String runId,
                             double targetErrorRate, long maxPixels, int partitions) {
        this(inputs, templates, model, output, runId, targetErrorRate, maxPixels, partitions,
                PageDecoder.DEFAULT_MAX_FILE_BYTES);
    }
}
