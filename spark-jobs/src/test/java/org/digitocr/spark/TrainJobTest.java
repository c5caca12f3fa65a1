package org.digitocr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.provenance.ModelCard;
import org.digitocr.review.CorrectionsLog;
import org.digitocr.review.Decision;
import org.digitocr.review.ReviewItem;
import org.digitocr.review.ReviewRun;
import org.digitocr.review.ReviewStation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameter-averaging training on local[2]: a few thousand MNIST digits reach a stated accuracy and the model
 * loads in DigitClassifier; fine-tuning the bundled model on a labelled-digits Parquet table of scanned-style
 * PNGs keeps its MNIST test accuracy within 0.2 points.
 */
class TrainJobTest {
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

    @Test
    void theExecutorsRewriteDigitsInOtherHandsAsOneMachineDoes() throws Exception {
        LabelledDigits digits = new Mnist(SparkFixtures.mnistDir()).test().head(120);
        LabelledDigits spread = SparkHandStyles.restyleAll(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()), digits, 9);
        assertArrayEquals(org.digitocr.sample.HandStyles.restyleAll(digits, 9).images().pixels(),
                spread.images().pixels(), "digit by digit the same, whichever task drew it");
        assertArrayEquals(digits.labels(), spread.labels());
    }

    @Test
    void trainsFromScratchOnAFewThousandDigits() throws Exception {
        String out = work.resolve("scratch").toUri().toString();
        TrainJobOptions o = new TrainJobOptions(SparkFixtures.mnistDir().toString(), List.of(),
                SparkFixtures.mnistDir().toString(), out, null, 2, 32, 5, 2, 2e-3, 5e-4, 7, 4000, 2000, true, TrainJobOptions.Engine.BACKPROP, false, null, null, 0.5);
        java.util.Set<String> temporary = SparkFixtures.temporary();
        DistributedTrainer.Result r = DistributedTrainer.run(spark, o);
        assertEquals(java.util.Set.of(), SparkFixtures.leftInTemporary(temporary), "the driver's copies of MNIST and its export deleted");
        double acc = r.exported().test().accuracy();
        System.out.printf("spark training local[2]: 4000 digits and 2000 in other hands, 2 epochs -> test accuracy %.4f, %s s/epoch%n", acc,
                r.exported().card().training().outcome().secondsPerEpoch());
        assertTrue(acc >= 0.85, "test accuracy after 2 epochs on 4000 digits: " + acc);
        assertEquals(2, r.state().epochsDone());

        ModelBundle bundle = new ModelBundle(work.resolve("scratch"));
        ModelCard card = bundle.readCard();
        assertEquals(2, card.training().distributed().workers());
        assertEquals(5, card.training().distributed().averagingFrequency());
        assertEquals(spark.version(), card.training().distributed().sparkVersion());
        assertTrue(card.training().recipe().engine().startsWith("digit-ocr BackpropEngine"), "the default engine");
        assertEquals(2000, card.training().examples().styledTrain(), "half the 4000 digits also in other hands");
        assertEquals(5000, card.training().examples().styledValidation(), "the validation digits too");
        assertEquals(6000, card.training().examples().train());
        assertEquals(org.digitocr.sample.HandStyles.DESCRIPTION, card.training().examples().handStyles());
        try (DigitClassifier c = DigitClassifier.load(bundle)) {
            LabelledDigits test = new Mnist(SparkFixtures.mnistDir()).test().head(200);
            long right = 0;
            var preds = c.classify(test.images());
            for (int i = 0; i < test.size(); i++) {
                right += preds.get(i).digit() == test.labels()[i] ? 1 : 0;
            }
            assertTrue(right >= 180, "the exported model classifies in DigitClassifier: " + right + "/200");
        }
        assertTrue(bundle.readReviewPolicy().points().size() > 0);
        assertTrue(java.nio.file.Files.isRegularFile(work.resolve("scratch/report/report.html")), "report beside the model");
    }

    @Test
    void aRunResumedFromItsCheckpointTrainsAsOneThatWentThrough() throws Exception {
        String straight = work.resolve("straight").toUri().toString();
        String resumed = work.resolve("resumed").toUri().toString();
        DistributedTrainer.Result through = DistributedTrainer.run(spark, small(straight, 2, false));
        DistributedTrainer.run(spark, small(resumed, 1, false));
        assertTrue(java.nio.file.Files.isDirectory(work.resolve("resumed").resolve(TrainingCheckpoint.DIR)),
                "the checkpoint stays beside the finished model");
        DistributedTrainer.Result continued = DistributedTrainer.run(spark, small(resumed, 2, true));
        assertEquals(2, continued.state().epochsDone());
        assertEquals(through.state().history().get(1).validationLoss(),
                continued.state().history().get(1).validationLoss(), 1e-9,
                "the same epoch 2 whether the run went through or resumed after epoch 1");
    }

    /** 1,500 digits, 2 workers of 32, averaging every 5 minibatches, the backprop engine. */
    private static TrainJobOptions small(String out, int epochs, boolean resume) {
        return new TrainJobOptions(SparkFixtures.mnistDir().toString(), List.of(), SparkFixtures.mnistDir().toString(),
                out, null, 2, 32, 5, epochs, 2e-3, 2e-3, 13, 1500, 500, true, TrainJobOptions.Engine.BACKPROP, resume, null, null, 0);
    }

    @Test
    void fineTunesOnTheDigitsReviewersCorrected() throws Exception {
        java.nio.file.Path forms = work.resolve("corrected-forms");
        List<org.digitocr.sample.SampleBatchWriter.PageTruth> truth = SparkFixtures.generate(forms, 12, 21);
        java.util.Map<String, String> values = new java.util.HashMap<>();
        truth.forEach(t -> t.values().forEach((field, v) -> values.put(t.file() + "#" + t.page() + "#" + field, v)));
        RunSummary night = BatchExtraction.run(spark, new ExtractJobOptions(List.of(forms.toUri().toString()),
                List.of(SparkFixtures.templates().toString()), null, work.resolve("night").toUri().toString(), "night",
                0.005, 2));
        // the night's review queue handed to the review station, where a person keys the true value of every field
        java.nio.file.Path queue = work.resolve("night-review");
        long rows = ReviewQueue.write(spark, night.fieldsPath(), "night", queue);
        assertEquals(night.fields(), rows, "every field of the run");
        ReviewRun run = ReviewRun.open(queue);
        assertEquals(SparkFixtures.table(spark, night.fieldsPath()).where("needs_review").count(), run.queue().size());
        java.nio.file.Path corrections = queue.resolve("corrections.jsonl");
        long corrected = 0;
        int withDigits = 0;
        try (ReviewStation station = new ReviewStation(run, CorrectionsLog.open(corrections), "test", 60)) {
            for (ReviewItem item : run.queue()) {
                assertTrue(run.file(item.cropFile()).isPresent(), "the crop of " + item.key());
                withDigits += run.file(item.digitsFile()).isPresent() ? 1 : 0;
                String source = item.key().source();
                String right = values.get(source.substring(source.lastIndexOf('/') + 1) + "#" + item.key().page() + "#"
                        + item.key().field());
                corrected += station.decide(item, right, false).decision() == Decision.CORRECTED ? 1 : 0;
            }
        }
        assertTrue(withDigits > run.queue().size() / 2, withDigits + " of " + run.queue().size() + " with digit images");
        List<String> decisions = java.nio.file.Files.readAllLines(corrections);
        assertTrue(decisions.size() > 0 && corrected > 0, decisions.size() + " decisions, " + corrected + " corrected");
        // and committed as the Iceberg table corrections beside fields, twice: the same decisions, not twice as many
        String warehouse = new org.apache.hadoop.fs.Path(night.fieldsPath()).getParent().toString();
        assertEquals(decisions.size(), CorrectionsTable.load(spark, corrections.toString(), warehouse));
        assertEquals(decisions.size(), CorrectionsTable.load(spark, corrections.toString(), warehouse));
        String correctionsTable = warehouse + "/" + CorrectionsTable.NAME;
        assertEquals(decisions.size(), IcebergTables.read(spark, warehouse, CorrectionsTable.NAME).count());

        String out = work.resolve("tuned-on-corrections").toUri().toString();
        DistributedTrainer.Result r = DistributedTrainer.run(spark, new TrainJobOptions(null, List.of(),
                SparkFixtures.mnistDir().toString(), out, SparkFixtures.referenceModel().toString(), 2, 16, 5, 1, 3e-5,
                3e-5, 5, 0, 0, true, TrainJobOptions.Engine.BACKPROP, false, correctionsTable, night.fieldsPath(), 0));
        ModelCard card = r.exported().card();
        assertTrue(card.data().stream().anyMatch(d -> d.role().startsWith("reviewers' corrections")
                && d.file().equals(correctionsTable)), "the card names the corrections: " + card.data());
        int digits = card.training().examples().train() + card.training().examples().validation();
        System.out.printf("corrections loop: %d decisions (%d corrected) -> %d labelled digits; MNIST test %.4f%n",
                decisions.size(), corrected, digits, r.exported().test().accuracy());
        assertTrue(digits >= decisions.size(), "at least a digit a decided field: " + digits);
        double before = new ModelBundle(SparkFixtures.referenceModel()).readCard().metrics().get("testAccuracy");
        assertTrue(r.exported().test().accuracy() >= before - 0.003, "MNIST test " + before + " -> "
                + r.exported().test().accuracy());
    }

    @Test
    void dl4jsParameterAveragingStaysAvailable() throws Exception {
        String out = work.resolve("dl4j").toUri().toString();
        TrainJobOptions o = new TrainJobOptions(SparkFixtures.mnistDir().toString(), List.of(),
                SparkFixtures.mnistDir().toString(), out, null, 2, 32, 5, 1, 2e-3, 2e-3, 7, 2000, 1000, false,
                TrainJobOptions.Engine.DL4J, false, null, null, 0);
        DistributedTrainer.Result r = DistributedTrainer.run(spark, o);
        // a smoke test: DL4J's averaging of BatchNorm statistics over 31 minibatches a worker learns slowly (48% after
        // this epoch here; the full comparison of the engines is in docs/benchmarks.md)
        assertTrue(r.exported().test().accuracy() >= 0.2, "one epoch on 2000 digits: " + r.exported().test().accuracy());
        assertTrue(r.exported().card().training().recipe().engine().startsWith("DL4J"));
    }

    @Test
    void fineTuningTheBundledModelOnATableKeepsMnistAccuracy() throws Exception {
        String table = work.resolve("reviewed-digits").toUri().toString();
        writeTable(new Mnist(SparkFixtures.mnistDir()).train().head(1200), table);
        String out = work.resolve("tuned").toUri().toString();
        TrainJobOptions o = new TrainJobOptions(null, List.of(table), SparkFixtures.mnistDir().toString(), out,
                SparkFixtures.referenceModel().toString(), 2, 32, 5, 1, 3e-5, 3e-5, 11, 0, 0, true, TrainJobOptions.Engine.BACKPROP, false, null, null, 0);
        DistributedTrainer.Result r = DistributedTrainer.run(spark, o);
        double before = new ModelBundle(SparkFixtures.referenceModel()).readCard().metrics().get("testAccuracy");
        double after = r.exported().test().accuracy();
        System.out.printf("fine-tuning on 1080 table digits: MNIST test %.4f -> %.4f%n", before, after);
        assertEquals(10_000, r.exported().test().examples());
        assertTrue(after >= before - 0.002, "MNIST test accuracy " + before + " -> " + after);
        assertTrue(r.exported().card().training().initialModel().id().startsWith("reference-cnn@"));
    }

    /** A labelled-digits table as reviewers would export it: PNGs of dark ink on light paper, and labels. */
    private static void writeTable(LabelledDigits digits, String path) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            BufferedImage img = new BufferedImage(DigitImages.SIDE * 2, DigitImages.SIDE * 2, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int v = digits.images().pixels()[i * DigitImages.PIXELS + (y / 2) * DigitImages.SIDE + x / 2] & 0xff;
                    img.getRaster().setSample(x, y, 0, 255 - v);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(img, "png", png);
            rows.add(RowFactory.create(png.toByteArray(), digits.labels()[i]));
        }
        StructType schema = new StructType().add("image", DataTypes.BinaryType).add("label", DataTypes.IntegerType);
        spark.createDataFrame(rows, schema).write().parquet(path);
    }
}
