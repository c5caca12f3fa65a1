package org.digitocr.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The numbers a model is judged by on one labelled data set: accuracy, top-2 accuracy, per-class precision and
 * recall, the confusion matrix (rows = true digit, columns = predicted) and calibration error with and
 * without temperature scaling.
 *
 * @param dataset               what was evaluated
 * @param examples              number of images
 * @param accuracy              top-1 accuracy
 * @param top2Accuracy          label among the two highest-ranked digits
 * @param secondChoiceRightWhenWrong share of top-1 errors where the second choice was the label
 * @param ece                   expected calibration error (15 bins) with the model's temperature
 * @param eceUncalibrated       the same at temperature 1
 * @param temperature           temperature used
 * @param meanConfidence        mean calibrated top-1 probability
 * @param classes               per-digit precision, recall and support
 * @param confusion             10x10 counts
 * @param imagesPerSecond       classification throughput during the evaluation
 */
public record Evaluation(
        String dataset,
        int examples,
        double accuracy,
        double top2Accuracy,
        double secondChoiceRightWhenWrong,
        double ece,
        double eceUncalibrated,
        double temperature,
        double meanConfidence,
        List<ClassMetrics> classes,
        int[][] confusion,
        double imagesPerSecond) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Precision, recall and F1 of one digit. */
    public record ClassMetrics(int digit, double precision, double recall, double f1, int support) {
    }

    public void writeJson(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static Evaluation readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Evaluation.class);
    }

    /** A plain-text summary: headline numbers, per-class table and confusion matrix. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Dataset: %s (%d images)%n", dataset, examples));
        b.append(String.format(Locale.ROOT, "Accuracy:        %.4f (%d errors)%n", accuracy,
                Math.round(examples * (1 - accuracy))));
        b.append(String.format(Locale.ROOT, "Top-2 accuracy:  %.4f (second choice right in %.1f%% of errors)%n",
                top2Accuracy, 100 * secondChoiceRightWhenWrong));
        b.append(String.format(Locale.ROOT, "ECE (15 bins):   %.4f calibrated (T=%.3f), %.4f uncalibrated%n",
                ece, temperature, eceUncalibrated));
        b.append(String.format(Locale.ROOT, "Mean confidence: %.4f%n", meanConfidence));
        b.append(String.format(Locale.ROOT, "Throughput:      %.0f images/s%n%n", imagesPerSecond));
        b.append("digit  precision  recall     f1  support\n");
        for (ClassMetrics c : classes) {
            b.append(String.format(Locale.ROOT, "%5d  %9.4f  %6.4f  %6.4f  %7d%n", c.digit(), c.precision(),
                    c.recall(), c.f1(), c.support()));
        }
        b.append("\nConfusion matrix (rows: true digit, columns: predicted)\n     ");
        for (int c = 0; c < confusion.length; c++) {
            b.append(String.format("%6d", c));
        }
        b.append('\n');
        for (int r = 0; r < confusion.length; r++) {
            b.append(String.format("%5d", r));
            for (int c = 0; c < confusion.length; c++) {
                b.append(String.format("%6d", confusion[r][c]));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
