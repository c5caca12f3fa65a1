package org.digitocr.spark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A live Iceberg REST catalog (module rest-catalog: Iceberg's own REST server code in Jetty, over a local
 * warehouse folder) in its own JVM on 127.0.0.1, so its plain Iceberg, Jetty and Jackson never meet the
 * relocated ones on the test classpath.
 */
final class RestCatalogServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\d+)");
    private final Process process;
    private final int port;

    private RestCatalogServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RestCatalogServer start(Path warehouse) throws Exception {
        Path module = Path.of(System.getProperty("digitocr.restCatalog", "rest-catalog/target"));
        Path classpath = module.resolve("classpath.txt");
        if (!Files.isRegularFile(classpath)) {
            throw new IllegalStateException("the REST catalog server is not built: no " + classpath
                    + " (module spark-jobs/rest-catalog builds it before spark-jobs)");
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx256m", "-cp",
                module.resolve("classes") + File.pathSeparator + Files.readString(classpath).strip(),
                "org.digitocr.restcatalog.LoopbackRestCatalog", Files.createDirectories(warehouse).toString())
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder log = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else if (!port.isDone()) {
                        log.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the REST catalog server stopped before listening:\n" + log));
        }, "rest-catalog-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new RestCatalogServer(p, port.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** A GET of the catalog's REST API (e.g. {@code v1/namespaces/digit_ocr/tables}), for what the server holds. */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri() + "/" + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    @Override
    public void close() {
        SparkFixtures.stop(process);
    }
}
