package org.digitocr.spark;


import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.digitocr.extract.InputListing.Skipped;
import org.digitocr.extract.OutputPlace;
import org.digitocr.extract.SkippedInputs;
import org.digitocr.form.TemplateReader;
import org.digitocr.provenance.BuildInfo;
import org.digitocr.report.RunCounts;
import org.digitocr.report.RunReport;
import org.digitocr.report.RunStats;
import org.digitocr.report.RunStatsCollector;
import org.digitocr.validate.CheckDigits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch extraction run on Spark: list the scans on the driver (with {@code --incremental}, only those the
 * tables do not hold yet), balance them over partitions, run the core forms pipeline in the tasks, check that
 * every file is accounted for, and land {@code fields} and {@code rejects} ({@link RunTables}: Iceberg tables,
 * or plain Parquet) with a {@code summary.json} and a report. A re-run replaces exactly its own run; a failed
 * run leaves nothing half-written in view. Orchestration only: all reading of forms is in core.
 */
public final class BatchExtraction {
    public static final String FIELDS = "fields";
    public static final String REJECTS = "rejects";
    public static final String SUMMARY = "summary";
    public static final String REPORT = "report";
    private static final Logger LOG = LoggerFactory.getLogger(BatchExtraction.class);

    private BatchExtraction() {
    }

