package org.digitocr.review;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.digitocr.extract.FieldResult;
import org.digitocr.image.DigitImages;

/**
 * What a reviewer needs of a field beyond its JSON line, written beside {@code fields.jsonl} in the run's
 * {@code review/} folder: the field's crop with its digits framed ({@code KEY.jpg}) and its digits as the network
 * saw them ({@code KEY.png}, 28 px tall, one 28x28 tile per digit, MNIST's layout: 255 is ink). The JSON line names
 * them, relative to the run's folder, in {@code review_crop_file} and {@code digit_images_file}.
 */
public final class ReviewFiles {
    /** The folder, inside a run's output, that holds them. */
    public static final String DIR = "review";
    public static final String CROP_COLUMN = "review_crop_file";
    public static final String DIGITS_COLUMN = "digit_images_file";

    private ReviewFiles() {
    }

    /**
     * Writes the review files of {@code field} into {@code dir} (a run's {@code review/} folder, created when
     * needed) and returns the columns that name them; no files and no columns for a field that is not for review.
     */
    public static Map<String, String> write(Path dir, FieldResult field) throws IOException {
        return field.needsReview() ? write(dir, field.source(), field.page(), field.field(), field.crop(),
                field.digitImages()) : Map.of();
    }

    /**
     * Writes a field's crop (JPEG, or nothing when null) and digit images (784 bytes each, or nothing when null)
     * into {@code dir} and returns the columns that name them.
     */
    public static Map<String, String> write(Path dir, String source, int page, String field, byte[] crop,
                                            List<byte[]> digitImages) throws IOException {
        Map<String, String> columns = new LinkedHashMap<>();
        if (crop == null) {
            return columns;
        }
        Files.createDirectories(dir);
        String key = key(source, page, field);
        Files.write(dir.resolve(key + ".jpg"), crop);
        columns.put(CROP_COLUMN, DIR + "/" + key + ".jpg");
        if (digitImages != null && !digitImages.isEmpty()) {
            Files.write(dir.resolve(key + ".png"), strip(digitImages));
            columns.put(DIGITS_COLUMN, DIR + "/" + key + ".png");
        }
        return columns;
    }

    /** A file name for a field of a run: the first 16 hex digits of SHA-256 of its source, page and name. */
    static String key(String source, int page, String field) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((source + '\0' + page + '\0' + field)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digits side by side in one grey PNG, 28 px tall. */
    static byte[] strip(List<byte[]> digits) throws IOException {
        int side = DigitImages.SIDE;
        BufferedImage img = new BufferedImage(side * digits.size(), side, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int d = 0; d < digits.size(); d++) {
            byte[] tile = digits.get(d);
            for (int y = 0; y < side; y++) {
                System.arraycopy(tile, y * side, px, y * side * digits.size() + d * side, side);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
