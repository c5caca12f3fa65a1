package org.digitocr.spark;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.normalize.MnistNormalizer;
import org.digitocr.provenance.DataFile;
import org.digitocr.train.AugmentedBatches;

/**
 * The labelled digits of a training run, gathered on the driver from Hadoop paths: MNIST's IDX files (its
 * fixed 55k/5k split) and labelled-digit Parquet tables (column {@code image}: 784 raw bytes in MNIST layout,
 * or a PNG/JPEG of one digit, normalised like the forms pipeline's digits; column {@code label}: 0-9) and
 * reviewers' corrections ({@link CorrectedDigits}), of each of which a seeded 10% is held out for validation; with
 * {@code --hand-styles}, MNIST's digits also rewritten in other hands on the executors ({@link SparkHandStyles}), as
 * {@code digit-ocr train} does on one machine ({@code styledTrain} and {@code styledValidation} of them).
 */
record TrainingData(LabelledDigits train, LabelledDigits validation, LabelledDigits test, List<DataFile> files,
                    String split, int styledTrain, int styledValidation) {
    static final double TABLE_VALIDATION_SHARE = 0.1;

    /** Reads the job's data; MNIST's files are copied under {@code work}, a directory the caller deletes. */
    static TrainingData load(SparkSession spark, TrainJobOptions o, java.nio.file.Path work) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<LabelledDigits> train = new ArrayList<>();
        List<LabelledDigits> validation = new ArrayList<>();
        List<DataFile> files = new ArrayList<>();
        List<String> split = new ArrayList<>();
        Mnist.Split mnistSplit = null;
        if (o.mnist() != null) {
            Mnist mnist = localMnist(o.mnist(), conf, true, work.resolve("mnist-train"));
            Mnist.Split s = Mnist.split(mnist.train());
            mnistSplit = s;
            train.add(s.train());
            validation.add(s.validation());
            files.add(DataFile.of("train+validation images", mnist.trainImages()));
            files.add(DataFile.of("train+validation labels", mnist.trainLabels()));
            split.add("MNIST training file split 55,000 train / 5,000 validation with seed " + Mnist.SPLIT_SEED);
        }
        List<Table> tables = new ArrayList<>();
        for (String table : o.tables()) {
            tables.add(readTable(spark.read().parquet(table), table, "labelled digits table"));
        }
        if (o.corrections() != null) {
            tables.add(readTable(CorrectedDigits.of(spark, o.corrections(), o.correctedFields()), o.corrections(),
                    "reviewers' corrections of " + o.correctedFields()));
        }
        for (Table t : tables) {
            String table = t.file().file();
            int[] order = AugmentedBatches.shuffled(t.digits().size(), new SplittableRandom(o.seed()));
            int nVal = (int) Math.round(t.digits().size() * TABLE_VALIDATION_SHARE);
            validation.add(t.digits().select(java.util.Arrays.copyOfRange(order, 0, nVal)));
            train.add(t.digits().select(java.util.Arrays.copyOfRange(order, nVal, order.length)));
            files.add(t.file());
            split.add(table + ": " + (order.length - nVal) + " train / " + nVal + " validation (seed " + o.seed() + ")");
        }
        Mnist testSet = localMnist(o.testMnist(), conf, false, work.resolve("mnist-test"));
        LabelledDigits test = testSet.test();
        if (o.testLimit() > 0) {
            test = test.head(Math.min(o.testLimit(), test.size()));
        }
        files.add(DataFile.of("test images", testSet.testImages()));
        files.add(DataFile.of("test labels", testSet.testLabels()));
        split.add("MNIST test: " + test.size() + " images used once, for the final evaluation");
        LabelledDigits all = concat(train);
        if (o.trainLimit() > 0 && o.trainLimit() < all.size()) {
            all = all.head(o.trainLimit());
        }
        LabelledDigits val = concat(validation);
        int styledTrain = 0;
        int styledValidation = 0;
        if (mnistSplit != null && o.handStyles() > 0) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            LabelledDigits base = o.trainLimit() > 0 ? mnistSplit.train().head(Math.min(o.trainLimit(),
                    mnistSplit.train().size())) : mnistSplit.train();
            LabelledDigits styled = SparkHandStyles.restyleAll(jsc, base.head((int) Math.round(o.handStyles()
                    * base.size())), o.seed() + 2);
            LabelledDigits styledVal = SparkHandStyles.restyleAll(jsc, mnistSplit.validation(), o.seed() + 3);
            all = all.concat(styled);
            val = val.concat(styledVal);
            styledTrain = styled.size();
            styledValidation = styledVal.size();
            split.add("MNIST's digits rewritten in other hands: " + styledTrain + " train / " + styledValidation
                    + " validation (seeds " + (o.seed() + 2) + ", " + (o.seed() + 3) + ")");
        }
        return new TrainingData(all, val, test, List.copyOf(files), String.join("; ", split), styledTrain,
                styledValidation);
    }

    /** Copies MNIST's IDX files (gz or not) from a Hadoop directory to the local directory {@code local}. */
    private static Mnist localMnist(String dir, Configuration conf, boolean trainFiles, java.nio.file.Path local)
            throws IOException {
        Path src = new Path(dir);
        FileSystem fs = src.getFileSystem(conf);
        Files.createDirectories(local);
        String[] bases = trainFiles ? new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte"}
                : new String[] {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
        for (String base : bases) {
            boolean found = false;
            for (String name : new String[] {base + ".gz", base}) {
                Path f = new Path(src, name);
                if (fs.exists(f)) {
                    fs.copyToLocalFile(false, f, new Path(local.resolve(name).toUri()), true);
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw new IOException(dir + ": no " + base + "(.gz)");
            }
        }
        return new Mnist(local);
    }

    private record Table(LabelledDigits digits, DataFile file) {
    }

    private static Table readTable(Dataset<Row> digits, String path, String role) {
        List<Row> rows = digits.select("image", "label").collectAsList();
        byte[] pixels = new byte[rows.size() * DigitImages.PIXELS];
        int[] labels = new int[rows.size()];
        MessageDigest md = md5();
        long bytes = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.isNullAt(0) || r.isNullAt(1)) {
                throw new IllegalArgumentException(path + ": row " + i + " has a null image or label");
            }
            byte[] image = r.getAs(0);
            int label = ((Number) r.get(1)).intValue();
            if (label < 0 || label > 9) {
                throw new IllegalArgumentException(path + ": row " + i + " has label " + label + " (must be 0-9)");
            }
            toMnist(image, path, i, pixels, i * DigitImages.PIXELS);
            labels[i] = label;
            md.update(image);
            md.update((byte) label);
            bytes += image.length + 1;
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(path + ": no rows");
        }
        return new Table(new LabelledDigits(new DigitImages(pixels, rows.size()), labels),
                new DataFile(role, path, HexFormat.of().formatHex(md.digest()), bytes));
    }

    private static void toMnist(byte[] image, String path, int row, byte[] out, int offset) {
        if (image.length == DigitImages.PIXELS) {
            System.arraycopy(image, 0, out, offset, DigitImages.PIXELS);
            return;
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            img = null;
        }
        if (img == null) {
            throw new IllegalArgumentException(path + ": row " + row + " image is neither 784 MNIST bytes nor a readable PNG/JPEG");
        }
        float[] norm = MnistNormalizer.normalize(img);
        for (int p = 0; p < DigitImages.PIXELS; p++) {
            out[offset + p] = (byte) Math.round(norm[p] * 255);
        }
    }

    static LabelledDigits concat(List<LabelledDigits> parts) {
        int n = parts.stream().mapToInt(LabelledDigits::size).sum();
        byte[] pixels = new byte[n * DigitImages.PIXELS];
        int[] labels = new int[n];
        int k = 0;
        for (LabelledDigits d : parts) {
            System.arraycopy(d.images().pixels(), 0, pixels, k * DigitImages.PIXELS, d.size() * DigitImages.PIXELS);
            System.arraycopy(d.labels(), 0, labels, k, d.size());
            k += d.size();
        }
        return new LabelledDigits(new DigitImages(pixels, n), labels);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
