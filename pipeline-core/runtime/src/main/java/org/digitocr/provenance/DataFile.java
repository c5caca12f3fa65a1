package org.digitocr.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A data file a model was made or measured from, identified by name and MD5 so the card can be checked. */
public record DataFile(String role, String file, String md5, long bytes) {

    public static DataFile of(String role, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                total += n;
            }
            return new DataFile(role, file.getFileName().toString(), HexFormat.of().formatHex(md.digest()), total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checksum " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
