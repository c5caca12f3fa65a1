package org.digitocr.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.form.Box;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.DigitPrediction;
import org.digitocr.normalize.InkMap;
import org.digitocr.segment.DigitCrop;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;

/** Training digits read back off generated forms: labels that match the ink, and non-digits (touching pairs, fragments). */
class ScannedDigitsTest {
    @Test
    void aNarrowOneOverlappedByMoreThanItsWidthStillMakesATouchingPair() {
        DigitCrop one = crop(3, 30, 100);
        DigitCrop eight = crop(18, 30, 104);
        for (int seed = 0; seed < 200; seed++) {
            InkMap pair = ScannedDigits.touching(one, eight, new java.util.SplittableRandom(seed));
            assertTrue(pair.width() >= 18 && pair.height() >= 30, pair.width() + "x" + pair.height());
            double ink = 0;
            for (float v : pair.ink()) {
                ink += v;
            }
            assertTrue(ink >= 18 * 30, "the wider digit's ink is all there: " + ink);
        }
    }

    private static DigitCrop crop(int w, int h, int x) {
        float[] ink = new float[w * h];
        Arrays.fill(ink, 1f);
        return new DigitCrop(new InkMap(ink, w, h), new Box(x, 10, w, h));
    }

    @Test
    void harvestsLabelledDigitsAndNonDigits() throws Exception {
        List<FormTemplate> templates = new TemplateReader(CheckDigits.standard().names())
                .readAll(List.of(TestData.projectRoot().resolve("conf/templates")));
        LabelledDigits train = Mnist.split(LabData.mnist().train()).train();
        ScannedDigits.Harvest h = ScannedDigits.harvest(train, templates, 9, 3);
        ScannedDigits.Harvest again = ScannedDigits.harvest(train, templates, 9, 3);
        assertTrue(h.digits().size() >= 9 * 10, "digits: " + h.digits().size());
        assertTrue(h.notDigits().size() > 0, "no touching pairs or fragments");
        assertArrayEquals(h.digits().labels(), again.digits().labels());
        assertArrayEquals(h.digits().images().pixels(), again.digits().images().pixels(), "not deterministic");
        assertTrue(Arrays.stream(h.notDigits().labels()).allMatch(l -> l == LabelledDigits.NOT_A_DIGIT));

        try (DigitClassifier c = DigitClassifier.load(TestData.bundledModel())) {
            List<DigitPrediction> preds = c.classify(h.digits().images());
            long right = 0;
            for (int i = 0; i < preds.size(); i++) {
                right += preds.get(i).digit() == h.digits().labels()[i] ? 1 : 0;
            }
            assertTrue(right >= 0.95 * preds.size(), "labels do not match the ink: " + right + "/" + preds.size());
        }
        int wide = 0;
        float[] img = new float[DigitImages.PIXELS];
        for (int i = 0; i < h.notDigits().size(); i++) {
            h.notDigits().images().toFloats(i, img, 0);
            wide += inkWidth(img) > inkHeight(img) ? 1 : 0;
        }
        assertTrue(wide >= 0.4 * h.notDigits().size(), "touching pairs (wider than high) among the non-digits: " + wide + "/"
                + h.notDigits().size());
    }

    private static int inkWidth(float[] img) {
        int x0 = 28, x1 = -1;
        for (int i = 0; i < img.length; i++) {
            if (img[i] > 0.25f) {
                x0 = Math.min(x0, i % 28);
                x1 = Math.max(x1, i % 28);
            }
        }
        return x1 - x0 + 1;
    }

    private static int inkHeight(float[] img) {
        int y0 = 28, y1 = -1;
        for (int i = 0; i < img.length; i++) {
            if (img[i] > 0.25f) {
                y0 = Math.min(y0, i / 28);
                y1 = Math.max(y1, i / 28);
            }
        }
        return y1 - y0 + 1;
    }
}
