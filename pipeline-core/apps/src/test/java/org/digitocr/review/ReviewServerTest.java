package org.digitocr.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.digitocr.cli.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station as an attacker or a crash would meet it: it reads nothing outside the run's folder whatever a row
 * names, refuses requests for another host and posts from another site's page, writes nothing but the corrections
 * log, and a decision it confirmed survives a SIGKILL of its JVM.
 */
class ReviewServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void nothingOutsideTheRunIsServedAndForeignRequestsAreRefused(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not for the station");
        Path run = handMadeRun(dir.resolve("run"), List.of("../secret.txt", "review/link.jpg", "review/ok.jpg"));
        Files.createSymbolicLink(run.resolve("review/link.jpg"), secret);
        Files.write(run.resolve("review/ok.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        Path log = run.resolve("corrections.jsonl");
        try (ReviewStation st = new ReviewStation(ReviewRun.open(run), CorrectionsLog.open(log), "ana", 60);
             ReviewServer server = ReviewServer.start(st, "127.0.0.1", 0)) {
            URI u = server.url();
            assertEquals(404, get(u.resolve("/crop/0")).statusCode(), "a row naming a file outside the run");
            assertEquals(404, get(u.resolve("/crop/1")).statusCode(), "a link inside the run to a file outside it");
            HttpResponse<byte[]> ok = get(u.resolve("/crop/2"));
            assertEquals(200, ok.statusCode());
            assertEquals("image/jpeg", ok.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(404, get(u.resolve("/crop/..%2F..%2Fsecret.txt")).statusCode());
            assertEquals(404, get(u.resolve("/static/..%2Ffields.jsonl")).statusCode());
            assertEquals(404, get(u.resolve("/fields.jsonl")).statusCode());
            assertTrue(get(u.resolve("/fields?i=0")).headers().firstValue("Content-Security-Policy").orElseThrow()
                    .contains("script-src 'self'"), "no inline script may run");

            assertEquals(403, post(u, "/fields/decide", "i=0&value=123&action=accept", "http://evil.example").statusCode(),
                    "a form posted from another site's page");
            assertTrue(raw(u, "GET /fields HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 403"), "a request for another host name (DNS rebinding)");
            assertEquals(405, HTTP.send(HttpRequest.newBuilder(u.resolve("/fields")).PUT(HttpRequest.BodyPublishers
                    .ofString("x")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            HttpResponse<byte[]> markup = post(u, "/fields/decide", "i=0&value=%3Cscript%3E1&action=accept", null);
            assertEquals(400, markup.statusCode(), "a value that is not digits");
            String page = new String(markup.body(), StandardCharsets.UTF_8);
            assertTrue(page.contains("&lt;script&gt;1") && !page.contains("<script>1"), "the value is shown escaped");
            assertEquals(0, Files.size(log), "nothing was written");

            assertEquals(303, post(u, "/fields/decide", "i=2&value=124&action=accept", u.toString()
                    .replaceAll("/$", "")).statusCode(), "a post from the station's own page");
        }
        assertEquals(1, CorrectionsLog.read(log).size());
        try (var files = Files.walk(dir)) {
            assertEquals(List.of("corrections.jsonl", "fields.jsonl", "link.jpg", "ok.jpg", "secret.txt"),
                    files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList(),
                    "the station wrote nothing but its corrections");
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aDecisionConfirmedBeforeASigkillIsKept(@TempDir Path dir) throws Exception {
        Path run = handMadeRun(dir.resolve("run"), List.of("review/a.jpg", "review/b.jpg"));
        Path out = dir.resolve("station.out");
        Process station = ChildJvm.start(List.of("review", "--run", run.toString(), "--port", "0", "--reviewer",
                "ana"), out);
        URI url = null;
        Pattern open = Pattern.compile("Open (http://127\\.0\\.0\\.1:\\d+/)");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (url == null && station.isAlive() && System.nanoTime() < deadline) {
            Matcher m = open.matcher(Files.exists(out) ? Files.readString(out) : "");
            url = m.find() ? URI.create(m.group(1)) : null;
            Thread.sleep(50);
        }
        assertTrue(url != null, "the station started: " + Files.readString(out));
        assertEquals(303, post(url, "/fields/decide", "i=1&value=999&action=accept", null).statusCode());
        station.destroyForcibly().waitFor();
        assertEquals(137, station.exitValue(), "killed by SIGKILL");

        Files.writeString(run.resolve("corrections.jsonl"), "{\"run_id\":\"r\",\"sour", java.nio.file.StandardOpenOption.APPEND);
        try (CorrectionsLog log = CorrectionsLog.open(run.resolve("corrections.jsonl"))) {
            assertEquals(1, log.latest().size(), "the decision is kept; a line cut short by a crash is ignored");
            Correction c = log.latest().values().iterator().next();
            assertEquals(Decision.CORRECTED, c.decision());
            assertEquals("999", c.value());
            assertEquals("124", c.originalValue());
            log.append(new Correction("r", "x.png", 1, "f", Decision.ACCEPTED, "1", "1", "bo", "2026-12-05T00:00:00Z"));
        }
        assertEquals(2, CorrectionsLog.read(run.resolve("corrections.jsonl")).size(),
                "the cut line is gone; the next decision is a line of its own");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void clientsThatStallMidHeaderDoNotStopOthers(@TempDir Path dir) throws Exception {
        Path run = handMadeRun(dir.resolve("run"), List.of("review/a.jpg"));
        List<Socket> stalled = new ArrayList<>();
        try (ReviewStation st = new ReviewStation(ReviewRun.open(run), CorrectionsLog.open(run.resolve("c.jsonl")),
                "ana", 60);
             ReviewServer server = ReviewServer.start(st, "127.0.0.1", 0)) {
            URI u = server.url();
            for (int k = 0; k < 12; k++) {
                Socket s = new Socket(u.getHost(), u.getPort());
                s.getOutputStream().write(("GET /fields HTTP/1.1\r\nHost: " + u.getAuthority() + "\r\nX-Half: ")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            HttpResponse<byte[]> page = HTTP.send(HttpRequest.newBuilder(u.resolve("/summary"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, page.statusCode(), "answered while twelve clients hold half a header each");
            Socket first = stalled.get(0);
            first.setSoTimeout(30_000);
            assertEquals(-1, first.getInputStream().read(), "the server hung up on a client that stalled");
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndNothingRecorded(@TempDir Path dir) throws Exception {
        Path run = handMadeRun(dir.resolve("run"), List.of("review/a.jpg"));
        Path log = run.resolve("corrections.jsonl");
        try (ReviewStation st = new ReviewStation(ReviewRun.open(run), CorrectionsLog.open(log), "ana", 60);
             ReviewServer server = ReviewServer.start(st, "127.0.0.1", 0)) {
            URI u = server.url();
            String form = "i=0&value=999&action=accept";
            try (Socket s = new Socket(u.getHost(), u.getPort())) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write(("POST /fields/decide HTTP/1.1\r\nHost: " + u.getAuthority()
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + (1L << 30)
                        + "\r\n\r\n" + form).getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                assertEquals("HTTP/1.1 413 Request Entity Too Large", status, "a body of 1 GiB declared");
            }
            byte[] big = (form + "&pad=" + "1".repeat(ReviewServer.MAX_BODY)).getBytes(StandardCharsets.US_ASCII);
            HttpResponse<byte[]> chunked = HTTP.send(HttpRequest.newBuilder(u.resolve("/fields/decide"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(413, chunked.statusCode(), "a body over the limit sent without its length");
            assertEquals(0, Files.size(log), "nothing was recorded");
            assertEquals(303, post(u, "/fields/decide", form, null).statusCode(), "a form of ordinary size");
        }
        assertEquals(1, CorrectionsLog.read(log).size());
    }

    /** A run folder whose review rows name the given crop files (one row each, value 124, three digits). */
    private static Path handMadeRun(Path run, List<String> crops) throws Exception {
        Files.createDirectories(run.resolve("review"));
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < crops.size(); i++) {
            ObjectNode r = JSON.createObjectNode().put("run_id", "r").put("source", "scan-" + i + ".png").put("page", 1)
                    .put("template", "t").put("field", "f").put("value", "124").put("confidence", 0.5)
                    .put("needs_review", true).put("review_crop_file", crops.get(i));
            r.putArray("digits").addObject().put("digit", 1).put("prob", 0.9).put("alt", 7).put("alt_prob", 0.1);
            r.putArray("reasons").addObject().put("code", "LOW_CONFIDENCE");
            rows.append(JSON.writeValueAsString(r)).append('\n');
        }
        Files.writeString(run.resolve("fields.jsonl"), rows);
        return run;
    }

    private static HttpResponse<byte[]> get(URI u) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> post(URI base, String path, String form, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String raw(URI u, String request) throws Exception {
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
