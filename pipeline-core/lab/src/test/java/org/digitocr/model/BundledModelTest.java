package org.digitocr.model;

import org.digitocr.provenance.TrainingRecord;
import org.digitocr.engine.ReferenceCnn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.image.LabelledDigits;
import org.digitocr.provenance.ModelCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled models: accuracy, calibrated distributions, cards, thread safety. */
class BundledModelTest {
    static DigitClassifier classifier;
    static LabelledDigits first2000;
    static List<DigitPrediction> predictions;

    @BeforeAll
    static void load() {
        classifier = DigitClassifier.load(TestData.bundledModel(), 2);
        first2000 = LabData.mnist().test().head(2000);
        predictions = classifier.classify(first2000.images());
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void classifiesFirst2000TestImagesAtLeast99Percent() {
        int right = 0;
        int top2 = 0;
        for (int i = 0; i < predictions.size(); i++) {
            right += predictions.get(i).digit() == first2000.labels()[i] ? 1 : 0;
            top2 += predictions.get(i).topTwoContains(first2000.labels()[i]) ? 1 : 0;
        }
        assertTrue(right >= 0.99 * 2000, "accuracy " + right / 2000.0);
        assertTrue(top2 >= 0.998 * 2000, "top-2 accuracy " + top2 / 2000.0);
    }

    @Test
    void probabilitiesAreCalibratedDistributions() {
        assertTrue(classifier.temperature() > 0);
        for (DigitPrediction p : predictions) {
            double sum = 0;
            for (double v : p.distribution()) {
                assertTrue(v >= 0 && v <= 1);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9);
            assertTrue(p.probability() >= p.alternativeProbability());
            assertEquals(p.distribution()[p.digit()], p.probability());
            assertEquals(p.distribution()[p.alternative()], p.alternativeProbability());
            assertTrue(p.digit() != p.alternative());
        }
    }

    @Test
    void cardDescribesTheModel() {
        ModelCard card = classifier.card();
        assertEquals(ReferenceCnn.PARAMETERS, card.parameters());
        assertEquals(4, card.data().stream().filter(d -> d.file().contains("ubyte") && !d.role().contains("measured only"))
                .count(), "MNIST's four files: " + card.data());
        assertTrue(card.data().stream().filter(d -> d.role().contains("measured only")).count() <= 2,
                "other writers' images and labels, measured only: " + card.data());
        assertTrue(card.metrics().get("testAccuracy") > 0.99);
        assertEquals(card.temperature(), classifier.temperature());
    }

    @Test
    void concurrentCallersGetTheSameAnswers() throws Exception {
        LabelledDigits some = first2000.head(200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<DigitPrediction>>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> classifier.classify(some.images())));
            }
            for (Future<List<DigitPrediction>> f : runs) {
                List<DigitPrediction> got = f.get();
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(predictions.get(i).digit(), got.get(i).digit());
                    assertEquals(predictions.get(i).probability(), got.get(i).probability(), 1e-5);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theFormsModelSaysWhatItsMembersWereTrainedOnAndReadsMnist() {
        try (DigitClassifier forms = DigitClassifier.load(TestData.formsModel(), 1)) {
            ModelCard card = forms.card();
            List<TrainingRecord.Member> members = card.training().ensemble().members();
            assertEquals(members.size(), forms.members());
            assertTrue(forms.members() >= 2, "the forms model is an ensemble");
            for (TrainingRecord.Member m : members) {
                TrainingRecord.Examples examples = m.training().examples();
                assertTrue(examples.scannedForms() > 0);
                assertTrue(examples.scannedTrain() > 10_000);
                assertTrue(examples.notDigits() > 1_000);
                assertTrue(m.training().outcome().epochsRun() > 0);
                assertEquals("Adam", m.training().recipe().optimizer());
            }
            assertTrue(card.metrics().get("testAccuracy") > 0.99);
            List<DigitPrediction> p = forms.classify(first2000.images());
            int right = 0;
            for (int i = 0; i < p.size(); i++) {
                right += p.get(i).digit() == first2000.labels()[i] ? 1 : 0;
            }
            assertTrue(right >= 0.99 * 2000, "accuracy " + right / 2000.0);
        }
    }
}
