package org.digitocr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar as a cluster runs it: {@code org.apache.spark.deploy.SparkSubmit} on the classpath of a
 * Spark distribution alone (module spark-dist, not the Maven test classpath), with the project's
 * {@code spark-defaults.conf}, reading the sample scans with the model the jar carries.
 */
class SparkSubmitIT {
    @TempDir
    Path work;

    @Test
    void theApplicationJarReadsTheSamplesWithItsOwnModelOnSparksClasspathAlone() throws Exception {
        Path root = SparkFixtures.projectRoot();
        Path jar = Path.of(System.getProperty("digitocr.appJar"));
        String sparkClasspath = Files.readString(Path.of(System.getProperty("digitocr.sparkClasspath"))).trim();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Xmx")
                        || a.startsWith("-Dorg.bytedeco") || a.startsWith("-Djdk")).toList());
        cmd.addAll(List.of("-cp", sparkClasspath, "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--properties-file", root.resolve("conf/spark-defaults.conf").toString(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--class", ExtractJob.class.getName(), jar.toString(),
                "--input", SparkFixtures.samples().toString(), "--templates", SparkFixtures.templates().toString(),
                "--output", work.resolve("out").toString(), "--run-id", "submitted"));
        Path log = work.resolve("spark-submit.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        String out = Files.readString(log);
        assertEquals(0, rc, "spark-submit exit code; its output:\n" + out);
        assertTrue(out.contains("14 files, 15 pages, 40 fields"), out);
        assertTrue(Files.isDirectory(work.resolve("out/fields/metadata")), "the fields table");
        assertTrue(Files.exists(work.resolve("out/summary/run_id=submitted/_SUCCESS")));
    }
}
