package org.digitocr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.digitocr.TestData;
import org.digitocr.mnist.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.provenance.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real training run: checkpoints, resume, early-stopping bookkeeping and export. */
class TrainerTest {
    @Test
    void trainsChecksPointsResumesAndExports(@TempDir Path dir) throws Exception {
        Mnist mnist = TestData.mnist();
        Mnist.Split split = Mnist.split(mnist.train());
        LabelledDigits train = split.train().head(1024);
        LabelledDigits val = split.validation().head(500);
        TrainingConfig one = new TrainingConfig(1, 64, 2e-3, 1e-4, 3, 7, 1024, AugmentationConfig.defaults(), dir);
        Trainer.TrainingOutcome first = new Trainer(one, TrainingListener.NONE).train(train, val);
        assertEquals(1, first.state().epochsDone());
        assertTrue(Files.exists(dir.resolve(Trainer.CHECKPOINT)));
        assertTrue(Files.exists(Trainer.bestModel(dir)));

        TrainingConfig two = new TrainingConfig(2, 64, 2e-3, 1e-4, 3, 7, 1024, AugmentationConfig.defaults(), dir);
        Trainer.TrainingOutcome second = new Trainer(two, TrainingListener.NONE).train(train, val);
        assertEquals(2, second.state().epochsDone());
        assertEquals(3, Files.readAllLines(Trainer.history(dir)).size());
        assertTrue(second.state().history().get(1).validationAccuracy() > 0.5,
                "validation accuracy " + second.state().history().get(1).validationAccuracy());

        ModelBundle bundle = new ModelBundle(dir.resolve("model"));
        ModelExporter.Exported exported = ModelExporter.export(second, two, mnist, train.size(), val, mnist.test().head(500), bundle);
        ModelCard card = ModelCard.read(bundle.card());
        assertTrue(card.temperature() > 0);
        assertEquals(exported.test().accuracy(), card.metrics().get("testAccuracy"));
        assertTrue(java.nio.file.Files.isRegularFile(bundle.dir().resolve(ModelExporter.REPORT).resolve("report.html")),
                "the evaluation report is written next to the model");
        try (DigitClassifier c = DigitClassifier.load(bundle)) {
            assertEquals(card.temperature(), c.temperature());
        }
    }
}
