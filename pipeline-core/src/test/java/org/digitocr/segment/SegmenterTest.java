package org.digitocr.segment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.digitocr.TestData;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.register.FormRegistrar;
import org.digitocr.register.GreyPage;
import org.digitocr.register.Registration;
import org.digitocr.register.RegistrationConfig;
import org.digitocr.sample.GeneratedForm;
import org.digitocr.sample.SampleFormGenerator;
import org.digitocr.sample.ScanDistortion;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;

/** Digit counts found in fields of generated, distorted scans against what was written. */
class SegmenterTest {
    @Test
    void findsTheWrittenDigitsAndEmptyFields() throws Exception {
        CheckDigits checks = CheckDigits.standard();
        List<FormTemplate> templates = new TemplateReader(checks.names())
                .readAll(List.of(TestData.projectRoot().resolve("conf/templates")));
        SampleFormGenerator gen = new SampleFormGenerator(TestData.mnist().test(), checks, ScanDistortion.typical(), 0.1);
        FormRegistrar registrar = new FormRegistrar(templates, RegistrationConfig.defaults());
        Segmenter segmenter = new Segmenter();
        SplittableRandom rnd = new SplittableRandom(21);
        int boxed = 0, boxedRight = 0, free = 0, freeRight = 0, empty = 0, emptyRight = 0;
        StringBuilder misses = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            FormTemplate t = templates.get(i % templates.size());
            GeneratedForm f = gen.generate(t, rnd);
            GreyPage page = GreyPage.of(f.page());
            Registration r = registrar.register(page);
            for (FieldSpec fs : t.fields()) {
                String truth = f.values().get(fs.name());
                FieldSegments s = segmenter.segment(FieldImage.cut(page, r, fs, Segmenter.PAD), fs);
                boolean right = s.digits().size() == truth.length();
                if (truth.isEmpty()) {
                    empty++;
                    emptyRight += right ? 1 : 0;
                } else if (fs.boxed()) {
                    boxed++;
                    boxedRight += right ? 1 : 0;
                } else {
                    free++;
                    freeRight += right ? 1 : 0;
                }
                if (!right) {
                    misses.append(String.format("%s/%s: wrote '%s', found %d %s%n", t.name(), fs.name(), truth,
                            s.digits().size(), s.notes()));
                }
            }
        }
        System.out.printf("segmentation: boxed %d/%d, free-form %d/%d, empty %d/%d%n%s", boxedRight, boxed, freeRight,
                free, emptyRight, empty, misses);
        assertTrue(boxedRight == boxed, misses.toString());
        assertTrue(emptyRight == empty, misses.toString());
        assertTrue(freeRight >= 0.85 * free, misses.toString());
    }
}
