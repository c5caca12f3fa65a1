package org.digitocr.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

/**
 * Opens a report in a real browser, Debian's headless Chromium, as a person would: the page must load from disk
 * with no network, keep every section in its DOM, and paint something. CI installs Chromium ({@code .ci/run});
 * elsewhere the check is skipped when it is absent.
 */
public final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** Loads {@code html} offline, checks the DOM holds {@code sections} and the screenshot is not blank. */
    public static void assertRenders(Path html, List<String> sections, Path work) throws Exception {
        Path chromium = executable("chromium", "chromium-browser");
        if (chromium == null) {
            assumeTrue(System.getenv("CI") != null, "chromium is not installed: report not rendered");
            fail("chromium is not installed; CI must have it (.ci/run installs it)");
        }
        String url = html.toUri().toString();
        String dom = run(chromium, work, "--dump-dom", url);
        assertFalse(dom.contains("ERR_"), "Chromium could not load " + url);
        for (String s : sections) {
            assertTrue(dom.contains("id=\"" + s + "\""), "section " + s + " in the rendered DOM");
        }
        assertEquals(count(Files.readString(html), "<img"), count(dom, "<img"), "every image is in the rendered DOM");
        Path shot = work.resolve("screenshot.png");
        run(chromium, work, "--screenshot=" + shot, "--window-size=1100,1400", url);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "screenshot decodes");
        assertTrue(distinctColours(img) > 10, "the page painted text and pictures, not a blank");
    }

    private static String run(Path chromium, Path work, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--user-data-dir=" + work.resolve("chromium-profile"),
                "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        Path out = work.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Chromium finished within 2 minutes");
        assertEquals(0, p.exitValue(), "Chromium exit code for " + String.join(" ", args));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** The first of {@code names} that is an executable on the PATH, or null. */
    public static Path executable(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
