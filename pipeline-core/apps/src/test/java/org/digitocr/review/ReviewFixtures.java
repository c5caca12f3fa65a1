package org.digitocr.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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
}
