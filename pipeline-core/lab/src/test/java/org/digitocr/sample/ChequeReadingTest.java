package org.digitocr.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.decode.DecodeLimits;
import org.digitocr.extract.ExtractionConfig;
import org.digitocr.extract.FieldResult;
import org.digitocr.extract.FormExtractor;
import org.digitocr.extract.ReviewReason;
import org.digitocr.extract.SourceResult;
import org.digitocr.form.FormTemplate;
import org.digitocr.model.ModelBundle;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.register.RegistrationConfig;
import org.digitocr.register.TemplateFromSample;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cheques generated from a real layout's sample (CHEQUE_LAYOUTS_DIR; skipped with a message where absent) with
 * amounts written as people write them, read by the forms pipeline with the forms model.
 */
class ChequeReadingTest {
    static FormTemplate template;
    static ChequeGenerator.Layout layout;
    static ChequeGenerator generator;
    static FormExtractor extractor;

    @BeforeAll
    static void setUp() throws IOException {
        String dir = System.getenv("CHEQUE_LAYOUTS_DIR");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "CHEQUE_LAYOUTS_DIR (real cheque layouts, not in the"
                + " repository) is not set or absent: " + dir);
        Path sample = Path.of(dir, "canara-120611.jpeg");
        template = new TemplateFromSample(CheckDigits.standard().names())
                .make(sample, Path.of(dir, "canara.fields.json")).template();
        layout = ChequeGenerator.layout(template, ImageIO.read(sample.toFile()));
        generator = new ChequeGenerator(LabData.mnist().test(), ScanDistortion.none());
        ModelBundle bundle = TestData.formsModel();
        extractor = FormExtractor.open(bundle, 1, List.of(template), new ExtractionConfig(DecodeLimits.DEFAULTS,
                RegistrationConfig.defaults(), bundle.readReviewPolicy().threshold(ReviewPolicy.DEFAULT_TARGET)));
    }

    @AfterAll
    static void close() {
        if (extractor != null) {
            extractor.close();
        }
    }

    private static List<FieldResult> read(ChequeGenerator.Cheque c, Path dir) throws IOException {
        Path file = dir.resolve("cheque.png");
        ImageIO.write(c.page(), "png", file.toFile());
        SourceResult r = extractor.extract(file);
        assertEquals(List.of(), r.rejects());
        return r.fields();
    }

    @ParameterizedTest(name = "{1} reads {0}")
    @CsvSource(delimiter = '|', value = {
        "110000|1,10,000/-",
        "2255000|22 55 000/",
        "51000000|5,10,00,000/-",
        "1250.50|1,250.50",
        "110000|110000=",
    })
    void readsAmountsAsPeopleWriteThem(String value, String written, @TempDir Path dir) throws IOException {
        FieldResult amount = read(generator.generate(layout, "15082024", value, written, new SplittableRandom(3)), dir)
                .stream().filter(f -> f.field().equals("amount")).findFirst().orElseThrow();
        assertEquals(value, amount.value(), amount.reasons().toString());
        assertFalse(amount.reasons().stream().anyMatch(r -> r.code() == ReviewReason.Code.AMOUNT_GROUPING),
                amount.reasons().toString());
    }

    @Test
    void anImpossibleDateGoesToReviewWithItsReason(@TempDir Path dir) throws IOException {
        FieldResult date = read(generator.generate(layout, "31022024", "5000", "5,000/-", new SplittableRandom(4)), dir)
                .stream().filter(f -> f.field().equals("date")).findFirst().orElseThrow();
        assertTrue(date.needsReview());
        assertTrue(date.reasons().stream().anyMatch(r -> r.code() == ReviewReason.Code.INVALID_DATE
                || r.code() == ReviewReason.Code.REPAIRED), date.reasons().toString());
    }
}
