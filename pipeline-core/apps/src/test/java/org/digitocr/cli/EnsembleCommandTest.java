package org.digitocr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.digitocr.provenance.TrainingRecord;
import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.provenance.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code digit-ocr ensemble} on the two bundled models: one bundle whose answers are the mean logits of all their
 * networks.
 */
class EnsembleCommandTest {
    @Test
    void joinsModelsIntoOneThatAveragesTheirLogits(@TempDir Path dir) throws Exception {
        ModelBundle reference = TestData.bundledModel();
        ModelBundle forms = TestData.formsModel();
        Path out = dir.resolve("ensemble");
        CliTest.Run r = CliTest.run("ensemble", "--members=" + reference.dir() + "," + forms.dir(),
                "--model-out=" + out, "--validation-forms=4",
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
        assertEquals(2, members.size());
        assertEquals(forms.readCard().createdAt(), members.get(1).createdAt());
        assertEquals(forms.readCard().training(), members.get(1).training(), "members keep their records");
        assertTrue(card.metrics().get("testAccuracy") > 0.99, card.metrics().toString());
        assertTrue(ensemble.readReviewPolicy().threshold(0.005) > 0.5);

        LabelledDigits test = LabData.mnist().test().head(300);
        try (DigitClassifier e = DigitClassifier.load(ensemble); DigitClassifier a = DigitClassifier.load(reference);
             DigitClassifier b = DigitClassifier.load(forms)) {
            assertEquals(1 + formsNets, e.members());
            assertEquals(card.temperature(), e.temperature());
            double[][] ze = e.logits(test.images());
            double[][] za = a.logits(test.images());
            double[][] zb = b.logits(test.images());
            for (int i = 0; i < ze.length; i++) {
                for (int c = 0; c < 10; c++) {
                    assertEquals((za[i][c] + formsNets * zb[i][c]) / (1 + formsNets), ze[i][c], 1e-4,
                            "image " + i + " class " + c);
                }
            }
        }
    }
}
