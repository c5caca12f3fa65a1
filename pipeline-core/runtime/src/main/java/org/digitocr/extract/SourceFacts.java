package org.digitocr.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * What an input file was when the run read it, for the lineage of every row it gave: its size, its modification
 * time, the SHA-256 of its bytes, and when it was processed (UTC, microseconds). A file refused before it was read
 * has no checksum; one whose size could not be had has size -1.
 *
 * @param modifiedAt null when the file system did not say
 * @param sha256     hex SHA-256 of the bytes read, null when the file was not read
 */
public record SourceFacts(long bytes, Instant modifiedAt, String sha256, Instant processedAt) {
    /** Facts of a file read in full. */
    public static SourceFacts read(byte[] content, Instant modifiedAt, Instant processedAt) {
        return new SourceFacts(content.length, modifiedAt, sha256Hex(content), processedAt);
    }

    /** Facts of a file on a local disk, its SHA-256 computed as a stream. */
    public static SourceFacts read(Path file, Instant modifiedAt, Instant processedAt) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, OutputStream.nullOutputStream(), modifiedAt, processedAt);
        }
    }

    /**
     * Facts of a file read as a stream to its end, each byte also written to {@code copy} (e.g. a remote file
     * copied to local disk), so its SHA-256 costs no second read.
     */
    public static SourceFacts read(InputStream in, OutputStream copy, Instant modifiedAt, Instant processedAt)
            throws IOException {
        MessageDigest sha = newDigest();
        long bytes = 0;
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
            copy.write(buf, 0, n);
            bytes += n;
        }
        return new SourceFacts(bytes, modifiedAt, HexFormat.of().formatHex(sha.digest()), processedAt);
    }

    /** Facts of a file not read (refused or unreadable): what was known of it. */
    public static SourceFacts unread(long bytes, Instant modifiedAt, Instant processedAt) {
        return new SourceFacts(bytes, modifiedAt, null, processedAt);
    }

    /** The current time at the precision rows carry (microseconds, as Parquet timestamps and Spark keep them). */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
