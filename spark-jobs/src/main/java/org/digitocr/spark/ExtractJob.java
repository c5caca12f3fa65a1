package org.digitocr.spark;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.digitocr.cli.ReviewAndLimitOptions;
import org.digitocr.extract.StageTimes;
import org.digitocr.report.RunCounts;
import org.digitocr.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spark-submit} entry point of batch extraction: parses the options into an {@link ExtractJobOptions},
 * runs {@link BatchExtraction} and prints where the rows went and the run's summary (to picocli's output
 * writer, standard output unless the caller redirects it).
 */
@Command(name = "ExtractJob", mixinStandardHelpOptions = true,
        description = "Read the digit fields of scanned forms on Spark; land fields and rejects as Iceberg tables"
                + " (or Parquet).")
public final class ExtractJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--input", required = true, split = ",", paramLabel = "PATH",
            description = "Scans: files, directories or globs on any Hadoop file system (file:, hdfs://, s3a://).")
    List<String> inputs;
    @Option(names = "--templates", required = true, split = ",", paramLabel = "PATH",
            description = "Template JSON files or directories of them.")
    List<String> templates;
    @Option(names = "--output", required = true, paramLabel = "PATH",
            description = "Root of the output: the tables (unless --catalog), summaries and reports.")
    String output;
    @Option(names = "--model", paramLabel = "PATH",
            description = "Model directory on any Hadoop file system, or a folder shipped with --archives"
                    + " (default: the forms model inside the application jar).")
    String model;
    @Option(names = "--run-id", paramLabel = "ID", description = "Run id (default: the UTC start time, e.g. 20261124T220000Z).")
    String runId;
    @Mixin
    ReviewAndLimitOptions limits = new ReviewAndLimitOptions();
    @Option(names = "--format", defaultValue = "ICEBERG", paramLabel = "FORMAT",
            description = "iceberg: tables fields and rejects, one commit each per run (default); parquet: plain"
                    + " Hive-partitioned folders.")
    TableFormat.Format format;
    @Option(names = "--catalog", paramLabel = "NAME",
            description = "An Iceberg catalog the Spark configuration defines (spark.sql.catalog.NAME: REST, Hive, ...);"
                    + " default: a Hadoop catalog whose warehouse is --output.")
    String catalog;
    @Option(names = "--namespace", paramLabel = "NS",
            description = "The tables' namespace in --catalog (default: " + TableFormat.DEFAULT_NAMESPACE + ").")
    String namespace;
    @Option(names = "--incremental",
            description = "Read only scans the tables do not hold yet, or hold in another size or modification time"
                    + " (their earlier rows are replaced); Iceberg only.")
    boolean incremental;
    @Option(names = "--partitions", defaultValue = "0",
            description = "Spark partitions (default 0: one per 50 files' estimated pages, at least twice the default"
                    + " parallelism).")
    int partitions;

    public static void main(String[] args) {
        System.exit(JobCommandLine.run(new ExtractJob(), args));
    }

    ExtractJobOptions options() {
        String id = runId != null ? runId
                : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT));
        return new ExtractJobOptions(inputs, templates, model, output, id, limits.validated().targetError(), partitions,
                limits.decodeLimits(), new TableFormat(format, catalog, namespace), incremental);
    }

    @Override
    public Integer call() throws Exception {
        ExtractJobOptions opts = options();
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName("digit-ocr extract " + opts.runId());
        if (!conf.contains("spark.executorEnv.OMP_NUM_THREADS")) {
            builder.config("spark.executorEnv.OMP_NUM_THREADS", conf.get("spark.task.cpus", "1"));
        }
        SparkSession spark = builder.getOrCreate();
        PrintWriter out = spec.commandLine().getOut();
        try {
            RunSummary s = BatchExtraction.run(spark, opts);
            out.printf(Locale.ROOT, "Run %s on %s: %d files, %d pages, %d fields (%d accepted, %d to review,"
                            + " %.1f%% accepted), %d rejects, %.2f pages/s in %.1f s%n", s.runId(), s.master(),
                    s.files(), s.pages(), s.fields(), s.accepted(), s.review(), 100 * s.acceptRate(), s.rejects(),
                    s.pagesPerSecond(), s.seconds());
            out.println("Time by stage: " + StageTimes.shares(s.stageSeconds()));
            out.println("Fields:  " + s.output().describe(true));
            out.println("Rejects: " + s.output().describe(false));
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(opts.output());
            out.println("Summary: " + BatchExtraction.summaryFile(root, s.runId()));
            out.println("Report:  " + new org.apache.hadoop.fs.Path(BatchExtraction.reportDir(root, s.runId()),
                    RunReport.HTML));
            RunCounts.Verdict verdict = RunCounts.verdict(s.files(), s.fields(), s.filesWithRejects(),
                    limits.maxRejectRate());
            if (verdict.problem() != null) {
                spec.commandLine().getErr().println("error: " + verdict.problem() + " (see " + s.rejectsPath() + ")");
            }
            return verdict.exitCode();
        } finally {
            spark.stop();
        }
    }
}
