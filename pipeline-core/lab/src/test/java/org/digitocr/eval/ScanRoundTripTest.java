package org.digitocr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;

/** MNIST test digits written on generated forms apart by how the forms model reads them alone, and read back. */
class ScanRoundTripTest {
    @Test
    void separatesWhatScanningLosesFromWhatTheNetworkGetsWrongAnyway() {
        List<FormTemplate> templates = new TemplateReader(CheckDigits.standard().names())
                .readAll(List.of(TestData.projectRoot().resolve("conf/templates")));
        LabelledDigits source = LabData.mnist().test().head(3000);
        try (DigitClassifier c = DigitClassifier.load(TestData.formsModel())) {
            ScanRoundTrip.Result r = ScanRoundTrip.measure(c, source, templates, 24, 5);
            long alone = Math.round(source.size() * (1 - Evaluator.evaluate(c, source, "head").accuracy()));
            assertEquals(alone, r.rawWrong(), "digits read wrong alone");
            assertTrue(r.rawWrong() > 0 && r.hardRead() > 0, r.toString());
            assertTrue(r.easyRead() >= 24 * 10, r.toString());
            assertTrue(r.lostByScanning() < 0.01, "digits read right alone, wrong off the form: " + r);
            assertTrue(r.stillWrong() > 0.5, "digits read wrong alone, mostly wrong off the form too: " + r);
            assertEquals(r, ScanRoundTrip.measure(c, source, templates, 24, 5), "not deterministic");
        }
    }
}
