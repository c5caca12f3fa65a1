package org.digitocr.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One network file of a model, named with its SHA-256 in the card: a model folder whose files are not the ones its
 * card (with its calibration and review thresholds) was made for is refused, not run.
 */
public record NetworkFile(String file, String sha256) {

    public static NetworkFile of(Path file) {
        return new NetworkFile(file.getFileName().toString(), sha256(file));
    }

    /** The file's SHA-256 in lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checksum " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
