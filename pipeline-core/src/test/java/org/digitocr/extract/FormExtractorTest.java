package org.digitocr.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.digitocr.ScanResolution;
import org.digitocr.ScannerOutput;
import org.digitocr.TestData;
import org.digitocr.decode.PageDecoder;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.register.RegistrationConfig;
import org.digitocr.sample.GeneratedForm;
import org.digitocr.sample.SampleFormGenerator;
import org.digitocr.sample.ScanDistortion;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole forms pipeline with the bundled model on freshly generated scans (fixed seed). */
class FormExtractorTest {
    static List<FormTemplate> templates;
    static DigitClassifier classifier;
    static FormExtractor extractor;
    static SampleFormGenerator generator;

    @BeforeAll
    static void setUp() {
        CheckDigits checks = CheckDigits.standard();
        templates = new TemplateReader(checks.names()).readAll(List.of(TestData.projectRoot().resolve("conf/templates")));
        ModelBundle bundle = TestData.formsModel();
        classifier = DigitClassifier.load(bundle);
        extractor = new FormExtractor(templates, classifier, checks,
                new ExtractionConfig(PageDecoder.DEFAULT_MAX_PIXELS, RegistrationConfig.defaults(), bundle.readReviewPolicy().threshold(ReviewPolicy.DEFAULT_TARGET)));
        generator = new SampleFormGenerator(TestData.mnist().test(), checks, ScanDistortion.typical(), 0.05);
    }

    @AfterAll
    static void tearDown() {
        classifier.close();
    }

    @Test
    void readsGeneratedFormsAccurately() throws Exception {
        SplittableRandom rnd = new SplittableRandom(99);
        int digits = 0, digitsRight = 0, fields = 0, fieldsRight = 0, accepted = 0, acceptedWrong = 0;
        StringBuilder wrong = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            FormTemplate t = templates.get(i % templates.size());
            GeneratedForm f = generator.generate(t, rnd);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(f.page(), i % 2 == 0 ? "png" : "jpeg", png);
            SourceResult r = extractor.extract("form-" + i, png.toByteArray());
            assertTrue(r.rejects().isEmpty(), r.rejects().toString());
            assertEquals(t.fields().size(), r.fields().size());
            for (FieldResult fr : r.fields()) {
                assertEquals(t.name(), fr.template());
                String truth = f.values().get(fr.field());
                fields++;
                boolean right = truth.equals(fr.value());
                fieldsRight += right ? 1 : 0;
                if (!fr.needsReview()) {
                    accepted++;
                    acceptedWrong += right ? 0 : 1;
                }
                digits += Math.max(truth.length(), fr.value().length());
                digitsRight += digitsRight(truth, fr.value());
                if (!right) {
                    wrong.append(String.format("%s/%s: '%s' read '%s' %s%n", t.name(), fr.field(), truth, fr.value(), fr.reasons()));
                }
            }
        }
        System.out.printf("extraction: digits %d/%d, fields %d/%d, accepted %d (%d wrong)%n%s", digitsRight, digits,
                fieldsRight, fields, accepted, acceptedWrong, wrong);
        assertTrue(digitsRight >= 0.99 * digits, "digit accuracy " + (double) digitsRight / digits + "\n" + wrong);
        assertTrue(fieldsRight >= 0.95 * fields, "field accuracy " + (double) fieldsRight / fields + "\n" + wrong);
        assertTrue(acceptedWrong <= Math.max(0, 0.005 * accepted), acceptedWrong + " wrong of " + accepted + " accepted");
    }

    @Test
    void readsScansAtTwiceTheTemplateResolution() throws Exception {
        Reading r = read(17, 6, page -> {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(ScanResolution.resample(page, 2.0), "png", png);
            return png.toByteArray();
        });
        assertTrue(r.digitsRight() >= 0.97 * r.digits(), "digits read right at twice the resolution: " + r);
    }

    @Test
    void readsBilevelFaxTiffScans() throws Exception {
        Reading r = read(19, 12, ScannerOutput::bilevelTiff);
        assertTrue(r.digitsRight() >= 0.97 * r.digits(), "digits read right on bilevel scans: " + r);
    }

    @Test
    void readsLightScansAndSendsVeryFaintWritingToReview() throws Exception {
        Reading scanned = read(23, 12, page -> ScannerOutput.washedOut(page, 1));
        Reading light = read(23, 12, page -> ScannerOutput.washedOut(page, 0.5));
        assertTrue(light.digitsRight() >= scanned.digitsRight() - 2,
                "digits read right at half the contrast: " + light + ", as scanned: " + scanned);
        assertEquals(0, light.faint(), "fields at half the contrast taken for faint: " + light);
        Reading faint = read(23, 12, page -> ScannerOutput.washedOut(page, 0.3));
        assertTrue(faint.digitsRight() >= 0.85 * faint.digits(), "digits read right at 30% contrast: " + faint);
        assertEquals(faint.written(), faint.faint(), "fields at 30% contrast sent to review as faint: " + faint);
    }

    /** How one scanner's output of a page is read. */
    private interface Scanner {
        byte[] scan(BufferedImage page) throws Exception;
    }

    /** Digits written and read right, fields with writing and of those sent to review for faint ink. */
    private record Reading(int digits, int digitsRight, int written, int faint) {
    }

    /** {@code forms} generated forms (seed {@code seed}) as {@code scanner} gives them, read; none may be rejected. */
    private static Reading read(long seed, int forms, Scanner scanner) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        int digits = 0, digitsRight = 0, written = 0, faint = 0;
        for (int i = 0; i < forms; i++) {
            GeneratedForm f = generator.generate(templates.get(i % templates.size()), rnd);
            SourceResult r = extractor.extract("form-" + i, scanner.scan(f.page()));
            assertTrue(r.rejects().isEmpty(), r.rejects().toString());
            for (FieldResult fr : r.fields()) {
                String truth = f.values().get(fr.field());
                digits += Math.max(truth.length(), fr.value().length());
                digitsRight += digitsRight(truth, fr.value());
                written += truth.isEmpty() ? 0 : 1;
                faint += fr.needsReview() && fr.reasons().stream().anyMatch(x -> x.contains("faint ink")) ? 1 : 0;
            }
        }
        return new Reading(digits, digitsRight, written, faint);
    }

    /** Digits read right, position by position; none when a digit too many or too few was read. */
    private static int digitsRight(String truth, String read) {
        if (truth.length() != read.length()) {
            return 0;
        }
        int right = 0;
        for (int k = 0; k < truth.length(); k++) {
            right += truth.charAt(k) == read.charAt(k) ? 1 : 0;
        }
        return right;
    }
}
