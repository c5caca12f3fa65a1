package org.digitocr.engine;

import org.digitocr.model.DigitClassifier;
import org.digitocr.model.DigitPrediction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.image.LabelledDigits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The folded inference network computes what DL4J computes, on real MNIST test digits and the bundled model, also
 * with batches split over threads and several callers at once.
 */
class FoldedCnnTest {
    @ParameterizedTest(name = "winograd {0}")
    @ValueSource(booleans = {true, false})
    void foldedLogitsEqualDl4jLogits(boolean winograd) {
        MultiLayerNetwork net = TestData.bundledModel().readNetwork();
        LogitsEngines.useLogits(net);
        LabelledDigits test = LabData.mnist().test().head(1000);
        float[] pixels = test.images().toFloats();
        float[] expected;
        try (INDArray x = Batches.features(pixels, test.size()); INDArray y = net.output(x, false)) {
            expected = y.dup('c').data().asFloat();
        }
        FoldedCnn folded = FoldedCnn.of(net);
        float[] got = new float[expected.length];
        try (FoldedCnnRunner runner = new FoldedCnnRunner(folded, winograd)) {
            runner.logits(pixels, 0, 37, got);
            runner.logits(pixels, 37, test.size() - 37, got);
        }
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
        }
        assertTrue(worst < 1e-4, "largest relative difference " + worst);
        for (int i = 0; i < test.size(); i++) {
            assertEquals(argmax(expected, i), argmax(got, i), "image " + i);
        }
    }

    @Test
    void concurrentCallersSplittingBatchesOverThreadsGetDl4jsPredictions() throws Exception {
        LabelledDigits test = LabData.mnist().test().head(300);
        try (DigitClassifier folded = DigitClassifier.load(TestData.bundledModel(), 2, InferenceEngine.FOLDED);
             DigitClassifier dl4j = DigitClassifier.load(TestData.bundledModel(), 1, InferenceEngine.DL4J)) {
            assertEquals(InferenceEngine.FOLDED, folded.engine());
            List<DigitPrediction> expected = dl4j.classify(test.images());
            var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                List<java.util.concurrent.Future<List<DigitPrediction>>> runs = new java.util.ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    runs.add(pool.submit(() -> folded.classify(test.images())));
                }
                for (var run : runs) {
                    List<DigitPrediction> got = run.get();
                    for (int i = 0; i < expected.size(); i++) {
                        assertEquals(expected.get(i).digit(), got.get(i).digit(), "image " + i);
                        assertEquals(expected.get(i).alternative(), got.get(i).alternative(), "image " + i);
                        assertEquals(expected.get(i).probability(), got.get(i).probability(), 1e-4, "image " + i);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void refusesANetworkOfAnotherShape() {
        MultiLayerNetwork other = new MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .list().layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(784).nOut(10).build())
                .build());
        other.init();
        assertThrows(IllegalArgumentException.class, () -> FoldedCnn.of(other));
    }

    private static int argmax(float[] v, int row) {
        int best = 0;
        for (int c = 1; c < 10; c++) {
            if (v[row * 10 + c] > v[row * 10 + best]) {
                best = c;
            }
        }
        return best;
    }
}
