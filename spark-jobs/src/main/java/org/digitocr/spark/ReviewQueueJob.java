package org.digitocr.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spark-submit} entry point that hands one run of the fields table to the review station: writes it, with
 * its review crops and digit images, into a local folder that {@code digit-ocr review --run} opens.
 */
@Command(name = "ReviewQueueJob", mixinStandardHelpOptions = true,
        description = "Write one run of the ExtractJob fields table into a folder for digit-ocr review.")
public final class ReviewQueueJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--fields", required = true, paramLabel = "PATH",
            description = "The ExtractJob fields table (its Iceberg folder, e.g. OUTPUT/fields, or Parquet).")
    String fields;
    @Option(names = "--run-id", required = true, paramLabel = "ID", description = "The run to review.")
    String runId;
    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Local folder to write fields.jsonl and review/ into (the station's --run).")
    Path output;

    public static void main(String[] args) {
        System.exit(JobCommandLine.run(new ReviewQueueJob(), args));
    }

    @Override
    public Integer call() throws Exception {
        SparkSession spark = SparkSession.builder().appName("digit-ocr review queue " + runId).getOrCreate();
        PrintWriter out = spec.commandLine().getOut();
        try {
            long n = ReviewQueue.write(spark, fields, runId, output);
            out.printf("Wrote %d fields of run %s to %s; review them with: digit-ocr review --run %s%n", n, runId,
                    output, output);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
