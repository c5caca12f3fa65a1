package org.digitocr.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.DigitPrediction;
import org.digitocr.sample.FontDigits;
import org.digitocr.sample.NotDigitMarks;

/**
 * How often marks that are not digits are read as a digit surely enough to be accepted as a one-digit field:
 * symbols drawn from the fonts training never draws from ({@link NotDigitMarks#HELD_OUT}), and digits training
 * never saw (MNIST test's) crossed or scribbled out. Each such reading is a value nobody wrote, accepted. With a
 * {@link Gate}, a mark counts only when a second model reads it surely too, and the digits themselves are counted
 * the same way: what a "not a digit" signal beside the classifier would stop, and what it would cost.
 */
public final class NotDigitReading {
    /** One kind of mark, what it was drawn from, how many were drawn and how many read surely as a digit. */
    public record Row(String name, String detail, int total, int sure) {
        public double share() {
            return total == 0 ? 0 : (double) sure / total;
        }
    }

    /** A second model whose calibrated confidence must also reach {@code level} for a reading to count as sure. */
    public record Gate(DigitClassifier classifier, double level) {
    }

    private NotDigitReading() {
    }

    /**
     * {@code count} marks of each kind (symbols of {@code fonts} unless it is null, {@code digits} crossed out,
     * {@code digits} scribbled out) read by {@code classifier}, counted sure at {@code threshold} or more and, when
     * {@code gate} is not null, only if the gate reads them surely too; with a gate, a last row counts all of
     * {@code digits} read surely (as their own label or not) by both.
     */
    public static List<Row> measure(DigitClassifier classifier, Gate gate, FontDigits fonts, LabelledDigits digits,
                                    int count, double threshold, long seed) {
        List<Row> rows = new ArrayList<>();
        if (fonts != null) {
            String symbols = fonts.drawable(NotDigitMarks.SYMBOLS);
            rows.add(row("symbols", symbols + " of " + String.join(", ", fonts.fontNames()), classifier, gate, threshold,
                    count, i -> fonts.glyph(String.valueOf(symbols.charAt(i % symbols.length())),
                            new SplittableRandom(seed * 1_000_003L + i))));
        }
        rows.add(row("digits crossed out", "", classifier, gate, threshold, count, i -> NotDigitMarks.crossedOut(digits,
                i % digits.size(), new SplittableRandom(seed * 1_000_033L + i))));
        rows.add(row("digits scribbled out", "", classifier, gate, threshold, count, i -> NotDigitMarks.scribbledOut(digits,
                i % digits.size(), new SplittableRandom(seed * 1_000_037L + i))));
        if (gate != null) {
            float[] px = new float[DigitImages.PIXELS];
            rows.add(row("the digits themselves", "", classifier, gate, threshold, digits.size(), i -> {
                digits.images().toFloats(i, px, 0);
                return px;
            }));
        }
        return rows;
    }

    private static Row row(String name, String detail, DigitClassifier classifier, Gate gate, double threshold,
                           int count, IntFunction<float[]> mark) {
        float[] batch = new float[count * DigitImages.PIXELS];
        for (int i = 0; i < count; i++) {
            System.arraycopy(mark.apply(i), 0, batch, i * DigitImages.PIXELS, DigitImages.PIXELS);
        }
        List<DigitPrediction> read = classifier.classify(batch, count);
        List<DigitPrediction> gated = gate == null ? null : gate.classifier().classify(batch, count);
        int sure = 0;
        for (int i = 0; i < count; i++) {
            if (read.get(i).probability() >= threshold && (gated == null || gated.get(i).probability() >= gate.level())) {
                sure++;
            }
        }
        return new Row(name, detail, count, sure);
    }
}
