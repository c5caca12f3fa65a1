package org.digitocr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.eval.OtherWriters;
import org.digitocr.eval.Evaluation;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLIs end to end with the bundled model, on images the test writes itself. */
class CliTest {
    static String model;

    @BeforeAll
    static void model() {
        model = TestData.bundledModel().dir().toString();
    }

    /** A pen-drawn digit, dark ink on off-white paper, at scan resolution. */
    static BufferedImage drawn(int digit) {
        BufferedImage img = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(245, 243, 236));
        g.fillRect(0, 0, 120, 160);
        g.setColor(new Color(15, 25, 90));
        g.setStroke(new BasicStroke(9, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        switch (digit) {
            case 0 -> g.drawOval(30, 25, 60, 110);
            case 1 -> g.drawLine(66, 25, 56, 135);
            case 7 -> {
                g.drawLine(28, 30, 92, 30);
                g.drawLine(92, 30, 50, 135);
            }
            default -> throw new IllegalArgumentException();
        }
        g.dispose();
        return img;
    }

    /** An MNIST test digit written out as a larger, dark-on-light greyscale PNG. */
    static BufferedImage scanned(DigitImages images, int index) {
        BufferedImage img = new BufferedImage(84, 84, BufferedImage.TYPE_BYTE_GRAY);
        float[] px = new float[DigitImages.PIXELS];
        images.toFloats(index, px, 0);
        for (int y = 0; y < 84; y++) {
            for (int x = 0; x < 84; x++) {
                int v = Math.round(255 * (1 - px[(y / 3) * 28 + x / 3]));
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        return img;
    }

    @Test
    void predictSaysNoInkForBlankImagesInsteadOfADigit(@TempDir Path dir) throws IOException {
        Path white = dir.resolve("white.png");
        Path black = dir.resolve("black.png");
        java.awt.image.BufferedImage w = new java.awt.image.BufferedImage(60, 60, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = w.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 60, 60);
        g.dispose();
        ImageIO.write(w, "png", white.toFile());
        ImageIO.write(new java.awt.image.BufferedImage(60, 60, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png",
                black.toFile());
        Path specks = dir.resolve("specks.png");
        java.awt.image.BufferedImage sp = new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.util.Random rnd = new java.util.Random(7);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                sp.getRaster().setSample(x, y, 0, rnd.nextDouble() < 0.01 ? 0 : 255);
            }
        }
        ImageIO.write(sp, "png", specks.toFile());
        Run r = run("predict", "--model=" + model, white.toString(), black.toString(), specks.toString());
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("white.png: no ink") && r.out.contains("black.png: no ink"), r.out);
        assertTrue(r.out.contains("specks.png: no ink"), "random specks are no digit, as in an empty cell: " + r.out);
        assertTrue(!r.out.contains("(p="), r.out);
    }

    @Test
    void predictReadsDigitsDrawnAsPngs(@TempDir Path dir) throws IOException {
        int[] digits = {0, 1, 7};
        String[] args = new String[2 + digits.length + 1];
        args[0] = "predict";
        args[1] = "--model=" + model;
        for (int i = 0; i < digits.length; i++) {
            Path f = dir.resolve("digit-" + digits[i] + ".png");
            ImageIO.write(drawn(digits[i]), "png", f.toFile());
            args[2 + i] = f.toString();
        }
        Path junk = Files.writeString(dir.resolve("not-an-image.png"), "hello");
        args[args.length - 1] = junk.toString();
        Run r = run(args);
        assertEquals(1, r.code, "one unreadable file makes the exit code 1\n" + r.out);
        for (int d : digits) {
            assertTrue(r.out.contains("digit-" + d + ".png: " + d + " (p="), r.out);
            assertTrue(!r.out.lines().filter(l -> l.contains("digit-" + d + ".png")).findFirst().orElseThrow()
                    .contains("REVIEW"), "a clearly drawn digit passes: " + r.out);
        }
        assertTrue(r.out.contains("not-an-image.png: error"), r.out);
    }

    @Test
    void evaluateReadsAFolderOfDigitImages(@TempDir Path dir) throws IOException {
        LabelledDigits test = LabData.mnist().test().head(300);
        for (int i = 0; i < test.size(); i++) {
            Path sub = Files.createDirectories(dir.resolve("digits").resolve(Integer.toString(test.labels()[i])));
            ImageIO.write(scanned(test.images(), i), i % 2 == 0 ? "png" : "jpg", sub.resolve("d" + i + (i % 2 == 0 ? ".png" : ".jpg")).toFile());
        }
        Path json = dir.resolve("eval.json");
        Run r = run("evaluate", "--model", model, "--folder", dir.resolve("digits").toString(), "--json", json.toString());
        assertEquals(0, r.code, r.out);
        Evaluation e = Evaluation.readJson(json);
        assertEquals(300, e.examples());
        assertTrue(e.accuracy() >= 0.97, "accuracy on re-normalised MNIST digits " + e.accuracy());
        assertTrue(r.out.contains("Confusion matrix"), r.out);
    }

    @Test
    void evaluateReadsAnIdxPairAndWhatScanningCosts() throws IOException {
        var mnist = LabData.mnist();
        Run r = run("evaluate", "--model", model, "--images", mnist.testImages().toString(),
                "--labels", mnist.testLabels().toString(), "--limit", "500", "--scanned-forms", "6",
                "--templates", TestData.projectRoot().resolve("conf/templates").toString());
        assertEquals(0, r.code, r.out);
        assertTrue(r.out.contains("Accuracy:") && r.out.contains("Top-2 accuracy:") && r.out.contains("ECE"), r.out);
        assertTrue(r.out.contains("Written on scanned forms and read back:") && r.out.contains("off scanned forms"), r.out);
    }

    @Test
    void evaluateCountsMarksThatAreNotDigitsReadSurelyAsDigits() {
        Run r = run("evaluate", "--model", model, "--limit", "200", "--not-digits", "40");
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("Marks that are not digits, read as a digit at")
                && r.out.contains("digits crossed out") && r.out.contains("digits scribbled out")
                && (r.out.contains("symbols ") || r.out.contains("Symbols left out: ")), r.out);
    }

