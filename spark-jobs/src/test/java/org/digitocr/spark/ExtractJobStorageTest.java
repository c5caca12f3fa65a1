package org.digitocr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extraction job against real storage: scans read from and Parquet written to a MiniDFSCluster over
 * hdfs://, and scans read through s3a:// from an S3-compatible server, both on 127.0.0.1.
 */
class ExtractJobStorageTest {
    @TempDir
    static Path work;
    static MiniDFSCluster hdfs;
    static S3Server s3;
    static SparkSession spark;
    static int sampleFiles;

    @BeforeAll
    static void start() throws Exception {
        sampleFiles = SparkFixtures.files(SparkFixtures.samples()).size();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("hdfs").toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        s3 = S3Server.start(work);
        s3.createBucket("scans");
        spark = SparkFixtures.local("local[2]", s3.sparkConf());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (s3 != null) {
            s3.close();
        }
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void readsScansFromHdfsAndWritesIcebergTablesThere() throws Exception {
        String root = hdfs.getURI().toString();
        FileSystem fs = FileSystem.get(hdfs.getURI(), spark.sparkContext().hadoopConfiguration());
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(SparkFixtures.samples().toUri()),
                new org.apache.hadoop.fs.Path(root + "/scans"));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(SparkFixtures.templates().toUri()),
                new org.apache.hadoop.fs.Path(root + "/templates"));
        RunSummary s = BatchExtraction.run(spark, new ExtractJobOptions(List.of(root + "/scans"),
                List.of(root + "/templates"), SparkFixtures.model().toString(), root + "/warehouse/ocr", "hdfs-1",
                0.005, 3));
        assertAccounted(s, SparkFixtures.table(spark, s.fieldsPath()), SparkFixtures.table(spark, s.rejectsPath()), "hdfs://");
        assertTrue(fs.exists(BatchExtraction.summaryFile(new org.apache.hadoop.fs.Path(root + "/warehouse/ocr"), "hdfs-1")));
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(root + "/warehouse/ocr/fields/data/run_id=hdfs-1/template=zip-slip")));
    }

    @Test
    void readsScansThroughS3a() throws Exception {
        for (Path f : SparkFixtures.files(SparkFixtures.samples())) {
            s3.put("scans", "night/" + f.getFileName(), f);
        }
        String out = work.resolve("s3-out").toUri().toString();
        RunSummary s = BatchExtraction.run(spark, new ExtractJobOptions(List.of("s3a://scans/night/"),
                List.of(SparkFixtures.templates().toString()), SparkFixtures.model().toString(), out, "s3-1",
                0.005, 3));
        assertAccounted(s, SparkFixtures.table(spark, s.fieldsPath()), SparkFixtures.table(spark, s.rejectsPath()), "s3a://scans/");
    }

    private static void assertAccounted(RunSummary s, Dataset<Row> fields, Dataset<Row> rejects, String scheme) {
        assertEquals(sampleFiles, s.files());
        assertEquals(0, s.unaccountedFiles());
        assertEquals(5, s.rejects());
        assertEquals(5, rejects.count());
        assertEquals(s.fields(), fields.count());
        Set<String> seen = new HashSet<>();
        fields.select("source").collectAsList().forEach(r -> seen.add(r.getString(0)));
        rejects.select("source").collectAsList().forEach(r -> seen.add(r.getString(0)));
        assertEquals(sampleFiles, seen.size(), seen.toString());
        seen.forEach(src -> assertTrue(src.startsWith(scheme), src));
        // lineage of files read remotely (copied to the executor's disk and hashed on the way): the originals'
        for (Row r : fields.select("source", "source_bytes", "source_sha256").union(
                rejects.select("source", "source_bytes", "source_sha256")).collectAsList()) {
            Path original = SparkFixtures.samples().resolve(new org.apache.hadoop.fs.Path(r.getString(0)).getName());
            try {
                assertEquals(Files.size(original), r.getLong(1), r.getString(0));
                assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(original))), r.getString(2), r.getString(0));
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }
}
