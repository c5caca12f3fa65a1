package org.digitocr.train;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.calibrate.TemperatureScaling;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;

/**
 * Mean cross-entropy and accuracy of a network in inference mode on labelled digits (not-a-digit examples left
 * out), for per-epoch monitoring; runs on the product's inference engine.
 */
public record Score(double loss, double accuracy) {
    private static final int BATCH = DigitClassifier.MAX_BATCH;

    public static Score of(MultiLayerNetwork net, LabelledDigits data) {
        List<double[]> logits = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (DigitClassifier classifier = DigitClassifier.of(net, 1.0)) {
            for (int from = 0; from < data.size(); from += BATCH) {
                int n = Math.min(data.size(), from + BATCH) - from;
                float[] pixels = new float[n * DigitImages.PIXELS];
                for (int i = 0; i < n; i++) {
                    data.images().toFloats(from + i, pixels, i * DigitImages.PIXELS);
                }
                double[][] z = classifier.logits(pixels, n);
                for (int i = 0; i < n; i++) {
                    int label = data.labels()[from + i];
                    if (label != LabelledDigits.NOT_A_DIGIT) {
                        logits.add(z[i]);
                        labels.add(label);
                    }
                }
            }
        }
        if (labels.isEmpty()) {
            return new Score(0, 0);
        }
        double[][] z = logits.toArray(double[][]::new);
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        int correct = 0;
        for (int i = 0; i < z.length; i++) {
            int best = 0;
            for (int c = 1; c < z[i].length; c++) {
                if (z[i][c] > z[i][best]) {
                    best = c;
                }
            }
            correct += best == y[i] ? 1 : 0;
        }
        return new Score(TemperatureScaling.nll(z, y, 1.0), (double) correct / z.length);
    }
}
