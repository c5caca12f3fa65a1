package org.digitocr.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.digitocr.TestData;
import org.digitocr.cli.Main;
import org.digitocr.report.HeadlessChromium;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** A run to review, made by the product from its bundled samples, and a real browser to review it with. */
final class ReviewFixtures {
    /** A sample file name that is markup: the station must show it as text. */
    static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>.png";
    static final String RUN_ID = "review-test-run";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewFixtures() {
    }

    /**
     * {@code extract} over the bundled samples and a copy of one of them named {@link #HOSTILE_NAME}, into
     * {@code work/out}, with the run id {@link #RUN_ID}, at the strictest target error (0.1%), so that enough
     * fields go to review for a screen of the by-class view and for the keyboard.
     */
    static Path run(Path work) throws Exception {
        Path root = TestData.projectRoot();
        Path in = Files.createDirectories(work.resolve("in"));
        try (Stream<Path> s = Files.list(root.resolve("data/samples"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
            }
        }
        Files.copy(root.resolve("data/samples/form-05.png"), in.resolve(HOSTILE_NAME));
        Path out = work.resolve("out");
        assertEquals(0, Main.run("extract", "--templates", root.resolve("conf/templates").toString(), "--input",
                in.toString(), "--output", out.toString(), "--model", TestData.formsModel().dir().toString(),
                "--run-id", RUN_ID, "--target-error", "0.001"));
        return out;
    }

    /**
     * Debian's headless Chromium through its chromedriver; skipped when they are absent, except in CI, which
     * installs them ({@code .ci/run}).
     */
    static ChromeDriver chromium(Path work) {
        Path browser = HeadlessChromium.executable("chromium", "chromium-browser");
        Path driver = HeadlessChromium.executable("chromedriver");
        if (browser == null || driver == null) {
            assumeTrue(System.getenv("CI") != null, "chromium and chromium-driver are not installed: browser test skipped");
            fail("chromium and chromium-driver are not installed; CI must have them (.ci/run installs them)");
        }
        ChromeOptions o = new ChromeOptions().setBinary(browser.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1100,900", "--user-data-dir=" + work.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    /**
     * A row of a hand-made run that needs review for its confidence alone: run {@code r}, source
     * {@code scan-I.png}, page 1, one digit reading per digit of {@code value}, and a digit images file named (not
     * written), so that the by-class view takes it.
     */
    static ObjectNode row(int i, String template, String field, String value) {
        ObjectNode r = JSON.createObjectNode().put("run_id", "r").put("source", "scan-" + i + ".png").put("page", 1)
                .put("template", template).put("field", field).put("value", value).put("confidence", 0.5)
                .put("valid", true).put("needs_review", true).put("digit_images_file", "review/d" + i + ".png");
        ArrayNode digits = r.putArray("digits");
        for (char c : value.toCharArray()) {
            digits.addObject().put("digit", c - '0').put("prob", 0.9).put("alt", 7).put("alt_prob", 0.1);
        }
        r.putArray("reasons").addObject().put("code", "LOW_CONFIDENCE");
        return r;
    }

    /** A run folder {@code run} whose {@code fields.jsonl} holds {@code rows}, with an empty {@code review/}. */
    static Path run(Path run, List<ObjectNode> rows) throws Exception {
        Files.createDirectories(run.resolve("review"));
        StringBuilder lines = new StringBuilder();
        for (ObjectNode r : rows) {
            lines.append(JSON.writeValueAsString(r)).append('\n');
        }
        Files.writeString(run.resolve("fields.jsonl"), lines);
        return run;
    }
}
