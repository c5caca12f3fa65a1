package org.digitocr.mnist;

import org.digitocr.image.LabelledDigits;

import org.digitocr.image.DigitImages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The MNIST files in one directory (env {@code MNIST_DIR}, default {@code data/mnist}; see {@link MnistFetch}) and the product's fixed
 * split: 55,000 train / 5,000 validation (a tenth for smaller files) drawn with a fixed seed from the training file, and the 10,000 test
 * images kept apart for the final evaluation.
 */
public record Mnist(Path dir) {
    public static final String ENV = "MNIST_DIR";
    public static final Path DEFAULT_DIR = Path.of("data", "mnist");
    public static final int VALIDATION_SIZE = 5_000;
    public static final long SPLIT_SEED = 20_240_601L;

    public LabelledDigits train() {
        return load("train-images-idx3-ubyte", "train-labels-idx1-ubyte");
    }

    public LabelledDigits test() {
        return load("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    }

    /** The image file of a set ({@code train} or {@code t10k}), gzipped if present, else uncompressed. */
    public Path file(String base) {
        Path gz = dir.resolve(base + ".gz");
        return Files.exists(gz) || !Files.exists(dir.resolve(base)) ? gz : dir.resolve(base);
    }

    public Path trainImages() {
        return file("train-images-idx3-ubyte");
    }

    public Path trainLabels() {
        return file("train-labels-idx1-ubyte");
    }

    public Path testImages() {
        return file("t10k-images-idx3-ubyte");
    }

    public Path testLabels() {
        return file("t10k-labels-idx1-ubyte");
    }

    private LabelledDigits load(String images, String labels) {
        return load(file(images), file(labels));
    }

    /** Loads any IDX image/label pair and checks that the counts agree. */
    public static LabelledDigits load(Path images, Path labels) {
        DigitImages img = IdxReader.readImages(images);
        int[] lab = IdxReader.readLabels(labels);
        if (img.count() != lab.length) {
            throw new IdxFormatException(labels, lab.length + " labels but " + images + " has " + img.count() + " images");
        }
        return new LabelledDigits(img, lab);
    }

    /** Splits the training file into the fixed train and validation sets. */
    public static Split split(LabelledDigits all) {
        int n = all.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random rnd = new Random(SPLIT_SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int v = Math.min(VALIDATION_SIZE, Math.max(1, n / 10));
        int[] val = Arrays.copyOfRange(perm, 0, v);
        int[] tr = Arrays.copyOfRange(perm, v, n);
        return new Split(all.select(tr), all.select(val));
    }

    /** The training and validation parts of the training file. */
    public record Split(LabelledDigits train, LabelledDigits validation) {
    }
}
