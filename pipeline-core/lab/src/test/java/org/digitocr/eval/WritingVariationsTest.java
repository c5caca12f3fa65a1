package org.digitocr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.junit.jupiter.api.Test;

/** MNIST test digits redrawn with other pens, slants and strokes, or captured on a grid, read by the forms model. */
class WritingVariationsTest {
    @Test
    void readsDigitsWrittenWithOtherPensAndSlants() {
        LabelledDigits digits = LabData.mnist().test().head(400);
        try (DigitClassifier c = DigitClassifier.load(TestData.formsModel())) {
            List<WritingVariations.Variation> v = WritingVariations.measure(c, digits);
            assertEquals(19, v.size(), v.toString());
            double plain = Evaluator.evaluate(c, digits, "head").accuracy();
            assertEquals("as written", v.get(0).name());
            assertEquals(plain, v.get(0).accuracy(), 0.01, "enlarged and normalised again, the digits read as they are");
            for (WritingVariations.Variation each : v.subList(0, 10)) {
                assertEquals(digits.size(), each.total());
                assertTrue(each.accuracy() >= 0.95, "read no worse than 95% " + each);
            }
            for (WritingVariations.Variation each : v.subList(10, 16)) {
                int digit = each.name().charAt(0) - '0';
                assertEquals(Arrays.stream(digits.labels()).filter(l -> l == digit).count(), each.total(), each.name());
                assertTrue(each.accuracy() >= 0.8, "other hands' strokes read no worse than 80% " + each);
            }
            for (WritingVariations.Variation each : v.subList(16, 19)) {
                assertEquals(digits.size(), each.total());
                assertTrue(each.accuracy() >= 0.9, "captured on a coarse grid, read no worse than 90% " + each);
            }
            assertEquals(v, WritingVariations.measure(c, digits), "not deterministic");
        }
    }
}
