package org.digitocr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.digitocr.provenance.TrainingRecord;
import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.provenance.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code digit-ocr ensemble} on the two bundled models: one bundle whose networks answer together with the mean
 * of their logits, broad digits also read thinned.
 */
class EnsembleCommandTest {
    @Test
    void joinsModelsIntoOneThatAveragesTheirLogits(@TempDir Path dir) throws Exception {
        ModelBundle reference = TestData.bundledModel();
        ModelBundle forms = TestData.formsModel();
        Path out = dir.resolve("ensemble");
        CliTest.Run r = CliTest.run("ensemble", "--members=" + reference.dir() + "," + forms.dir(),
                "--model-out=" + out, "--validation-forms=4", "--policy-forms=12",
                "--templates=" + TestData.projectRoot().resolve("conf/templates"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Ensemble written to"), r.out());

        ModelBundle ensemble = new ModelBundle(out);
        int formsNets = forms.networks().size();
        assertEquals(1 + formsNets, ensemble.networks().size(), "a member ensemble brings all its networks");
        assertEquals(out.resolve("model-2.zip"), ensemble.networks().get(1));
        assertThrows(IllegalArgumentException.class, ensemble::readNetwork, "an ensemble is not one network");
        ModelCard card = ensemble.readCard();
        List<TrainingRecord.Member> members = card.training().ensemble().members();
        assertEquals(1 + formsNets, members.size(), "a member ensemble brings its members' records");
        assertEquals(reference.readCard().training(), members.get(0).training(), "members keep their records");
        assertEquals(forms.readCard().training().ensemble().members(), members.subList(1, members.size()));
        assertTrue(card.metrics().get("testAccuracy") > 0.99, card.metrics().toString());
        ReviewPolicy policy = ensemble.readReviewPolicy();
        assertTrue(policy.threshold(0.005) > 0.5);
        assertTrue(policy.fittedOn().startsWith("the fields of 12 generated forms"), policy.fittedOn());
        assertTrue(card.split().contains("review thresholds on the fields of 12 generated forms"), card.split());
        assertNotNull(card.penNormalization(), "by default broad digits are also read thinned");
        assertTrue(card.penNormalization().thickStrokeWidth() > 3 && card.penNormalization().thickStrokeWidth() < 5,
                "broader than 90% of MNIST's pens: " + card.penNormalization());

        LabelledDigits test = LabData.mnist().test().head(300);
        try (DigitClassifier e = DigitClassifier.load(ensemble); DigitClassifier a = DigitClassifier.load(reference);
             DigitClassifier b = DigitClassifier.load(forms)) {
            assertEquals(1 + formsNets, e.members());
            assertEquals(card.temperature(), e.temperature());
            float[] px = test.images().toFloats();
            float[] ze = e.rawLogits(px, test.size());
            float[] za = a.rawLogits(px, test.size());
            float[] zb = b.rawLogits(px, test.size());
            for (int i = 0; i < ze.length; i++) {
                assertEquals((za[i] + formsNets * zb[i]) / (1 + formsNets), ze[i], 1e-4,
                        "image " + i / 10 + " class " + i % 10);
            }
        }
    }

    @Test
    void calibratesOneModelAnewKeepingItsRecordAndHistory(@TempDir Path dir) throws Exception {
        ModelBundle reference = TestData.bundledModel();
        Path out = dir.resolve("recalibrated");
        CliTest.Run r = CliTest.run("ensemble", "--members=" + reference.dir(), "--model-out=" + out,
                "--validation-forms=4", "--policy-forms=0",
                "--templates=" + TestData.projectRoot().resolve("conf/templates"));
        assertEquals(0, r.code(), r.err());
        ModelBundle again = new ModelBundle(out);
        assertEquals(1, again.networks().size());
        ModelCard card = again.readCard();
        ModelCard before = reference.readCard();
        assertEquals(before.name(), card.name());
        assertEquals(before.training(), card.training(), "its own training record");
        assertTrue(card.split().contains("calibrated anew from " + reference.dir()), card.split());
        assertNotNull(card.penNormalization());
        assertEquals(Files.readString(reference.history()), Files.readString(again.history()), "its history");
        assertTrue(again.readReviewPolicy().fittedOn().contains("synthetic fields"),
                "without forms, thresholds on fields drawn from the validation digits");
    }
}
