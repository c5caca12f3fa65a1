package org.digitocr.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.mnist.DigitImages;
import org.digitocr.mnist.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ReferenceCnn;

/**
 * Mean cross-entropy and accuracy of a network in inference mode on labelled digits (not-a-digit examples left
 * out), for per-epoch monitoring; runs on the product's inference engine.
 */
public record Score(double loss, double accuracy) {
    private static final int BATCH = DigitClassifier.MAX_BATCH;

    public static Score of(MultiLayerNetwork net, LabelledDigits data) {
        double nll = 0;
        int correct = 0;
        int counted = 0;
        int classes = ReferenceCnn.CLASSES;
        try (DigitClassifier classifier = DigitClassifier.of(net, 1.0)) {
            float[] pixels = new float[BATCH * DigitImages.PIXELS];
            for (int from = 0; from < data.size(); from += BATCH) {
                int n = Math.min(data.size(), from + BATCH) - from;
                for (int i = 0; i < n; i++) {
                    data.images().toFloats(from + i, pixels, i * DigitImages.PIXELS);
                }
                float[] z = classifier.rawLogits(n == BATCH ? pixels : java.util.Arrays.copyOf(pixels, n * DigitImages.PIXELS), n);
                for (int i = 0; i < n; i++) {
                    int label = data.labels()[from + i];
                    if (label == LabelledDigits.NOT_A_DIGIT) {
                        continue;
                    }
                    counted++;
                    int best = 0;
                    double max = z[i * classes];
                    for (int c = 1; c < classes; c++) {
                        if (z[i * classes + c] > z[i * classes + best]) {
                            best = c;
                        }
                        max = Math.max(max, z[i * classes + c]);
                    }
                    double norm = 0;
                    for (int c = 0; c < classes; c++) {
                        norm += Math.exp(z[i * classes + c] - max);
                    }
                    correct += best == label ? 1 : 0;
                    nll -= z[i * classes + label] - max - Math.log(norm);
                }
            }
        }
        return new Score(nll / Math.max(1, counted), (double) correct / Math.max(1, counted));
    }
}