    @Test
    void evaluateCountsMarksAndDigitsThatAGateModelAlsoReadsSurely() {
        // any model can stand as the gate: at level 0 it lets every reading through, at 1.01 none
        Run open = run("evaluate", "--model", model, "--limit", "200", "--not-digits", "40", "--gate", model,
                "--gate-level", "0");
        assertEquals(0, open.code, open.out + open.err);
        assertTrue(open.out.contains("and by the gate") && open.out.contains("the digits themselves"), open.out);
        Run shut = run("evaluate", "--model", model, "--limit", "200", "--not-digits", "40", "--gate", model,
                "--gate-level", "1.01");
        assertEquals(0, shut.code, shut.out + shut.err);
        assertTrue(shut.out.matches("(?s).*digits crossed out\\s+0\\.0000 \\(0/40\\).*")
                && shut.out.matches("(?s).*the digits themselves\\s+0\\.0000 \\(0/200\\).*"), shut.out);
        assertTrue(open.out.matches("(?s).*the digits themselves\\s+0\\.9\\d+ \\(\\d+/200\\).*"), open.out);
    }

    @Test
    void evaluatePutsOtherWritersBesideMnistTest() {
        OtherWriters others = LabData.otherWriters();
        assumeTrue(others.present(), "other writers' digits absent, test skipped: " + others.absence());
        Run r = run("evaluate", "--model", model, "--other-writers", others.dir().toString());
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("MNIST test  other writers") && r.out.contains("ECE (calibrated)")
                && r.out.contains("other writers (" + others.name() + ")"), r.out);
    }

    @Test
    void samplesWritesFormsWithTheDigitsOfAnyIdxPair(@TempDir Path dir) throws IOException {
        OtherWriters others = LabData.otherWriters();
        var mnist = LabData.mnist();
        Path images = others.present() ? others.images() : mnist.trainImages();
        Path labels = others.present() ? others.labels() : mnist.trainLabels();
        String templates = TestData.projectRoot().resolve("conf/templates").toString();
        Run half = run("samples", "--templates", templates, "--out", dir.resolve("x").toString(),
                "--digits-images", images.toString());
        assertTrue(half.code != 0 && half.err.contains("--digits-labels"), half.err);

        Run made = run("samples", "--templates", templates, "--out", dir.resolve("forms").toString(), "--forms", "6",
                "--seed", "3", "--digits-images", images.toString(), "--digits-labels", labels.toString());
        assertEquals(0, made.code, made.out + made.err);
        Run read = run("extract", "--templates", templates, "--input", dir.resolve("forms").toString(), "--output",
                dir.resolve("out").toString(), "--model", TestData.formsModel().dir().toString());
        assertEquals(0, read.code, read.out + read.err);
        ObjectMapper json = new ObjectMapper();
        Map<String, String> truth = new HashMap<>();
        for (JsonNode form : json.readTree(dir.resolve("forms-truth.json").toFile())) {
            form.get("values").fields().forEachRemaining(v -> truth.put(form.get("file").asText() + "#"
                    + form.get("page").asInt() + "#" + v.getKey(), v.getValue().asText()));
        }
        int fields = 0;
        int right = 0;
        for (String line : Files.readAllLines(dir.resolve("out/fields.jsonl"))) {
            JsonNode f = json.readTree(line);
            String want = truth.get(Path.of(f.get("source").asText()).getFileName() + "#" + f.get("page").asInt() + "#"
                    + f.get("field").asText());
            if (want != null) {
                fields++;
                right += want.equals(f.get("value").asText()) ? 1 : 0;
            }
        }
        assertTrue(fields >= 18, "fields read off the six forms: " + fields);
        assertTrue(right >= 0.8 * fields, "written with " + images.getFileName() + ", read right: " + right + "/" + fields);
    }

    @Test
    void evaluateNamesABadFile(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad-images.gz"), "not idx");
        Run r = run("evaluate", "--model", model, "--images", bad.toString(), "--labels", bad.toString());
        assertTrue(r.code != 0);
        assertTrue(r.err.contains(bad.toString()), r.err);
    }

    @Test
    void templateRefusesASampleThatIsNoImageNamingIt(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("cheque.jpeg"), "not a scan");
        Path fields = Files.writeString(dir.resolve("bank.fields.json"), """
                {"name": "bank", "fields": [{"name": "amount", "box": [10, 10, 100, 40], "cells": 0, "type": "amount"}]}""");
        Run r = run("template", "--sample", bad.toString(), "--fields", fields.toString(), "--output", dir.toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains(bad + ": not a readable image"), r.err);
        assertTrue(run("template", "--help").out.contains("--fields=FILE"));
    }

    /**
     * From a real bank's sample cheque to its values: the template the issue's user makes, then extract on the cheque
     * (skipped where CHEQUE_LAYOUTS_DIR, the real cheques never kept in the repository, is absent).
     */
    @Test
    void templateFromARealChequeThenExtractReadsItsDate(@TempDir Path dir) throws IOException {
        String layouts = System.getenv("CHEQUE_LAYOUTS_DIR");
        assumeTrue(layouts != null && Files.isDirectory(Path.of(layouts)), "CHEQUE_LAYOUTS_DIR absent: " + layouts);
        Path sample = Path.of(layouts, "icici-100828.jpeg");
        Run made = run("template", "--sample", sample.toString(), "--fields", Path.of(layouts, "icici.fields.json")
                .toString(), "--output", dir.resolve("templates").toString());
        assertEquals(0, made.code, made.err);
        assertTrue(made.out.contains("icici.json: layout icici"), made.out);
        Files.createDirectories(dir.resolve("in"));
        Files.copy(sample, dir.resolve("in/cheque.jpeg"));
        Run read = run("extract", "--templates", dir.resolve("templates").toString(), "--input",
                dir.resolve("in").toString(), "--output", dir.resolve("out").toString());
        assertTrue(read.code == 0 || read.code == 3, read.err);
        JsonNode date = null;
        for (String line : Files.readAllLines(dir.resolve("out/fields.jsonl"))) {
            JsonNode row = new ObjectMapper().readTree(line);
            if (row.get("field").asText().equals("date")) {
                date = row;
            }
        }
        assertEquals("icici", date.get("template").asText());
        assertEquals("25012016", date.get("value").asText());
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
