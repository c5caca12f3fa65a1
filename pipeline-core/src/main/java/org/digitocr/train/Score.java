package org.digitocr.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.mnist.LabelledDigits;
import org.digitocr.model.Batches;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Mean cross-entropy and accuracy of a network in inference mode on labelled digits, for per-epoch monitoring. */
public record Score(double loss, double accuracy) {
    private static final int BATCH = 500;

    public static Score of(MultiLayerNetwork net, LabelledDigits data) {
        double nll = 0;
        int correct = 0;
        int counted = 0;
        for (int from = 0; from < data.size(); from += BATCH) {
            int to = Math.min(data.size(), from + BATCH);
            try (INDArray x = Batches.features(data.images(), from, to); INDArray out = net.output(x, false)) {
                float[] probs = out.dup('c').data().asFloat();
                for (int i = 0; i < to - from; i++) {
                    int label = data.labels()[from + i];
                    if (label == LabelledDigits.NOT_A_DIGIT) {
                        continue;
                    }
                    counted++;
                    int best = 0;
                    for (int c = 1; c < 10; c++) {
                        if (probs[i * 10 + c] > probs[i * 10 + best]) {
                            best = c;
                        }
                    }
                    correct += best == label ? 1 : 0;
                    nll -= Math.log(Math.max(1e-12, probs[i * 10 + label]));
                }
            }
        }
        return new Score(nll / Math.max(1, counted), (double) correct / Math.max(1, counted));
    }
}