    public static RunSummary run(SparkSession spark, ExtractJobOptions opts) throws IOException {
        String started = Instant.now().toString();
        long t0 = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();

        Path output = new Path(opts.output());
        FileSystem fs = output.getFileSystem(hadoop);
        List<String> inputs = new ArrayList<>();
        for (String in : opts.inputs()) {
            Path p = new Path(in);
            inputs.add(p.getFileSystem(hadoop).makeQualified(p).toString());
        }
        OutputPlace.conflict(fs.makeQualified(output).toString(), inputs, false).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        Map<String, String> templates = readTemplates(opts.templates(), hadoop);
        new TemplateReader(CheckDigits.standard().names()).parseAll(templates);
        ModelSource model = ModelSource.read(opts.model(), hadoop);
        double threshold = model.policy().threshold(opts.targetErrorRate());
        InputListing.Listed listed = InputListing.list(opts.inputs(), hadoop);
        RunTables tables = opts.tables().iceberg()
                ? IcebergTables.open(spark, opts.tables(), fs.makeQualified(output).toString(), opts.runId())
                : new ParquetTables(fs, output, opts.runId());
        List<InputFile> files = listed.files();
        List<Skipped> skipped = new ArrayList<>(listed.skipped());
        Set<String> replaced = Set.of();
        if (opts.incremental()) {
            Increment inc = Increment.of(files, tables.held());
            files = inc.toRead();
            replaced = inc.changed();
            skipped.addAll(inc.unchanged());
            LOG.info("Run {} (incremental): {} files to read ({} changed since read), {} unchanged skipped",
                    opts.runId(), files.size(), replaced.size(), inc.unchanged().size());
        }
        if (files.isEmpty()) {
            LOG.warn("Run {}: nothing to read in {} (an empty run: nothing committed)", opts.runId(), opts.inputs());
        }
        int wanted = opts.partitions() > 0 ? opts.partitions()
                : WorkPlan.defaultPartitions(files.stream().mapToDouble(InputFile::weight).sum(), jsc.defaultParallelism());
        List<List<InputFile>> plan = WorkPlan.balance(files, wanted);
        LOG.info("Run {}: {} files in {} partitions, {} templates, model {}", opts.runId(), files.size(), plan.size(),
                templates.size(), model.id());

        Broadcast<PipelineSpec> spec = jsc.broadcast(new PipelineSpec(model.identity(), model.files(), templates,
                opts.limits(), threshold));
        JavaRDD<Row> rows = jsc.parallelize(plan, Math.max(1, plan.size())).mapPartitions(new ExtractPartition(opts.runId(), spec,
                new HadoopConf(hadoop), failFirstAttempt(spark)));
        Dataset<Row> outcome = spark.createDataFrame(rows, ResultRows.OUTCOME).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            RunStatsCollector collected = OutcomeStats.collect(outcome);
            RunCounts counts = collected.counts((System.nanoTime() - t0) / 1e9);
            if (counts.files() != files.size()) {
                throw new IllegalStateException("run " + opts.runId() + ": " + files.size() + " files listed but "
                        + counts.files() + " accounted for; nothing published");
            }
            PublishedTables published = files.isEmpty() ? tables.unchanged()
                    : tables.publish(OutcomeStats.fields(outcome), OutcomeStats.rejects(outcome), replaced);
            double seconds = (System.nanoTime() - t0) / 1e9;
            counts = collected.counts(seconds);
            RunSummary summary = RunSummary.of(opts, started, spark.sparkContext().master(), plan.size(), files.size(),
                    SkippedInputs.of(skipped), counts, model, threshold, Versions.all(spark), published);
            summary.write(fs, summaryFile(output, opts.runId()));
            writeReport(fs, reportDir(output, opts.runId()), collected.stats("Extraction run " + opts.runId(),
                    summary.facts(), seconds, threshold, OutcomeStats.rejectSample(outcome),
                    OutcomeStats.reviewSample(outcome)));
            RunPublisher.markDone(fs, summaryFile(output, opts.runId()).getParent());
            return summary;
        } finally {
            outcome.unpersist();
            spec.destroy();
        }
    }

    public static Path summaryFile(Path output, String runId) {
        return new Path(new Path(new Path(output, SUMMARY), "run_id=" + runId), RunSummary.FILE);
    }

    /** Where a run's HTML report goes: {@code OUTPUT/report/run_id=ID/report.html} and its PNGs. */
    public static Path reportDir(Path output, String runId) {
        return new Path(new Path(output, REPORT), "run_id=" + runId);
    }

    private static void writeReport(FileSystem fs, Path dir, RunStats stats) throws IOException {
        fs.delete(dir, true);
        for (Map.Entry<String, byte[]> f : RunReport.render(stats).entrySet()) {
            try (var out = fs.create(new Path(dir, f.getKey()), true)) {
                out.write(f.getValue());
            }
        }
    }

    /** Template JSON by source, from files or directories of {@code *.json} on any Hadoop file system. */
    static Map<String, String> readTemplates(List<String> locations, Configuration conf) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String loc : locations) {
            Path p = new Path(loc);
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.exists(p)) {
                throw new IOException(loc + ": no such template file or directory");
            }
            List<Path> files = new ArrayList<>();
            if (fs.getFileStatus(p).isDirectory()) {
                for (FileStatus st : fs.listStatus(p, f -> f.getName().endsWith(".json"))) {
                    files.add(st.getPath());
                }
            } else {
                files.add(p);
            }
            for (Path f : files) {
                try (var in = fs.open(f)) {
                    out.put(f.toString(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static Set<Integer> failFirstAttempt(SparkSession spark) {
        String v = spark.sparkContext().getConf().get(ExtractPartition.FAIL_FIRST_ATTEMPT, "");
        return v.isBlank() ? Set.of() : Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf)
                .collect(Collectors.toSet());
    }

    /** Versions recorded in every summary, so a run can be traced to what made it. */
    static final class Versions {
        static Map<String, String> all(SparkSession spark) {
            Map<String, String> v = new LinkedHashMap<>();
            BuildInfo build = BuildInfo.current();
            v.put("digitOcr", build.version());
            v.put("spark", spark.version());
            v.put("scala", scala.util.Properties.versionNumberString());
            v.put("dl4j", build.dl4j() + " (" + build.nd4jBackend() + ")");
            v.put("java", System.getProperty("java.version"));
            return v;
        }
    }
}
