package org.digitocr.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.digitocr.TestData;
import org.digitocr.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reviewer at the station in a real headless Chromium: corrects one digit on a screen of the by-class view,
 * reviews the fields left with the keyboard alone, reloads and finds the work kept; the corrections file holds
 * exactly those decisions; a file named like markup is shown as text. Also measures seconds per field and fields
 * per screen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewStationBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewStationBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BY_KEYBOARD = 6;

    @TempDir
    static Path work;
    private static Path run;
    private static Path corrections;
    private static ReviewStation station;
    private static ReviewServer server;
    private static ChromeDriver browser;
    /** What the corrections file must hold, by field: decision and value. */
    private static final Map<String, List<String>> expected = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        run = ReviewFixtures.run(work);
        corrections = run.resolve("corrections.jsonl");
        browser = ReviewFixtures.chromium(work);
        station = new ReviewStation(ReviewRun.open(run), CorrectionsLog.open(corrections), "ana", 60);
        server = ReviewServer.start(station, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
            station.close();
        }
    }

    @Test
    @Order(2)
    void fieldsAreReviewedWithTheKeyboardAlone() throws Exception {
        browser.get(server.url() + "fields");
        long t0 = System.nanoTime();
        for (int k = 0; k < BY_KEYBOARD; k++) {
            WebElement value = wait(By.id("value"));
            ReviewItem item = station.run().queue().get(Integer.parseInt(
                    browser.findElement(By.name("i")).getAttribute("value")));
            if (k == 0) {
                screenshot("fields");
            }
            String read = item.value() == null ? "" : item.value();
            assertEquals(read, value.getAttribute("value"), "the reading is in the box");
            if (read.isEmpty() || k == 2) {
                value.sendKeys(Keys.chord(Keys.CONTROL, "a"), "?", Keys.ENTER);
                expect(item, "UNREADABLE", null);
            } else if (k == 1) {
                String fixed = ((char) ('0' + (read.charAt(0) - '0' + 1) % 10)) + read.substring(1);
                value.sendKeys(Keys.chord(Keys.CONTROL, "a"), fixed, Keys.ENTER);
                expect(item, "CORRECTED", fixed);
            } else {
                value.sendKeys(Keys.ENTER);
                expect(item, "ACCEPTED", read);
            }
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(value));
        }
        double perField = (System.nanoTime() - t0) / 1e9 / BY_KEYBOARD;
        measured(String.format(Locale.ROOT, "keyboard review: %d fields, %.3f s per field (scripted: page load,"
                + " typing and save included)", BY_KEYBOARD, perField));
        assertEquals(expected, logged(), "the corrections file holds exactly the decisions made");
        assertTrue(browser.findElement(By.id("progress")).getText().startsWith(expected.size() + " done"));
    }

    @Test
    @Order(1)
    void aScreenOfDigitsByClassIsSettledByCorrectingOnlyTheWrongOne() throws Exception {
        browser.get(server.url() + "digits");
        List<ReviewItem> screen = Arrays.stream(wait(By.name("fields")).getAttribute("value").split(","))
                .map(i -> station.run().queue().get(Integer.parseInt(i))).toList();
        screenshot("digits-by-class");
        WebElement tile = browser.findElements(By.className("tile")).get(0);
        String[] id = tile.getAttribute("id").substring(1).split("_");
        ReviewItem wrong = station.run().queue().get(Integer.parseInt(id[0]));
        int pos = Integer.parseInt(id[1]);
        tile.findElement(By.className("pick")).click();
        WebElement fix = tile.findElement(By.className("fix"));
        assertTrue(fix.isDisplayed(), "clicking a digit opens its box");
        char right = (char) ('0' + (wrong.value().charAt(pos) - '0' + 1) % 10);
        fix.sendKeys(String.valueOf(right), Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(tile));
        for (ReviewItem item : screen) {
            if (item == wrong) {
                StringBuilder v = new StringBuilder(item.value());
                v.setCharAt(pos, right);
                expect(item, "CORRECTED", v.toString());
            } else {
                expect(item, "ACCEPTED", item.value());
            }
        }
        int digits = screen.stream().mapToInt(i -> i.digits().size()).sum();
        measured(String.format(Locale.ROOT, "by-class view: one screen of %d digits settled %d fields with one click"
                + " and two keys", digits, screen.size()));
        assertTrue(screen.size() >= 3, "a screen settles several fields: " + screen.size());
        assertEquals(expected, logged(), "the corrections file holds exactly the decisions made");
    }

    @Test
    @Order(3)
    void aReloadAndARestartShowTheWorkKept() throws Exception {
        ReviewItem first = station.run().queue().get(0);
        browser.get(server.url() + "fields?i=" + first.index());
        browser.navigate().refresh();
        assertTrue(wait(By.id("decided")).getText().startsWith("Decided: " + expected.get(key(first)).get(0)));
        assertTrue(browser.findElement(By.id("progress")).getText().startsWith(expected.size() + " done"));
        try (ReviewStation again = new ReviewStation(ReviewRun.open(run), CorrectionsLog.open(corrections), "bo", 60)) {
            assertEquals(expected.size(), again.summary().decided(), "a new station over the same files sees the decisions");
        }
    }

    @Test
    @Order(4)
    void aFileNamedLikeMarkupIsShownAsText() throws Exception {
        ReviewItem hostile = station.run().queue().stream()
                .filter(i -> i.key().source().endsWith(ReviewFixtures.HOSTILE_NAME)).findFirst().orElseThrow();
        browser.get(server.url() + "fields?i=" + hostile.index());
        assertTrue(wait(By.cssSelector("#field .where")).getText().contains(ReviewFixtures.HOSTILE_NAME),
                "the name is shown as it is");
        assertTrue(browser.findElements(By.cssSelector("img[src='x']")).isEmpty(), "no element was made of it");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert(), "no script ran");
    }

    @Test
    @Order(5)
    void theExportAppliesTheDecisionsInTheFieldsSchema() throws Exception {
        Path out = work.resolve("reviewed.jsonl");
        assertEquals(0, Main.run("review", "--run", run.toString(), "--export", out.toString()));
        List<String> rows = Files.readAllLines(out);
        assertEquals(Files.readAllLines(run.resolve("fields.jsonl")).size(), rows.size(), "every field, once");
        int decided = 0;
        for (String line : rows) {
            JsonNode r = JSON.readTree(line);
            List<String> e = expected.get(r.path("source").asText() + "|" + r.path("page").asInt() + "|"
                    + r.path("field").asText());
            assertTrue(r.has("model_id") && r.has("run_id") && r.has("confidence"), "the fields table's columns");
            if (e == null) {
                assertTrue(r.path("review_decision").isNull());
                continue;
            }
            decided++;
            assertEquals(e.get(0), r.path("review_decision").asText());
            assertEquals(e.get(1), r.path("value").isNull() ? null : r.path("value").asText());
            // the station ran without its templates; the export checks the values against them
            FieldRules rules = FieldRules.read(List.of(TestData.projectRoot().resolve("conf/templates")));
            boolean valid = !e.get(0).equals("UNREADABLE") && rules.spec(r.path("template").asText(),
                    r.path("template_sha256").asText(null), r.path("field").asText())
                    .map(spec -> rules.problem(spec, e.get(1)).isEmpty()).orElseThrow();
            assertEquals(valid, r.path("valid").asBoolean(), "the decided value checked like a reading");
            assertEquals(!valid, r.path("needs_review").asBoolean());
            assertEquals("ana", r.path("reviewer").asText());
        }
        assertEquals(expected.size(), decided);
    }

    private static void expect(ReviewItem item, String decision, String value) {
        expected.put(key(item), Arrays.asList(decision, value));
    }

    private static String key(ReviewItem i) {
        return i.key().source() + "|" + i.key().page() + "|" + i.key().field();
    }

    /** The latest decision per field in the corrections file, checked line by line against the run. */
    private static Map<String, List<String>> logged() throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(corrections)) {
            JsonNode c = JSON.readTree(line);
            assertEquals(ReviewFixtures.RUN_ID, c.path("run_id").asText());
            assertEquals("ana", c.path("reviewer").asText());
            assertFalse(c.path("decided_at").asText().isEmpty());
            assertTrue(c.has("original_value"));
            String v = c.path("value").isNull() ? null : c.path("value").asText();
            if (c.path("decision").asText().equals("UNREADABLE")) {
                assertNull(v);
            }
            out.put(c.path("source").asText() + "|" + c.path("page").asInt() + "|" + c.path("field").asText(),
                    new ArrayList<>(Arrays.asList(c.path("decision").asText(), v)));
        }
        return out;
    }

    /** Writes a measurement where the closing note and docs read it: the test's log and target/review-measurements.txt. */
    private static void measured(String line) throws Exception {
        LOG.warn("MEASURED {}", line);
        Files.writeString(screenshots().resolve("measurements.txt"), line + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static Path screenshots() throws Exception {
        return Files.createDirectories(TestData.projectRoot().resolve("pipeline-core/apps/target/review-screenshots"));
    }

    private static WebElement wait(By what) {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(what));
    }

    private static void screenshot(String name) throws Exception {
        Files.write(screenshots().resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
