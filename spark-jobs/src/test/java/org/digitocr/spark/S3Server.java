package org.digitocr.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real S3-compatible server (S3Proxy over a local directory) in its own JVM on 127.0.0.1, for s3a:// tests.
 * Its jar is copied into target/ by the build, off the test classpath, so its Jetty and Jackson never meet
 * Spark's.
 */
final class S3Server implements AutoCloseable {
    private final Process process;
    private final int port;

    private S3Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static S3Server start(Path work) throws IOException, InterruptedException {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy jar not found at " + jar + " (the build copies it into target/s3proxy)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path data = Files.createDirectories(work.resolve("s3-data"));
        Path conf = work.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=none",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                "jclouds.identity=test",
                "jclouds.credential=test", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-jar", jar, "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("s3proxy.log").toFile()).start();
        S3Server server = new S3Server(p, port);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return server;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IOException("S3Proxy did not start; see " + work.resolve("s3proxy.log"));
                }
                Thread.sleep(200);
            }
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    void createBucket(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + name))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("cannot create bucket " + name + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /** Stores an object with a plain PUT (the tests read it back through s3a://). */
    void put(String bucket, String key, Path file) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(endpoint() + "/" + bucket + "/" + key)).PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("cannot put " + key + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /** Spark settings that point s3a:// at this server. */
    String[] sparkConf() {
        return new String[] {
                "spark.hadoop.fs.s3a.endpoint", endpoint(),
                "spark.hadoop.fs.s3a.path.style.access", "true",
                "spark.hadoop.fs.s3a.connection.ssl.enabled", "false",
                "spark.hadoop.fs.s3a.access.key", "test",
                "spark.hadoop.fs.s3a.secret.key", "test",
                "spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                "spark.hadoop.fs.s3a.change.detection.mode", "none",
                "spark.hadoop.fs.s3a.endpoint.region", "us-east-1"};
    }

    @Override
    public void close() {
        SparkFixtures.stop(process);
    }
}
