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
 * {@code spark-submit} entry point between the job's tables and the review station: hands one run of the fields
 * table to the station (a local folder that {@code digit-ocr review --run} opens, with the review crops and digit
 * images), and with {@code --load-corrections} brings the station's decisions back as the Iceberg table
 * {@code corrections} beside {@code fields}.
 */
@Command(name = "ReviewQueueJob", mixinStandardHelpOptions = true,
        description = "Write one run of the ExtractJob fields table into a folder for digit-ocr review, or load the"
                + " station's corrections into the Iceberg table corrections beside it.")
public final class ReviewQueueJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--fields", required = true, paramLabel = "PATH",
            description = "The ExtractJob fields table: its Iceberg folder (OUTPUT/fields; the corrections table goes"
                    + " beside it), or Parquet.")
    String fields;
    @Option(names = "--run-id", paramLabel = "ID", description = "The run to review (with --output).")
    String runId;
    @Option(names = "--output", paramLabel = "DIR",
            description = "Local folder to write fields.jsonl and review/ into (the station's --run).")
    Path output;
    @Option(names = "--load-corrections", paramLabel = "FILE",
            description = "The station's corrections (JSON Lines) to commit into OUTPUT/corrections, beside --fields.")
    String corrections;

    public static void main(String[] args) {
        System.exit(JobCommandLine.run(new ReviewQueueJob(), args));
    }

    @Override
    public Integer call() throws Exception {
        if ((corrections == null) == (output == null || runId == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give either --run-id and --output (hand a run to the station) or --load-corrections FILE");
        }
        SparkSession spark = SparkSession.builder().appName("digit-ocr review queue").getOrCreate();
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (corrections != null) {
                String warehouse = new org.apache.hadoop.fs.Path(fields).getParent().toString();
                long n = CorrectionsTable.load(spark, corrections, warehouse);
                out.printf("Committed %d decisions to %s/%s%n", n, warehouse, CorrectionsTable.NAME);
                return 0;
            }
            long n = ReviewQueue.write(spark, fields, runId, output);
            out.printf("Wrote %d fields of run %s to %s; review them with: digit-ocr review --run %s%n", n, runId,
                    output, output);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
