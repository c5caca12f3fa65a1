package org.digitocr.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;

/** Review thresholds fitted on the fields of forms written with MNIST validation digits, read by the forms model. */
class ValidationFormsTest {
    @Test
    void fitsThresholdsOnFieldsReadOffGeneratedForms() {
        List<FormTemplate> templates = new TemplateReader(CheckDigits.standard().names())
                .readAll(List.of(TestData.projectRoot().resolve("conf/templates")));
        LabelledDigits digits = Mnist.split(LabData.mnist().train()).validation();
        ValidationForms forms = new ValidationForms(digits, "MNIST validation digits", templates, 40, 3);
        try (DigitClassifier c = DigitClassifier.load(TestData.formsModel(), 2)) {
            ReviewPolicy p = forms.fit(c);
            assertEquals(forms.describe(), p.fittedOn());
            ReviewPolicyFitterTest.assertMeetsEveryTarget(p);
            ReviewPolicy.Point lax = p.points().get(p.points().size() - 1);
            assertTrue(lax.acceptRate() > 0.5 && lax.acceptRate() < 1, "MNIST's own writers at 5% error: " + lax);
            assertEquals(p, forms.fit(c), "not deterministic");
        }
    }
}
