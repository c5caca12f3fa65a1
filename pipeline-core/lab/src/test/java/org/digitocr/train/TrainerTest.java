package org.digitocr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.digitocr.engine.ReferenceCnn;
import org.digitocr.provenance.TrainingRecord;
import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.eval.OtherWriters;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.provenance.ModelCard;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real training runs: checkpoints, resume, early-stopping bookkeeping, export, and fine-tuning on scanned-form digits. */
class TrainerTest {
    @Test
    void trainsChecksPointsResumesAndExports(@TempDir Path dir) throws Exception {
        Mnist mnist = LabData.mnist();
        Mnist.Split split = Mnist.split(mnist.train());
        LabelledDigits train = split.train().head(1024);
        LabelledDigits val = split.validation().head(500);
        TrainingConfig one = new TrainingConfig(1, 64, 2e-3, 1e-4, 3, 7, 1024, AugmentationConfig.defaults(), dir);
        Trainer.TrainingOutcome first = new Trainer(one, TrainingListener.NONE).train(train, val);
        assertEquals(1, first.state().epochsDone());
        assertTrue(Files.exists(dir.resolve(Trainer.CHECKPOINT)));
        assertTrue(Files.exists(dir.resolve(BackpropSteps.ADAM)), "Adam state saved beside the checkpoint");
        assertTrue(Files.exists(Trainer.bestModel(dir)));

        TrainingConfig two = new TrainingConfig(2, 64, 2e-3, 1e-4, 3, 7, 1024, AugmentationConfig.defaults(), dir);
        Trainer.TrainingOutcome second = new Trainer(two, TrainingListener.NONE).train(train, val);
        assertEquals(2, second.state().epochsDone());
        assertEquals(3, Files.readAllLines(Trainer.history(dir)).size());
        assertTrue(second.state().history().get(1).validationAccuracy() > 0.5,
                "validation accuracy " + second.state().history().get(1).validationAccuracy());

        Path straight = dir.resolve("straight");
        TrainingConfig through = new TrainingConfig(2, 64, 2e-3, 1e-4, 3, 7, 1024, AugmentationConfig.defaults(), straight);
        Trainer.TrainingOutcome uninterrupted = new Trainer(through, TrainingListener.NONE).train(train, val);
        assertEquals(uninterrupted.state().history().get(1).validationLoss(),
                second.state().history().get(1).validationLoss(),
                "a run resumed after epoch 1 draws the same augmentation and dropout as one that ran through");

        ModelBundle bundle = new ModelBundle(dir.resolve("model"));
        ModelExporter.Exported exported = ModelExporter.export(second, two, mnist, new TrainingSets(train, val, 0, 0, 0, 0, 0, 0, 0), mnist.test().head(500),
                OtherWriters.NONE, bundle);
        ModelCard card = ModelCard.read(bundle.card());
        assertTrue(card.temperature() > 0);
        assertEquals(exported.test().accuracy(), card.metrics().get("testAccuracy"));
        try (DigitClassifier c = DigitClassifier.load(bundle)) {
            assertEquals(card.temperature(), c.temperature());
        }
    }

    @Test
    void fineTunesTheBundledModelWithDigitsReadOffScannedForms(@TempDir Path dir) throws Exception {
        Mnist mnist = LabData.mnist();
        List<FormTemplate> templates = new TemplateReader(CheckDigits.standard().names())
                .readAll(List.of(TestData.projectRoot().resolve("conf/templates")));
        TrainingConfig cfg = new TrainingConfig(1, 64, 1e-5, 1e-5, 3, 5, 256, AugmentationConfig.none(), dir,
                TestData.bundledModel().dir(), 6, 0.25, 0, null, 0);
        TrainingSets sets = TrainingSets.of(cfg, mnist.train(), templates);
        assertTrue(sets.scannedTrain() > 0 && sets.notDigits() > 0 && sets.scannedValidation() > 0, sets.toString());
        assertEquals(64, sets.styledTrain());
        assertEquals(Mnist.VALIDATION_SIZE, sets.styledValidation());
        assertEquals(256 + sets.scannedTrain() + sets.notDigits() + 64, sets.train().size());
        assertEquals(2 * Mnist.VALIDATION_SIZE + sets.scannedValidation(), sets.validation().size());

        Trainer.TrainingOutcome outcome = new Trainer(cfg, TrainingListener.NONE).train(sets.train(), sets.validation());
        ModelBundle bundle = new ModelBundle(dir.resolve("model"));
        ModelExporter.Exported exported = ModelExporter.export(outcome, cfg, mnist, sets, mnist.test().head(1000),
                OtherWriters.NONE, bundle);
        assertTrue(exported.test().accuracy() >= 0.99, "a small step from the bundled model keeps its accuracy: "
                + exported.test().accuracy());
        ModelCard card = ModelCard.read(bundle.card());
        TrainingRecord.Start start = card.training().initialModel();
        assertEquals(TestData.bundledModel().dir().toString(), start.path());
        assertEquals(TestData.bundledModel().identity().id(), start.id());
        assertEquals(TestData.bundledModel().readCard().training(), start.training(), "the start's own record");
        assertEquals(ReferenceCnn.FROZEN_WHEN_FINE_TUNING, start.frozen());
        assertEquals(sets.notDigits(), card.training().examples().notDigits());
        assertEquals(sets.validation().size(), card.training().examples().validation());
        assertEquals(cfg.seed(), card.training().recipe().seed());
        assertEquals(cfg.augmentation().probability(), card.training().recipe().augmentation().get("probability"));
        assertEquals(outcome.state().epochsDone(), card.training().outcome().epochsRun());
        assertEquals(card, ModelCard.read(bundle.card()), "the card reads back as it was written");
    }
}
