package org.digitocr.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.decode.DecodeLimits;
import org.digitocr.form.Box;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.register.RegistrationConfig;
import org.digitocr.sample.GeneratedForm;
import org.digitocr.sample.PaperDamage;
import org.digitocr.sample.SampleFormGenerator;
import org.digitocr.sample.ScanDistortion;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Forms whose paper was damaged, generated and read with the bundled model: doubt goes to review, never accepted. */
class DamagedPaperTest {
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
        extractor = new FormExtractor(templates, classifier, checks, new ExtractionConfig(DecodeLimits.DEFAULTS,
                RegistrationConfig.defaults(), bundle.readReviewPolicy().threshold(ReviewPolicy.DEFAULT_TARGET)));
        generator = new SampleFormGenerator(LabData.mnist().test(), checks, ScanDistortion.typical(), 0.05);
    }

    @AfterAll
    static void tearDown() {
        classifier.close();
    }

    @Test
    void aCreaseThroughAFieldSendsItToReviewAndLeavesTheOthers() throws Exception {
        FormTemplate sheet = template("exam-sheet");
        Box score = sheet.field("score").box();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 4; i++) {
            GeneratedForm f = generator.generate(sheet, rnd);
            // a crease from above the score's box to below it, a little slanted, through its middle
            double x = score.x() + score.width() * (0.3 + 0.15 * i);
            line(f, x - 20, score.y() - 120, x + 20, score.y() + score.height() + 120);
            SourceResult r = extractor.extract("creased-" + i, png(f.page()));
            for (FieldResult field : r.fields()) {
                boolean stray = field.reasons().stream().anyMatch(c -> c.code() == ReviewReason.Code.STRAY_LINE);
                assertEquals(field.field().equals("score"), stray, field.toString());
                if (stray) {
                    assertTrue(field.needsReview(), field.toString());
                }
            }
        }
    }

    @Test
    void aFoldsShadowThroughAFieldSendsItToReviewAndLeavesTheFieldsBesideIt() throws Exception {
        FormTemplate sheet = template("exam-sheet");
        Box score = sheet.field("score").box();
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 3; i++) {
            GeneratedForm f = generator.generate(sheet, rnd);
            // a fold pressed flat down the page, through the score's box: a soft band 30% darker, no crease line
            double at = f.formToPage().transform(new Point2D.Double(score.x() + score.width() * (0.4 + 0.2 * i),
                    score.y()), null).getX();
            BufferedImage page = f.page();
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    double shade = 1 - 0.3 * Math.exp(-(x - at) * (x - at) / (2 * 10.0 * 10.0));
                    int rgb = page.getRGB(x, y);
                    int r = (int) (((rgb >> 16) & 0xff) * shade);
                    int g = (int) (((rgb >> 8) & 0xff) * shade);
                    int b = (int) ((rgb & 0xff) * shade);
                    page.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
            for (FieldResult field : extractor.extract("folded-" + i, png(page)).fields()) {
                boolean uneven = field.reasons().stream().anyMatch(c -> c.code() == ReviewReason.Code.UNEVEN_PAPER);
                if (field.field().equals("score")) {
                    assertTrue(uneven && field.needsReview(), field.toString());
                } else if (!field.field().equals("student-id")) {
                    assertFalse(uneven, field.toString());
                }
            }
        }
    }

    @Test
    void cleanFormsShowNoDamage() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        List<String> doubted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            GeneratedForm f = generator.generate(templates.get(i % templates.size()), rnd);
            for (FieldResult field : extractor.extract("clean-" + i, png(f.page())).fields()) {
                field.reasons().stream().filter(c -> c.code() == ReviewReason.Code.STRAY_LINE
                        || c.code() == ReviewReason.Code.UNEVEN_PAPER).forEach(c -> doubted.add(field.field() + ": " + c));
            }
        }
        assertEquals(List.of(), doubted);
    }

    @Test
    void formsWhoseEdgeShadowDarkensTheirMarksAreStillFound() throws Exception {
        SampleFormGenerator shadowed = generator.withDamage(List.of(PaperDamage.SHADOW));
        SplittableRandom rnd = new SplittableRandom(5);
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            GeneratedForm f = shadowed.generate(templates.get(i % templates.size()), rnd);
            extractor.extract("shadow-" + i, png(f.page())).rejects().forEach(r -> rejected.add(r.toString()));
        }
        assertEquals(List.of(), rejected);
    }

    @ParameterizedTest
    @EnumSource(PaperDamage.class)
    void noDamagedFieldIsAcceptedWrong(PaperDamage damage) throws Exception {
        SampleFormGenerator damaging = generator.withDamage(List.of(damage));
        SplittableRandom rnd = new SplittableRandom(11);
        int accepted = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            GeneratedForm f = damaging.generate(templates.get(i % templates.size()), rnd);
            SourceResult r = extractor.extract(damage.code() + "-" + i, png(f.page()));
            for (FieldResult field : r.fields()) {
                if (!field.needsReview()) {
                    accepted++;
                    if (!field.value().equals(f.values().get(field.field()))) {
                        wrong.add(field.toString());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, damage + ": accepted wrong among " + accepted);
        assertFalse(accepted == 0, damage + ": nothing accepted at all");
    }

    private static FormTemplate template(String name) {
        return templates.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** Draws a thin grey line on the page between two template points. */
    private static void line(GeneratedForm f, double x0, double y0, double x1, double y1) {
        Point2D a = f.formToPage().transform(new Point2D.Double(x0, y0), null);
        Point2D b = f.formToPage().transform(new Point2D.Double(x1, y1), null);
        Graphics2D g = f.page().createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(110, 110, 110));
        g.setStroke(new BasicStroke(2f));
        g.draw(new java.awt.geom.Line2D.Double(a, b));
        g.dispose();
    }

    private static byte[] png(BufferedImage page) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(page, "png", out);
        return out.toByteArray();
    }
}
