package org.digitocr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.digitocr.TestData;
import org.digitocr.eval.Evaluation;
import org.digitocr.report.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --report}: the HTML names every section, the PNGs decode at their sizes, numbers match the JSON. */
class EvaluateReportTest {
    private static final String[] SECTIONS = {"summary", "curves", "confusion", "reliability", "coverage", "classes",
            "top2", "correct", "wrong"};

    @Test
    void writesASelfContainedReportMatchingTheJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("eval.json");
        Path report = dir.resolve("report");
        CliTest.Run r = CliTest.run("evaluate", "--model", TestData.bundledModel().dir().toString(), "--limit", "1000",
                "--json", json.toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.out() + r.err());

        String html = Files.readString(report.resolve("report.html"));
        for (String section : SECTIONS) {
            assertTrue(html.contains("<section id=\"" + section + "\">"), "section " + section);
        }
        assertTrue(!html.contains("<script"), "no JavaScript");
        assertTrue(!html.contains("src=\"http") && !html.contains("src=\"accuracy.png"), "images are embedded");

        Map<String, int[]> sizes = Map.of("accuracy.png", new int[] {640, 420}, "loss.png", new int[] {640, 420},
                "confusion.png", new int[] {640, 640}, "reliability.png", new int[] {640, 420},
                "coverage.png", new int[] {640, 420});
        for (Map.Entry<String, int[]> e : sizes.entrySet()) {
            BufferedImage img = ImageIO.read(report.resolve(e.getKey()).toFile());
            assertNotNull(img, e.getKey());
            assertEquals(e.getValue()[0], img.getWidth(), e.getKey());
            assertEquals(e.getValue()[1], img.getHeight(), e.getKey());
        }
        for (String gallery : new String[] {"correct.png", "wrong.png"}) {
            BufferedImage img = ImageIO.read(report.resolve(gallery).toFile());
            assertNotNull(img, gallery);
            assertEquals(10 * (28 * 3 + 16), img.getWidth(), gallery);
        }

        Evaluation ev = Evaluation.readJson(json);
        assertTrue(html.contains(String.format(Locale.ROOT, "<b id=\"accuracy\">%.4f</b>", ev.accuracy())), "accuracy as in the JSON");
        assertTrue(html.contains(String.format(Locale.ROOT, "<b id=\"top2\">%.4f</b>", ev.top2Accuracy())), "top-2 as in the JSON");
        assertTrue(html.contains(String.format(Locale.ROOT, "<b id=\"ece\">%.4f</b>", ev.ece())), "ECE as in the JSON");
        for (Evaluation.ClassMetrics c : ev.classes()) {
            assertTrue(html.contains(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%d</td></tr>",
                    c.digit(), c.precision(), c.recall(), c.f1(), c.support())), "class row " + c.digit());
        }
        long wrong = Math.round(ev.examples() * (1 - ev.accuracy()));
        assertTrue(html.contains("of " + wrong + ", most confident first"), "all " + wrong + " errors listed");

        HeadlessChromium.assertRenders(report.resolve("report.html"), List.of(SECTIONS), dir);
    }
}
