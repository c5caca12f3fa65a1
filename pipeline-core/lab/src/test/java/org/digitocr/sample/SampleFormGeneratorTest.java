package org.digitocr.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;

class SampleFormGeneratorTest {
    @Test
    void generatesDistortedFormsWithTruthAndKnownGeometry() throws Exception {
        CheckDigits checks = CheckDigits.standard();
        FormTemplate t = new TemplateReader(checks.names()).read(TestData.projectRoot().resolve("conf/templates/zip-slip.json"));
        SampleFormGenerator gen = new SampleFormGenerator(LabData.mnist().test(), checks, ScanDistortion.typical(), 0.1);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n = 0; n < 4; n++) {
            GeneratedForm f = gen.generate(t, rnd);
            if (n == 0) {
                Path out = Path.of("target", "preview");
                Files.createDirectories(out);
                ImageIO.write(f.page(), "png", new File(out.toFile(), "zip-slip-0.png"));
            }
            for (FormTemplate.Point m : ((org.digitocr.form.Anchors.Marks) t.anchors()).centres()) {
                Point2D p = f.formToPage().transform(new Point2D.Double(m.x(), m.y()), null);
                int rgb = f.page().getRGB((int) Math.round(p.getX()), (int) Math.round(p.getY()));
                assertTrue((rgb & 0xff) < 110, "mark centre should be dark, got " + (rgb & 0xff));
            }
            assertEquals(t.fields().size(), f.values().size());
            for (FieldSpec fs : t.fields()) {
                String v = f.values().get(fs.name());
                if (!v.isEmpty()) {
                    fs.pattern().ifPresent(p -> assertTrue(p.matcher(v).matches(), fs.name() + "=" + v));
                    fs.check().ifPresent(c -> assertTrue(checks.get(c).orElseThrow().valid(v), fs.name() + "=" + v));
                }
            }
        }
    }
}
