package org.digitocr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.iceberg.Table;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.digitocr.extract.InputListing.SkipReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse contract of the Iceberg output in local mode: incremental nights over a growing folder commit
 * only what is new, a changed scan's rows are replaced, a night with nothing new commits nothing, and a driver
 * killed with {@code kill -9} leaves the last snapshots readable for the next run to complete.
 */
class ExtractJobIcebergTest {
    @TempDir
    static Path work;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkFixtures.local("local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static ExtractJobOptions nightly(String runId, Path folder, Path out) {
        return new ExtractJobOptions(List.of(folder.toUri().toString()), List.of(SparkFixtures.templates().toString()),
                null, out.toUri().toString(), runId, 0.005, 2)
                .withTables(TableFormat.ICEBERG_AT_OUTPUT, true);
    }

    @Test
    void incrementalNightsReadEachScanOnceAndReplaceChangedOnes() throws Exception {
        Path scans = Files.createDirectories(work.resolve("scans"));
        Path out = work.resolve("warehouse");
        for (Path f : SparkFixtures.files(SparkFixtures.samples())) {
            Files.copy(f, scans.resolve(f.getFileName()));
        }
        int samples = SparkFixtures.files(scans).size();

        RunSummary first = BatchExtraction.run(spark, nightly("n1", scans, out));
        assertEquals(samples, first.files());
        assertEquals(new org.digitocr.model.ModelBundle(SparkFixtures.model()).identity().id(), first.modelId(),
                "without --model, the forms model the application carries");
        Files.copy(SparkFixtures.samples().resolve("form-01.png"), scans.resolve("new-a.png"));
        Files.copy(SparkFixtures.samples().resolve("form-03.png"), scans.resolve("new-b.png"));
        RunSummary second = BatchExtraction.run(spark, nightly("n2", scans, out));
        assertEquals(2, second.files(), "only the two new scans are read");
        assertEquals(samples, second.skipped().byReason().get(SkipReason.UNCHANGED));
        Dataset<Row> fields = SparkFixtures.table(spark, second.fieldsPath());
        assertEquals(2, fields.where("run_id = 'n2'").select("source").distinct().count());
        assertNotEquals(first.output().fieldsSnapshotId(), second.output().fieldsSnapshotId());

        Path changed = scans.resolve("form-05.png");
        long firstOfChanged = fieldsOf(first, changed);
        Files.copy(SparkFixtures.samples().resolve("form-07.png"), changed, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        RunSummary third = BatchExtraction.run(spark, nightly("n3", scans, out));
        assertEquals(1, third.files(), "the changed scan is read again");
        fields = SparkFixtures.table(spark, third.fieldsPath());
        assertTrue(firstOfChanged > 0);
        assertEquals(0, fieldsOf(first, changed), "its rows of the earlier night are replaced");
        assertTrue(fieldsOf(third, changed) > 0);
        assertTrue(fields.where("run_id = 'n3'").count() > 0);
        assertEquals(fields.count(), fields.select("source", "page", "field").distinct().count(),
                "one row per source, page and field over all nights");
        assertEquals(first.fields() - firstOfChanged + second.fields() + third.fields(), fields.count(),
                "the other rows of the first night are kept");

        RunSummary quiet = BatchExtraction.run(spark, nightly("n4", scans, out));
        assertEquals(0, quiet.files());
        assertNull(quiet.output().fieldsSnapshotId(), "a night with nothing new commits nothing");
        Table table = new HadoopTables(spark.sparkContext().hadoopConfiguration()).load(quiet.fieldsPath());
        assertEquals(third.output().fieldsSnapshotId(), table.currentSnapshot().snapshotId());
        assertEquals("n3", table.currentSnapshot().summary().get("digitocr.run-id"), "snapshots name their run");
        System.out.printf("incremental nights: files %d, %d, %d, %d; fields snapshots %s, %s, %s, %s%n",
                first.files(), second.files(), third.files(), quiet.files(), first.output().fieldsSnapshotId(),
                second.output().fieldsSnapshotId(), third.output().fieldsSnapshotId(), quiet.output().fieldsSnapshotId());
    }

    @Test
    void aNewerJobAddsItsColumnsToAnOlderTable() throws Exception {
        Path out = work.resolve("evolving");
        String samples = SparkFixtures.samples().toUri().toString() + "/form-0[12]*";
        RunSummary first = BatchExtraction.run(spark, new ExtractJobOptions(List.of(samples),
                List.of(SparkFixtures.templates().toString()), null, out.toUri().toString(), "v1", 0.005, 2));
        Table table = new HadoopTables(spark.sparkContext().hadoopConfiguration()).load(first.fieldsPath());
        table.updateSchema().deleteColumn("digit_images").commit();
        int before = table.schemas().size();
        BatchExtraction.run(spark, new ExtractJobOptions(List.of(samples), List.of(SparkFixtures.templates().toString()),
                null, out.toUri().toString(), "v2", 0.005, 2));
        table.refresh();
        assertTrue(table.schemas().size() > before, "a new schema version");
        assertNotNull(table.schema().findField("digit_images"), "the column is back");
        Dataset<Row> fields = SparkFixtures.table(spark, first.fieldsPath());
        assertEquals(0, fields.where("run_id = 'v1' AND digit_images IS NOT NULL").count(), "older rows read it as null");
        assertTrue(fields.where("run_id = 'v2' AND digit_images IS NOT NULL").count() > 0);
    }

    @Test
    void writesIntoACatalogTheSparkConfigurationDefines() throws Exception {
        String catalog = "spark.sql.catalog.lake";
        spark.conf().set(catalog, "org.apache.iceberg.spark.SparkCatalog");
        spark.conf().set(catalog + ".type", "hadoop");
        spark.conf().set(catalog + ".warehouse", work.resolve("lake").toUri().toString());
        String samples = SparkFixtures.samples().toUri().toString();
        RunSummary s = BatchExtraction.run(spark, new ExtractJobOptions(List.of(samples + "/form-0[12]*"),
                List.of(SparkFixtures.templates().toString()), null, work.resolve("runs").toUri().toString(), "c1",
                0.005, 2).withTables(new TableFormat(TableFormat.Format.ICEBERG, "lake", null), false));
        assertEquals("lake.digit_ocr.fields", s.fieldsPath(), "the default namespace");
        assertEquals(s.fields(), spark.table("lake.digit_ocr.fields").where("run_id = 'c1'").count());
        assertTrue(Files.isDirectory(work.resolve("lake/digit_ocr/fields/metadata")));
        assertTrue(Files.exists(work.resolve("runs/summary/run_id=c1/summary.json")), "summaries stay at --output");
    }

    @Test
    void commitsThroughALiveRestCatalog() throws Exception {
        Path scans = Files.createDirectories(work.resolve("rest-scans"));
        for (String f : List.of("form-01.png", "form-02.jpg")) {
            Files.copy(SparkFixtures.samples().resolve(f), scans.resolve(f));
        }
        try (RestCatalogServer rest = RestCatalogServer.start(work.resolve("rest-warehouse"))) {
            String catalog = "spark.sql.catalog.rest";
            spark.conf().set(catalog, "org.apache.iceberg.spark.SparkCatalog");
            spark.conf().set(catalog + ".type", "rest");
            spark.conf().set(catalog + ".uri", rest.uri());
            TableFormat tables = new TableFormat(TableFormat.Format.ICEBERG, "rest", "nightly");
            Path out = work.resolve("rest-runs");
            RunSummary first = BatchExtraction.run(spark, restNight("r1", scans, out, tables, true));
            assertEquals("rest.nightly.fields", first.fieldsPath());
            assertEquals(2, first.files());
            assertEquals(first.fields(), spark.table("rest.nightly.fields").where("run_id = 'r1'").count());

            Files.copy(SparkFixtures.samples().resolve("form-03.png"), scans.resolve("new.png"));
            RunSummary second = BatchExtraction.run(spark, restNight("r2", scans, out, tables, true));
            assertEquals(1, second.files(), "only the new scan is read: the catalog told the job what it holds");
            RunSummary again = BatchExtraction.run(spark, restNight("r2", scans, out, tables, false));
            assertEquals(3, again.files());
            Dataset<Row> r2 = spark.table("rest.nightly.fields").where("run_id = 'r2'");
            assertEquals(again.fields(), r2.count(), "a re-run of r2 replaced its rows");
            assertEquals(r2.count(), r2.select("source", "page", "field").distinct().count());
            assertEquals(first.fields(), spark.table("rest.nightly.fields").where("run_id = 'r1'").count());

            String listed = rest.get("v1/namespaces/nightly/tables");
            assertTrue(listed.contains("\"fields\"") && listed.contains("\"rejects\""), listed);
            String metadata = rest.get("v1/namespaces/nightly/tables/fields");
            assertTrue(metadata.contains("\"current-snapshot-id\":" + again.output().fieldsSnapshotId()),
                    "the server's current snapshot is the run's commit");
            assertTrue(Files.isDirectory(work.resolve("rest-warehouse/nightly/fields/metadata")));
            System.out.printf("REST catalog %s: runs r1, r2, r2 again read %d, %d, %d files; fields snapshots %s, %s, %s%n",
                    rest.uri(), first.files(), second.files(), again.files(), first.output().fieldsSnapshotId(),
                    second.output().fieldsSnapshotId(), again.output().fieldsSnapshotId());
        }
    }

    private static ExtractJobOptions restNight(String runId, Path folder, Path out, TableFormat tables, boolean incremental) {
        return new ExtractJobOptions(List.of(folder.toUri().toString()), List.of(SparkFixtures.templates().toString()),
                null, out.toUri().toString(), runId, 0.005, 2).withTables(tables, incremental);
    }

    @Test
    void aDriverKilledBetweenCommitsLeavesReadableTablesAndTheNextRunCompletes() throws Exception {
        Path out = work.resolve("killed");
        String samples = SparkFixtures.samples().toUri().toString();
        RunSummary before = BatchExtraction.run(spark, new ExtractJobOptions(List.of(samples + "/form-0[12]*"),
                List.of(SparkFixtures.templates().toString()), SparkFixtures.model().toString(), out.toUri().toString(),
                "k0", 0.005, 2));
        Path metadata = out.resolve("fields/metadata");
        long versions = metadataFiles(metadata);

        Process job = job(List.of("--input", samples, "--templates", SparkFixtures.templates().toString(),
                "--model", SparkFixtures.model().toString(), "--output", out.toUri().toString(), "--run-id", "k1"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (job.isAlive() && metadataFiles(metadata) == versions && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        boolean killedMidway = job.isAlive();
        job.destroyForcibly().waitFor();
        System.out.println("driver killed " + (killedMidway ? "after its fields commit" : "after it finished"));

        Dataset<Row> fields = SparkFixtures.table(spark, before.fieldsPath());
        long k1 = fields.where("run_id = 'k1'").count();
        assertEquals(before.fields(), fields.where("run_id = 'k0'").count(), "the earlier run is intact");
        assertEquals(fields.count(), fields.select("source", "page", "field", "run_id").distinct().count());
        long rejects = SparkFixtures.table(spark, before.rejectsPath()).count();
        assertTrue(rejects >= before.rejects(), "the rejects table reads: " + rejects);

        RunSummary again = BatchExtraction.run(spark, new ExtractJobOptions(List.of(samples),
                List.of(SparkFixtures.templates().toString()), SparkFixtures.model().toString(), out.toUri().toString(),
                "k1", 0.005, 2));
        assertTrue(k1 == 0 || k1 == again.fields(), "the killed run's fields commit was whole or absent: " + k1);
        fields = SparkFixtures.table(spark, before.fieldsPath());
        assertEquals(again.fields(), fields.where("run_id = 'k1'").count());
        assertEquals(again.rejects(), SparkFixtures.table(spark, before.rejectsPath()).where("run_id = 'k1'").count());
        assertNotNull(again.output().rejectsSnapshotId());
    }

    /** The rows the tables hold now of {@code scan} read by {@code run}. */
    private static long fieldsOf(RunSummary run, Path scan) {
        return SparkFixtures.table(spark, run.fieldsPath()).where("run_id = '" + run.runId() + "'")
                .where(org.apache.spark.sql.functions.col("source").endsWith("/" + scan.getFileName())).count();
    }

    private static long metadataFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".metadata.json")).count();
        }
    }

    /** ExtractJob's main in a JVM of its own (Spark local mode), with this JVM's class path and options. */
    private static Process job(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-D") || a.startsWith("-Xmx")).toList());
        cmd.addAll(List.of("-Dspark.master=local[2]", "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.ui.enabled=false"));
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(ExtractJob.class.getName());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("killed-job.log").toFile()).start();
    }
}
