package org.digitocr.mnist;

import org.digitocr.image.LabelledDigits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.digitocr.LabData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    static Mnist mnist;
    static LabelledDigits test;

    @BeforeAll
    static void load() {
        mnist = LabData.mnist();
        test = mnist.test();
    }

    @Test
    void readsTheRealTestSet() {
        assertEquals(10_000, test.size());
        int[] histogram = new int[10];
        for (int l : test.labels()) {
            histogram[l]++;
        }
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, histogram);
        assertEquals(7, test.labels()[0]);
    }

    @Test
    void splitsTrainingFileIntoFixedTrainAndValidation() {
        Mnist.Split a = Mnist.split(mnist.train());
        Mnist.Split b = Mnist.split(mnist.train());
        assertEquals(55_000, a.train().size());
        assertEquals(5_000, a.validation().size());
        assertArrayEquals(a.validation().labels(), b.validation().labels());
    }

    @Test
    void readsCompressedAndUncompressedFilesTheSame(@TempDir Path dir) throws IOException {
        byte[] labels = idxBytes(mnist.testLabels());
        Path raw = Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels);
        Path gz = dir.resolve("t10k-labels-idx1-ubyte.gz");
        gzip(labels, gz);
        assertArrayEquals(test.labels(), IdxReader.readLabels(raw));
        assertArrayEquals(test.labels(), IdxReader.readLabels(gz));
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path f = dir.resolve("nope-idx1-ubyte.gz");
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void truncatedImageFileIsRejected(@TempDir Path dir) throws IOException {
        byte[] full = idxBytes(mnist.testImages());
        Path f = dir.resolve("truncated-images.gz");
        gzip(Arrays.copyOf(full, full.length / 2), f);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void fileEndingInsideHeaderIsRejected(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("stub");
        Files.write(f, new byte[] {0, 0, 8, 3, 0});
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void badMagicIsRejected(@TempDir Path dir) throws IOException {
        byte[] full = idxBytes(mnist.testLabels());
        full[0] = 0x12;
        Path f = dir.resolve("bad-magic");
        Files.write(f, full);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void labelFileGivenAsImagesIsRejected() {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(mnist.testLabels()));
        assertTrue(e.getMessage().contains("rank 1"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsRejected(@TempDir Path dir) throws IOException {
        byte[] full = idxBytes(mnist.testLabels());
        full[8 + 17] = 10;
        Path f = dir.resolve("bad-label");
        Files.write(f, full);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().contains("label 10 at index 17"), e.getMessage());
    }

    @Test
    void trailingGarbageIsRejected(@TempDir Path dir) throws IOException {
        byte[] full = idxBytes(mnist.testLabels());
        Path f = dir.resolve("long");
        Files.write(f, Arrays.copyOf(full, full.length + 3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void countMismatchBetweenImagesAndLabelsIsRejected() {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> Mnist.load(mnist.testImages(), mnist.trainLabels()));
        assertTrue(e.getMessage().contains("60000 labels"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected(@TempDir Path dir) throws IOException {
        Path f = Files.createFile(dir.resolve("empty.gz"));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    /** An IDX file's bytes, from MNIST's .gz files (MNIST_DIR) or the plain ones the npm package holds. */
    private static byte[] idxBytes(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static void gzip(byte[] data, Path out) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
            o.write(data);
        }
    }
}
