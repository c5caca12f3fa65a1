package org.digitocr.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.mnist.Mnist;
import org.digitocr.mnist.MnistFetch;
import org.digitocr.model.ModelBundle;
import org.digitocr.sample.SampleBatchWriter;
import org.digitocr.sample.SampleFormGenerator;
import org.digitocr.sample.ScanDistortion;
import org.digitocr.validate.CheckDigits;

/** Real inputs for the Spark tests: the project's templates, the bundled models, forms generated from MNIST. */
final class SparkFixtures {
    private SparkFixtures() {
    }

    static Path projectRoot() {
        String root = System.getProperty("digitocr.projectRoot");
        return root == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(root);
    }

    static Path templates() {
        return projectRoot().resolve("conf/templates");
    }

    /** The forms pipeline's default model. */
    static Path model() {
        return projectRoot().resolve(ModelBundle.FORMS);
    }

    /** The reference model trained on MNIST. */
    static Path referenceModel() {
        return projectRoot().resolve(ModelBundle.BUNDLED);
    }

    static Path samples() {
        return projectRoot().resolve("data/samples");
    }

    /** MNIST's directory: MNIST_DIR (relative paths are from the project root), else data/mnist fetched once. */
    static Path mnistDir() {
        return MnistFetch.fromEnvironment(projectRoot(), projectRoot().resolve(Mnist.DEFAULT_DIR)).dir();
    }

    /** Writes a generated batch (forms, a 3-page TIFF, five bad inputs) and returns the truth of every page. */
    static List<SampleBatchWriter.PageTruth> generate(Path dir, int forms, long seed) throws IOException {
        Path mnistDir = mnistDir();
        CheckDigits checks = CheckDigits.standard();
        List<FormTemplate> templates = new TemplateReader(checks.names()).readAll(List.of(templates()));
        SampleFormGenerator gen = new SampleFormGenerator(new Mnist(mnistDir).test(), checks,
                ScanDistortion.typical(), 0.05);
        return SampleBatchWriter.write(gen, templates, forms, seed, dir, ScanDistortion.typical());
    }

    /**
     * An Iceberg table the job wrote under the Hadoop catalog at its output, read as a warehouse reader would:
     * a Hadoop catalog on the output folder ({@code spark.sql.catalog.NAME.type=hadoop}, warehouse = the folder).
     */
    static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table(SparkSession spark, String table) {
        int slash = table.lastIndexOf('/');
        return IcebergTables.read(spark, table.substring(0, slash), table.substring(slash + 1));
    }

    /** Stops a server the tests started in its own JVM and waits for it to end. */
    static void stop(Process process) {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }

    /** What this JVM's temporary directory holds of ours: names starting "digit-ocr-". */
    static java.util.Set<String> temporary() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("digit-ocr-"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    /** What a job left in the temporary directory since {@code before} ({@link #temporary()}). */
    static java.util.Set<String> leftInTemporary(java.util.Set<String> before) throws IOException {
        java.util.Set<String> now = temporary();
        now.removeAll(before);
        return now;
    }

    /** A local-mode session bound to 127.0.0.1; {@code master} may add task retries, e.g. local[2,3]. */
    static SparkSession local(String master, String... conf) {
        SparkSession.Builder b = SparkSession.builder().master(master).appName("digit-ocr test")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
        for (int i = 0; i < conf.length; i += 2) {
            b.config(conf[i], conf[i + 1]);
        }
        return b.getOrCreate();
    }
}
