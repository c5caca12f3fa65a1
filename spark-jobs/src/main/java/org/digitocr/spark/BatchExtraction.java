package org.digitocr.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

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
import org.digitocr.form.TemplateReader;
import org.digitocr.provenance.BuildInfo;
import org.digitocr.validate.CheckDigits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch extraction run on Spark: list the scans on the driver, balance them over partitions, run the core
 * forms pipeline in the tasks, and land {@code fields} and {@code rejects} as Parquet with a
 * {@code summary.json}. Staged and then published per run id, so a re-run replaces exactly its own run and
 * a failed run leaves nothing half-written in view. Orchestration only: all reading of forms is in core.
 */
public final class BatchExtraction {
    public static final String FIELDS = "fields";
    public static final String REJECTS = "rejects";
    public static final String SUMMARY = "summary";
    private static final Logger LOG = LoggerFactory.getLogger(BatchExtraction.class);

    private BatchExtraction() {
    }

    public static RunSummary run(SparkSession spark, ExtractJobOptions opts) throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();

        Map<String, String> templates = readTemplates(opts.templates(), hadoop);
        new TemplateReader(CheckDigits.standard().names()).parseAll(templates);
        ModelSource model = ModelSource.read(opts.model(), hadoop);
        double threshold = model.policy().threshold(opts.targetErrorRate());
        List<InputFile> files = InputListing.list(opts.inputs(), hadoop);
        if (files.isEmpty()) {
            throw new IOException("no input files in " + opts.inputs());
        }
        int wanted = opts.partitions() > 0 ? opts.partitions() : 2 * jsc.defaultParallelism();
        List<List<InputFile>> plan = WorkPlan.balance(files, wanted);
        LOG.info("Run {}: {} files in {} partitions, {} templates, model {}", opts.runId(), files.size(), plan.size(),
                templates.size(), model.id());

        Path output = new Path(opts.output());
        FileSystem fs = output.getFileSystem(hadoop);
        RunPublisher publisher = new RunPublisher(fs, output, opts.runId());
        Path staging = publisher.newStaging();
        Broadcast<PipelineSpec> spec = jsc.broadcast(new PipelineSpec(model.id(), model.files(), templates,
                opts.maxPixels(), threshold));
        JavaRDD<Row> rows = jsc.parallelize(plan, plan.size()).mapPartitions(new ExtractPartition(opts.runId(), spec,
                new HadoopConf(hadoop), failFirstAttempt(spark)));
        Dataset<Row> outcome = spark.createDataFrame(rows, ResultRows.OUTCOME).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            outcome.where(col("kind").equalTo(ResultRows.KIND_FIELD)).select("field.*")
                    .write().partitionBy("run_id", "template").parquet(new Path(staging, FIELDS).toString());
            outcome.where(col("kind").equalTo(ResultRows.KIND_REJECT)).select("reject.*")
                    .write().partitionBy("run_id").parquet(new Path(staging, REJECTS).toString());
            Counts counts = Counts.of(outcome);
            if (counts.files() != files.size()) {
                throw new IllegalStateException("run " + opts.runId() + ": " + files.size() + " files listed but "
                        + counts.files() + " accounted for; nothing published");
            }
            publisher.publish(staging, FIELDS);
            publisher.publish(staging, REJECTS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            RunSummary summary = new RunSummary(opts.runId(), started.toString(), Instant.now().toString(), seconds,
                    spark.sparkContext().master(), plan.size(), files.size(), counts.pages(), counts.fields(),
                    counts.accepted(), counts.fields() - counts.accepted(), counts.rejects(),
                    counts.fields() == 0 ? 0 : (double) counts.accepted() / counts.fields(),
                    counts.pages() / Math.max(seconds, 1e-9), files.size() - counts.files(), counts.templates(),
                    model.id(), model.card().metrics(), opts.targetErrorRate(), threshold, Versions.all(spark),
                    publisher.partition(new Path(output, FIELDS)).toString(),
                    publisher.partition(new Path(output, REJECTS)).toString());
            summary.write(fs, summaryFile(output, opts.runId()));
            return summary;
        } finally {
            outcome.unpersist();
            spec.destroy();
            publisher.discard(staging);
        }
    }

    public static Path summaryFile(Path output, String runId) {
        return new Path(new Path(new Path(output, SUMMARY), "run_id=" + runId), RunSummary.FILE);
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

    /** What one run produced, aggregated by Spark from the persisted outcome rows. */
    private record Counts(long files, long pages, long fields, long accepted, long rejects,
                          List<RunSummary.TemplateCounts> templates) {
        static Counts of(Dataset<Row> outcome) {
            Row f = outcome.where(col("kind").equalTo(ResultRows.KIND_FILE))
                    .agg(countDistinct("file.source"), sum("file.pages")).first();
            List<RunSummary.TemplateCounts> byTemplate = new ArrayList<>();
            long fields = 0, accepted = 0;
            for (Row r : outcome.where(col("kind").equalTo(ResultRows.KIND_FIELD))
                    .groupBy(col("field.template").as("template"))
                    .agg(count("*"), sum(when(col("field.needs_review"), 0).otherwise(1)))
                    .orderBy("template").collectAsList()) {
                byTemplate.add(new RunSummary.TemplateCounts(r.getString(0), r.getLong(1), r.getLong(2)));
                fields += r.getLong(1);
                accepted += r.getLong(2);
            }
            long rejects = outcome.where(col("kind").equalTo(ResultRows.KIND_REJECT)).count();
            return new Counts(f.getLong(0), f.isNullAt(1) ? 0 : f.getLong(1), fields, accepted, rejects, byTemplate);
        }
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
