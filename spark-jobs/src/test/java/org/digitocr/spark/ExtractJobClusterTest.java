package org.digitocr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs submitted to a standalone Spark master and worker (separate JVMs on 127.0.0.1). Extraction:
 * the work runs in an executor JVM, a task's failed first attempt is retried there without duplicate rows,
 * and the executor loaded the model once. Training: parameter averaging in the executor gives a usable model.
 */
class ExtractJobClusterTest {
    @TempDir
    static Path work;
    static StandaloneCluster cluster;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        cluster = StandaloneCluster.start(work, 2, "3g");
        String[] conf = cluster.sparkConf("1g");
        String[] all = new String[conf.length + 2];
        System.arraycopy(conf, 0, all, 0, conf.length);
        all[conf.length] = ExtractPartition.FAIL_FIRST_ATTEMPT;
        all[conf.length + 1] = "0";
        spark = SparkFixtures.local(cluster.masterUrl(), all);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void runsOnTheClusterWithOneRowPerFieldAfterARetry() throws Exception {
        int driverLoads = ExecutorPipelines.loads();
        String out = work.resolve("out").toUri().toString();
        ExtractJobOptions opts = new ExtractJobOptions(List.of(SparkFixtures.samples().toString()),
                List.of(SparkFixtures.templates().toString()), SparkFixtures.model().toString(), out, "cluster-1",
                0.005, 4);
        java.util.Set<String> temporary = SparkFixtures.temporary();
        RunSummary s = BatchExtraction.run(spark, opts);
        assertEquals(java.util.Set.of(), SparkFixtures.leftInTemporary(temporary),
                "the executors (other JVMs, killed when the application ends) deleted the model they unpacked");
        int files = SparkFixtures.files(SparkFixtures.samples()).size();
        assertEquals(files, s.files());
        assertEquals(0, s.unaccountedFiles());
        assertTrue(s.master().startsWith("spark://127.0.0.1:"), s.master());
        Dataset<Row> fields = SparkFixtures.table(spark, s.fieldsPath());
        assertEquals(s.fields(), fields.count());
        assertEquals(s.fields(), fields.select("source", "page", "field").distinct().count(), "one row per field");
        Set<String> seen = new HashSet<>();
        fields.select("source").collectAsList().forEach(r -> seen.add(r.getString(0)));
        SparkFixtures.table(spark, s.rejectsPath()).select("source").collectAsList().forEach(r -> seen.add(r.getString(0)));
        assertEquals(files, seen.size());

        BatchExtraction.run(spark, opts);
        assertEquals(s.fields(), SparkFixtures.table(spark, s.fieldsPath()).count(), "re-run on the cluster: no duplicates");

        List<Integer> loads = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(List.of(1, 2, 3, 4), 4).map(x -> ExecutorPipelines.loads()).collect();
        assertEquals(List.of(1, 1, 1, 1), loads, "the executor JVM loaded the model once for all its tasks");
        assertEquals(driverLoads, ExecutorPipelines.loads(), "the work ran in the executor, not the driver JVM");
    }

    @Test
    void trainsWithParameterAveragingOnTheCluster() throws Exception {
        String out = work.resolve("trained").toUri().toString();
        TrainJobOptions o = new TrainJobOptions(SparkFixtures.mnistDir().toString(), List.of(),
                SparkFixtures.mnistDir().toString(), out, null, 2, 16, 5, 2, 2e-3, 1e-3, 5, 3000, 1000, false, TrainJobOptions.Engine.BACKPROP, false, null, null, 0);
        DistributedTrainer.Result r = DistributedTrainer.run(spark, o);
        double acc = r.exported().test().accuracy();
        System.out.printf("spark training on the standalone cluster: 3000 digits, 2 epochs -> test accuracy %.4f%n", acc);
        assertTrue(acc >= 0.80, "test accuracy after two epochs on 3000 digits: " + acc);
        assertTrue(r.exported().card().training().distributed().sparkMaster().startsWith("spark://127.0.0.1:"));
        try (org.digitocr.model.DigitClassifier c = org.digitocr.model.DigitClassifier.load(
                new org.digitocr.model.ModelBundle(work.resolve("trained")))) {
            org.junit.jupiter.api.Assertions.assertEquals(10, c.classify(new float[28 * 28], 1).get(0).distribution().length);
        }
    }
}
