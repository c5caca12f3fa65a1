package org.digitocr.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

import org.digitocr.PageTurn;
import org.digitocr.ScanResolution;
import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.sample.GeneratedForm;
import org.digitocr.sample.SampleFormGenerator;
import org.digitocr.sample.ScanDistortion;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Registration on freshly generated, distorted scans of a mixed batch of templates. */
class FormRegistrarTest {
    static List<FormTemplate> templates;
    static SampleFormGenerator generator;

    @BeforeAll
    static void setUp() {
        CheckDigits checks = CheckDigits.standard();
        templates = new TemplateReader(checks.names()).readAll(List.of(TestData.projectRoot().resolve("conf/templates")));
        generator = new SampleFormGenerator(LabData.mnist().test(), checks, ScanDistortion.typical(), 0.1);
    }

    @Test
    void identifiesAndRegistersAMixedBatchWithinTwoPixels() throws Exception {
        FormRegistrar registrar = new FormRegistrar(templates, RegistrationConfig.defaults());
        SplittableRandom rnd = new SplittableRandom(11);
        double worst = 0;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 12; i++) {
            FormTemplate t = templates.get(i % templates.size());
            GeneratedForm f = generator.generate(t, rnd);
            Registration r = registrar.register(GreyPage.of(f.page()));
            assertEquals(t.name(), r.template().name(), "form " + i);
            for (FieldSpec fs : t.fields()) {
                Box b = fs.box();
                for (double[] c : new double[][] {{b.x(), b.y()}, {b.x() + b.width(), b.y() + b.height()}}) {
                    Point2D truth = f.formToPage().transform(new Point2D.Double(c[0], c[1]), null);
                    double[] est = r.toPage(c[0], c[1]);
                    double err = Math.hypot(est[0] - truth.getX(), est[1] - truth.getY());
                    worst = Math.max(worst, err);
                    sum += err;
                    n++;
                }
            }
        }
        System.out.printf("registration error over %d box corners: mean %.2f px, max %.2f px%n", n, sum / n, worst);
        assertTrue(sum / n < 1.5 && worst < 4, String.format("registration error mean %.2f px, max %.2f px", sum / n, worst));
    }

    @Test
    void registersScansFromHalfToThreeTimesTheTemplateResolution() throws Exception {
        FormRegistrar registrar = new FormRegistrar(templates, RegistrationConfig.defaults());
        SplittableRandom rnd = new SplittableRandom(21);
        double[] scales = {0.5, 1.5, 2.0, 3.0};
        for (int i = 0; i < 6; i++) {
            FormTemplate t = templates.get(i % templates.size());
            GeneratedForm f = generator.generate(t, rnd);
            double s = scales[i % scales.length];
            Registration r = registrar.register(GreyPage.of(ScanResolution.resample(f.page(), s)));
            assertEquals(t.name(), r.template().name(), "form " + i + " at scale " + s);
            Box b = t.fields().get(0).box();
            Point2D truth = f.formToPage().transform(new Point2D.Double(b.x(), b.y()), null);
            double[] est = r.toPage(b.x(), b.y());
            double err = Math.hypot(est[0] - s * truth.getX(), est[1] - s * truth.getY());
            assertTrue(err < 2 * s, String.format("form %d at scale %.1f: a box corner off by %.1f px", i, s, err));
        }
    }

    @Test
    void registersPagesFedSidewaysOrUpsideDown() throws Exception {
        FormRegistrar registrar = new FormRegistrar(templates, RegistrationConfig.defaults());
        SplittableRandom rnd = new SplittableRandom(31);
        for (int i = 0; i < 6; i++) {
            FormTemplate t = templates.get(i % templates.size());
            GeneratedForm f = generator.generate(t, rnd);
            int quarters = 1 + i % 3;
            PageTurn turned = PageTurn.of(f.page(), quarters);
            Registration r = registrar.register(GreyPage.of(turned.page()));
            assertEquals(t.name(), r.template().name(), "form " + i + " turned " + 90 * quarters);
            double off = Math.abs(Math.IEEEremainder(r.rotationDegrees() - 90 * quarters, 360));
            assertTrue(off < 10, "form " + i + " turned " + 90 * quarters + " read as turned " + r.rotationDegrees());
            for (FieldSpec fs : t.fields()) {
                Box b = fs.box();
                Point2D truth = turned.toTurned().transform(
                        f.formToPage().transform(new Point2D.Double(b.x(), b.y()), null), null);
                double[] est = r.toPage(b.x(), b.y());
                double err = Math.hypot(est[0] - truth.getX(), est[1] - truth.getY());
                assertTrue(err < 4, String.format("form %d turned %d: a box corner off by %.1f px", i, 90 * quarters,
                        err));
            }
        }
    }

    @Test
    void scanFarBelowTheTemplateResolutionIsRefusedSayingWhy() {
        GeneratedForm f = generator.generate(templates.get(0), new SplittableRandom(5));
        RegistrationException e = assertThrows(RegistrationException.class, () -> new FormRegistrar(templates,
                RegistrationConfig.defaults()).register(GreyPage.of(ScanResolution.resample(f.page(), 0.25))));
        assertTrue(e.getMessage().contains("outside 0.4-3.6 times the template's resolution"), e.getMessage());
    }

    @Test
    void blankPageIsRefused() {
        BufferedImage blank = new BufferedImage(1700, 1100, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = blank.createGraphics();
        g.setColor(new Color(235, 235, 235));
        g.fillRect(0, 0, 1700, 1100);
        g.dispose();
        RegistrationException e = assertThrows(RegistrationException.class,
                () -> new FormRegistrar(templates, RegistrationConfig.defaults()).register(GreyPage.of(blank)));
        assertTrue(e.getMessage().contains("no registration marks"), e.getMessage());
    }

    @Test
    void formOfAnotherTemplateIsRefused() throws Exception {
        FormTemplate exam = templates.stream().filter(t -> t.name().equals("exam-sheet")).findFirst().orElseThrow();
        List<FormTemplate> others = templates.stream().filter(t -> t != exam).toList();
        GeneratedForm f = generator.generate(exam, new SplittableRandom(3));
        RegistrationException e = assertThrows(RegistrationException.class,
                () -> new FormRegistrar(others, RegistrationConfig.defaults()).register(GreyPage.of(f.page())));
        assertTrue(e.getMessage().contains("fits no template"), e.getMessage());
    }

    @Test
    void boxesTellApartTemplatesWithTheSameMarks() throws Exception {
        FormTemplate zip = templates.stream().filter(t -> t.name().equals("zip-slip")).findFirst().orElseThrow();
        FormTemplate twin = new FormTemplate("zip-slip-v2", "test", "0", zip.width(), zip.height(), zip.anchors(),
                List.of(new FieldSpec("other", new Box(300, 800, 700, 120), 6, java.util.Optional.empty(),
                        java.util.Optional.empty())));
        GeneratedForm f = generator.generate(zip, new SplittableRandom(8));
        Registration r = new FormRegistrar(List.of(twin, zip), RegistrationConfig.defaults()).register(GreyPage.of(f.page()));
        assertEquals("zip-slip", r.template().name());
    }
}
