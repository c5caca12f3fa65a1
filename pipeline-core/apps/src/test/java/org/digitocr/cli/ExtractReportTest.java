package org.digitocr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.digitocr.TestData;
import org.digitocr.report.FieldCounts;
import org.digitocr.report.HeadlessChromium;
import org.digitocr.report.RunCounts;
import org.digitocr.report.RunReport;
import org.digitocr.report.RunStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report of {@code extract} on the committed sample batch: every section, PNGs that decode at their size,
 * numbers equal to {@code summary.json}, every reject listed, review fields with decodable crops, and the page
 * loads in a real browser.
 */
class ExtractReportTest {
    static final List<String> SECTIONS = List.of("summary", "throughput", "outcomes", "confidence", "reasons",
            "reject-reasons", "rejects-list", "review-list");

    @Test
    void extractWritesARunReportMatchingItsSummary(@TempDir Path out) throws Exception {
        Path root = TestData.projectRoot();
        CliTest.Run r = CliTest.run("extract", "--templates", root.resolve("conf/templates").toString(),
                "--input", root.resolve("data/samples").toString(), "--output", out.toString(),
                "--model", TestData.formsModel().dir().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Path html = out.resolve("report").resolve(RunReport.HTML);
        assertTrue(r.out().contains("Report: " + html), r.out());
        String page = Files.readString(html);
        for (String s : SECTIONS) {
            assertTrue(page.contains("<section id=\"" + s + "\">"), "section " + s);
        }
        assertFalse(page.contains("<script"), "no JavaScript");
        assertFalse(page.contains("src=\"http") || page.contains("src=\"" + RunReport.CONFIDENCE_PNG), "images embedded");
        for (String png : List.of(RunReport.CONFIDENCE_PNG, RunReport.OUTCOMES_PNG)) {
            BufferedImage img = ImageIO.read(out.resolve("report").resolve(png).toFile());
            assertNotNull(img, png);
            assertEquals(640, img.getWidth(), png);
            assertEquals(420, img.getHeight(), png);
        }

        RunCounts c = new ObjectMapper().readValue(out.resolve("summary.json").toFile(), RunCounts.class);
        assertEquals(Files.list(root.resolve("data/samples")).count(), c.files(), "every file counted");
        assertEquals(Files.readAllLines(out.resolve("fields.jsonl")).size(), c.fields());
        assertEquals(Files.readAllLines(out.resolve("rejects.jsonl")).size(), c.rejects());
        assertEquals(c.fields(), c.byField().stream().mapToLong(FieldCounts::fields).sum());
        for (String[] n : new String[][] {{"files", "" + c.files()}, {"pages", "" + c.pages()}, {"fields", "" + c.fields()},
                {"accepted", "" + c.accepted()}, {"review", "" + c.review()}, {"rejects", "" + c.rejects()}}) {
            assertTrue(page.contains("<b id=\"" + n[0] + "\">" + n[1] + "</b>"), n[0] + " = " + n[1] + " as in summary.json");
        }
        for (FieldCounts f : c.byField()) {
            assertTrue(page.contains(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td>"
                    + "<td>%d</td><td>%d</td><td>%d</td>", f.template(), f.field(), f.fields(), f.accepted(), f.review())),
                    "row of " + f.template() + "/" + f.field());
        }
        assertEquals(c.rejects(), c.rejectReasons().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(page.contains("Rejects (" + c.rejects() + " of " + c.rejects() + ")"), "all rejects listed");
        for (String bad : List.of("bad-empty.png", "bad-not-an-image.png", "bad-truncated.jpg", "bad-blank-page.png")) {
            assertTrue(page.contains(bad), bad + " listed with its reason");
        }

        long shown = Math.min(c.review(), RunStats.REVIEW_SHOWN);
        assertTrue(c.review() > 0, "the sample batch has fields to review");
        assertTrue(page.contains("Fields to review (" + shown + " of " + c.review() + ")"));
        Matcher crops = Pattern.compile("class=\"crop\" src=\"data:image/jpeg;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
        int decoded = 0;
        while (crops.find()) {
            BufferedImage crop = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(crops.group(1))));
            assertNotNull(crop, "review crop decodes");
            assertTrue(crop.getWidth() > 50 && crop.getHeight() > 50, "a field-sized crop");
            decoded++;
        }
        assertEquals(shown, decoded, "every review field shown with its crop");
        assertFalse(Files.readString(out.resolve("fields.jsonl")).contains("\"crop\""), "crops stay out of fields.jsonl");

        HeadlessChromium.assertRenders(html, SECTIONS, out);
    }
}
