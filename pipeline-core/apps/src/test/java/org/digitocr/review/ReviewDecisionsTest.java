package org.digitocr.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.digitocr.TestData;
import org.digitocr.cli.Main;
import org.digitocr.form.TemplateReader;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions survive what a full disk, a crash or a careless hand leaves in the corrections log, and a screen of the
 * by-class view is written whole or not at all: real files, the real server on 127.0.0.1, real HTTP.
 */
class ReviewDecisionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String TORN_START = "{\"run_id\":\"r\",\"source\":\"scan-9.p";
    private static final String ODD = "this line is not a correction";
    private static final String TORN_TAIL = "{\"run_id\":\"r\",\"sour";

    @Test
    void tornAndOddLinesAreSetAsideAndEveryWholeDecisionIsKept(@TempDir Path dir) throws Exception {
        Path run = ReviewFixtures.run(dir.resolve("run"), List.of(ReviewFixtures.row(0, "t", "f", "124"),
                ReviewFixtures.row(1, "t", "f", "124"), ReviewFixtures.row(2, "t", "f", "124"),
                ReviewFixtures.row(3, "t", "f", "124")));
        Path log = run.resolve("corrections.jsonl");
        // a whole decision, an odd line, a torn start a later confirmed decision was glued to, and a torn last line
        String damaged = line(decision(0, "125")) + ODD + "\n" + TORN_START + line(decision(1, "124"))
                + TORN_TAIL;
        Files.writeString(log, damaged);

        Path export = dir.resolve("reviewed.jsonl");
        assertEquals(0, Main.run("review", "--run", run.toString(), "--export", export.toString()));
        Map<String, JsonNode> rows = rows(export);
        assertEquals("CORRECTED", rows.get("scan-0.png").path("review_decision").asText());
        assertEquals("125", rows.get("scan-0.png").path("value").asText());
        assertEquals("ACCEPTED", rows.get("scan-1.png").path("review_decision").asText(), "the glued decision");
        assertTrue(rows.get("scan-2.png").path("review_decision").isNull());
        assertEquals(damaged, Files.readString(log), "the export changes nothing");

        try (ReviewStation st = new ReviewStation(ReviewRun.open(run), CorrectionsLog.open(log), "ana", 60);
             ReviewServer server = ReviewServer.start(st, "127.0.0.1", 0)) {
            assertEquals(2, st.summary().decided(), "both whole decisions are kept");
            assertEquals(List.of(line(decision(0, "125")).strip(), line(decision(1, "124")).strip()),
                    Files.readAllLines(log), "the log holds its whole decisions only");
            assertEquals(List.of(ODD, TORN_START, TORN_TAIL), Files.readAllLines(CorrectionsLog.quarantine(log)),
                    "what was not a decision is set aside, not lost");

            assertEquals(303, post(server.url(), "/fields/decide", "i=2&value=124&action=accept").statusCode());
            // a write cut short by a full disk, under the running station
            Files.writeString(log, TORN_TAIL, StandardOpenOption.APPEND);
            assertEquals(303, post(server.url(), "/fields/decide", "i=3&value=7&action=accept").statusCode());
        }
        byte[] bytes = Files.readAllBytes(log);
        assertEquals('\n', bytes[bytes.length - 1], "the log ends with a whole line");
        List<String> lines = Files.readAllLines(log);
        assertEquals(4, lines.size());
        for (String l : lines) {
            JSON.readValue(l, Correction.class);
        }
        Map<FieldKey, Correction> latest = CorrectionsLog.read(log);
        assertEquals(4, latest.size(), "every confirmed decision, each a line of its own");
        assertEquals("7", latest.get(new FieldKey("r", "scan-3.png", 1, "f")).value());
        assertEquals(List.of(ODD, TORN_START, TORN_TAIL, TORN_TAIL),
                Files.readAllLines(CorrectionsLog.quarantine(log)));
    }

    @Test
    void aLastLineWithoutItsNewlineIsCountedAndKeptAlike(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("corrections.jsonl");
        String first = line(decision(0, "125"));
        String second = line(decision(1, "124")).strip();
        Files.writeString(log, first + second);
        assertEquals(2, CorrectionsLog.read(log).size(), "read counts the whole decision the newline is missing from");
        try (CorrectionsLog open = CorrectionsLog.open(log)) {
            assertEquals(2, open.latest().size(), "and the station keeps it");
            open.append(decision(2, "124"));
        }
        assertEquals(3, Files.readAllLines(log).size());
        assertEquals(3, CorrectionsLog.read(log).size());
        assertFalse(Files.exists(CorrectionsLog.quarantine(log)), "nothing was set aside");
    }

    @Test
    void aScreenWithOneBadDigitWritesNothing(@TempDir Path dir) throws Exception {
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(ReviewFixtures.row(i, "t", "f", "124"));
        }
        Path run = ReviewFixtures.run(dir.resolve("run"), rows);
        Path log = run.resolve("corrections.jsonl");
        try (ReviewStation st = new ReviewStation(ReviewRun.open(run), CorrectionsLog.open(log), "ana", 60);
             ReviewServer server = ReviewServer.start(st, "127.0.0.1", 0)) {
            assertEquals(3, st.screen().size(), "one screen of three fields");
            HttpResponse<String> bad = post(server.url(), "/digits/settle", "fields=0,1,2&w_2_1=x");
            assertEquals(400, bad.statusCode(), "one digit that is not a digit");
            assertTrue(bad.body().contains("digit 2 of f"), "the page says which: " + bad.body());
            assertEquals(0, Files.size(log), "no field of the screen was written");
            assertEquals(0, st.summary().decided());

            assertEquals(303, post(server.url(), "/digits/settle", "fields=0,1,2&w_2_1=3").statusCode());
        }
        Map<FieldKey, Correction> latest = CorrectionsLog.read(log);
        assertEquals(3, latest.size(), "the screen, whole");
        assertEquals("134", latest.get(new FieldKey("r", "scan-2.png", 1, "f")).value());
        assertEquals(Decision.ACCEPTED, latest.get(new FieldKey("r", "scan-0.png", 1, "f")).decision());
    }

    @Test
    void aValueIsCheckedLikeAReadingAgainstItsTemplate(@TempDir Path dir) throws Exception {
        Path templates = TestData.projectRoot().resolve("conf/templates");
        Map<String, String> sha = new HashMap<>();
        new TemplateReader(CheckDigits.standard().names()).readAll(List.of(templates))
                .forEach(t -> sha.put(t.name(), t.sha256()));
        List<ObjectNode> rows = List.of(
                form(ReviewFixtures.row(0, "exam-sheet", "student-id", "00000018"), sha),
                form(ReviewFixtures.row(1, "zip-slip", "zip", "12345"), sha),
                form(ReviewFixtures.row(2, "cheque", "amount", "1500"), sha),
                ReviewFixtures.row(3, "a-form-nobody-has", "f", "124"),
                ReviewFixtures.row(4, "exam-sheet", "student-id", "00000018").put("template_sha256", "0".repeat(64)));
        Path run = ReviewFixtures.run(dir.resolve("run"), rows);
        Path log = run.resolve("corrections.jsonl");
        String longAmount = "1".repeat(300);
        try (ReviewStation st = new ReviewStation(ReviewRun.open(run), CorrectionsLog.open(log), "ana", 60,
                FieldRules.read(List.of(templates)));
             ReviewServer server = ReviewServer.start(st, "127.0.0.1", 0)) {
            HttpResponse<String> id = post(server.url(), "/fields/decide", "i=0&value=1234&action=accept");
            assertEquals(422, id.statusCode(), "4 digits for an 8-cell Luhn student id");
            assertTrue(id.body().contains("1234 is not a student-id of exam-sheet") && id.body().contains("luhn"),
                    id.body());
            HttpResponse<String> zip = post(server.url(), "/fields/decide", "i=1&value=123456789&action=accept");
            assertEquals(422, zip.statusCode(), "9 digits for a 5-cell ZIP");
            assertTrue(zip.body().contains("9 digits for its 5 cells"), zip.body());
            HttpResponse<String> amount = post(server.url(), "/fields/decide", "i=2&value=" + longAmount
                    + "&action=accept");
            assertEquals(422, amount.statusCode(), "300 digits for a [0-9]{1,7} amount");
            assertTrue(amount.body().contains("not its pattern [0-9]{1,7}"), amount.body());
            assertEquals(0, Files.size(log), "nothing refused was written");

            assertEquals(303, post(server.url(), "/fields/decide", "i=0&value=00000026&action=accept").statusCode());
            assertEquals(303, post(server.url(), "/fields/decide", "i=1&value=&action=accept").statusCode(),
                    "a blank field is a decision");
            assertEquals(303, post(server.url(), "/fields/decide", "i=3&value=999&action=accept").statusCode(),
                    "a template the station does not know: taken, unchecked");
            assertEquals(303, post(server.url(), "/fields/decide", "i=4&value=1234&action=accept").statusCode(),
                    "a template edited since the run is not taken for it");
        }
        // a correction an older station took unchecked
        Files.writeString(log, line(new Correction("r", "scan-2.png", 1, "amount", Decision.CORRECTED, longAmount,
                "1500", "ana", "2026-12-05T08:00:00Z")), StandardOpenOption.APPEND);
        Path export = dir.resolve("reviewed.jsonl");
        assertEquals(0, Main.run("review", "--run", run.toString(), "--templates", templates.toString(), "--export",
                export.toString()));
        Map<String, JsonNode> out = rows(export);
        assertValid(out.get("scan-0.png"), "00000026", true);
        assertValid(out.get("scan-1.png"), "", false);
        assertValid(out.get("scan-2.png"), longAmount, false);
        assertValid(out.get("scan-3.png"), "999", false);
        assertValid(out.get("scan-4.png"), "1234", false);
    }

    private static void assertValid(JsonNode row, String value, boolean valid) {
        assertEquals(value, row.path("value").asText(), row.toString());
        assertEquals(valid, row.path("valid").asBoolean(), "valid: " + row);
        assertEquals(!valid, row.path("needs_review").asBoolean(), "needs_review: " + row);
    }

    /** A row of a real template: the field's name and its template's SHA-256 as extract writes them. */
    private static ObjectNode form(ObjectNode row, Map<String, String> sha) {
        return row.put("template_sha256", sha.get(row.path("template").asText()));
    }

    static Correction decision(int i, String value) {
        return new Correction("r", "scan-" + i + ".png", 1, "f", value.equals("124") ? Decision.ACCEPTED
                : Decision.CORRECTED, value, "124", "ana", "2026-12-05T08:00:00Z");
    }

    static String line(Correction c) throws Exception {
        return JSON.writeValueAsString(c) + "\n";
    }

    /** The rows of an export, by source. */
    static Map<String, JsonNode> rows(Path export) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (String l : Files.readAllLines(export)) {
            JsonNode r = JSON.readTree(l);
            out.put(r.path("source").asText(), r);
        }
        return out;
    }

    static HttpResponse<String> post(URI base, String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
