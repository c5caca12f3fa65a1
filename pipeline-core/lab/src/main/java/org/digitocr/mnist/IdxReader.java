package org.digitocr.mnist;

import org.digitocr.image.DigitImages;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads unsigned-byte IDX files (the format MNIST ships in), gzip-compressed or not, and validates magic
 * number, dimensions and length so that a bad file fails loudly with its name instead of training on garbage.
 */
public final class IdxReader {
    private static final int UBYTE = 0x08;
    private static final int GZIP_MAGIC = 0x1f8b;

    private IdxReader() {
    }

    /** Reads an IDX3 image file: {@code count x rows x cols} unsigned bytes. */
    public static DigitImages readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, 3);
            if (dims[1] != DigitImages.SIDE || dims[2] != DigitImages.SIDE) {
                throw new IdxFormatException(file, "expected " + DigitImages.SIDE + "x" + DigitImages.SIDE
                        + " images, header says " + dims[1] + "x" + dims[2]);
            }
            byte[] pixels = body(file, in, (long) dims[0] * dims[1] * dims[2]);
            return new DigitImages(pixels, dims[0]);
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    /** Reads an IDX1 label file and checks every label is a digit 0-9. */
    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, 1);
            byte[] raw = body(file, in, dims[0]);
            int[] labels = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                labels[i] = raw[i] & 0xff;
                if (labels[i] > 9) {
                    throw new IdxFormatException(file, "label " + labels[i] + " at index " + i + " is not a digit 0-9");
                }
            }
            return labels;
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 < 0) {
            raw.close();
            throw new IdxFormatException(file, "file is empty");
        }
        boolean gzip = ((b0 << 8) | b1) == GZIP_MAGIC;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw), 1 << 16) : raw);
    }

    private static int[] header(Path file, DataInputStream in, int expectedRank) throws IOException {
        int magic = in.readInt();
        if ((magic >>> 16) != 0) {
            throw new IdxFormatException(file, String.format("bad magic number 0x%08x (not an IDX file)", magic));
        }
        int type = (magic >>> 8) & 0xff;
        int rank = magic & 0xff;
        if (type != UBYTE) {
            throw new IdxFormatException(file, String.format("element type 0x%02x is not unsigned byte (0x08)", type));
        }
        if (rank != expectedRank) {
            throw new IdxFormatException(file, "rank " + rank + ", expected " + expectedRank
                    + (expectedRank == 3 ? " (an image file)" : " (a label file)"));
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] <= 0) {
                throw new IdxFormatException(file, "dimension " + i + " is " + dims[i]);
            }
        }
        return dims;
    }

    private static byte[] body(Path file, DataInputStream in, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IdxFormatException(file, "header declares " + length + " bytes, too large");
        }
        byte[] data = new byte[(int) length];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw new IdxFormatException(file, "truncated: header declares " + length + " data bytes, file has " + read);
        }
        if (in.read() >= 0) {
            throw new IdxFormatException(file, "trailing bytes after the " + length + " data bytes the header declares");
        }
        return data;
    }

    private static IdxFormatException ioFailure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new IdxFormatException(file, "file not found", e);
        }
        if (e instanceof EOFException) {
            return new IdxFormatException(file, "truncated: file ends inside the header", e);
        }
        return new IdxFormatException(file, "cannot read (" + e.getMessage() + ")", e);
    }
}
