package org.digitocr.eval;

import java.util.ArrayList;
import java.util.List;

import org.digitocr.calibrate.CalibrationError;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.DigitPrediction;

/** Runs a classifier over labelled digits and computes an {@link Evaluation}. */
public final class Evaluator {
    private Evaluator() {
    }

    public static Evaluation evaluate(DigitClassifier classifier, LabelledDigits data, String name) {
        long t0 = System.nanoTime();
        double[][] logits = classifier.logits(data.images());
        double seconds = (System.nanoTime() - t0) / 1e9;
        return fromLogits(logits, data.labels(), classifier.temperature(), name, data.size() / Math.max(seconds, 1e-9));
    }

    /** Computes every metric from logits and labels, at the given temperature. */
    public static Evaluation fromLogits(double[][] logits, int[] labels, double temperature, String name,
                                        double imagesPerSecond) {
        int n = labels.length;
        int[][] confusion = new int[10][10];
        double[] conf = new double[n];
        double[] rawConf = new double[n];
        boolean[] correct = new boolean[n];
        int right = 0;
        int top2 = 0;
        int secondRight = 0;
        double confSum = 0;
        for (int i = 0; i < n; i++) {
            DigitPrediction p = DigitPrediction.ofLogits(logits[i], temperature);
            DigitPrediction raw = DigitPrediction.ofLogits(logits[i], 1.0);
            confusion[labels[i]][p.digit()]++;
            correct[i] = p.digit() == labels[i];
            conf[i] = p.probability();
            rawConf[i] = raw.probability();
            confSum += p.probability();
            right += correct[i] ? 1 : 0;
            top2 += p.topTwoContains(labels[i]) ? 1 : 0;
            secondRight += !correct[i] && p.alternative() == labels[i] ? 1 : 0;
        }
        List<Evaluation.ClassMetrics> classes = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            int tp = confusion[d][d];
            int support = 0;
            int predicted = 0;
            for (int k = 0; k < 10; k++) {
                support += confusion[d][k];
                predicted += confusion[k][d];
            }
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes.add(new Evaluation.ClassMetrics(d, precision, recall, f1, support));
        }
        int wrong = n - right;
        return new Evaluation(name, n, (double) right / n, (double) top2 / n,
                wrong == 0 ? 0 : (double) secondRight / wrong,
                CalibrationError.expected(conf, correct, CalibrationError.DEFAULT_BINS),
                CalibrationError.expected(rawConf, correct, CalibrationError.DEFAULT_BINS),
                temperature, confSum / n, List.copyOf(classes), confusion, imagesPerSecond);
    }
}
