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
 * never saw (MNIST test's) crossed or scribbled out. Each such reading is a value nobody wrote, accepted.
 */
public final class NotDigitReading {
    /** One kind of mark, what it was drawn from, how many were drawn and how many read surely as a digit. */
    public record Row(String name, String detail, int total, int sure) {
        public double share() {
            return total == 0 ? 0 : (double) sure / total;
        }
    }

    private NotDigitReading() {
    }

    /**
     * {@code count} marks of each kind (symbols of {@code fonts} unless it is null, {@code digits} crossed out,
     * {@code digits} scribbled out) read by {@code classifier}, counted sure at {@code threshold} or more.
     */
    public static List<Row> measure(DigitClassifier classifier, FontDigits fonts, LabelledDigits digits, int count,
                                    double threshold, long seed) {
        List<Row> rows = new ArrayList<>();
        if (fonts != null) {
            String symbols = fonts.drawable(NotDigitMarks.SYMBOLS);
            rows.add(row("symbols", symbols + " of " + String.join(", ", fonts.fontNames()), classifier, threshold,
                    count, i -> fonts.glyph(String.valueOf(symbols.charAt(i % symbols.length())),
                            new SplittableRandom(seed * 1_000_003L + i))));
        }
        rows.add(row("digits crossed out", "", classifier, threshold, count, i -> NotDigitMarks.crossedOut(digits,
                i % digits.size(), new SplittableRandom(seed * 1_000_033L + i))));
        rows.add(row("digits scribbled out", "", classifier, threshold, count, i -> NotDigitMarks.scribbledOut(digits,
                i % digits.size(), new SplittableRandom(seed * 1_000_037L + i))));
        return rows;
    }

    private static Row row(String name, String detail, DigitClassifier classifier, double threshold, int count,
                           IntFunction<float[]> mark) {
        float[] batch = new float[count * DigitImages.PIXELS];
        for (int i = 0; i < count; i++) {
            System.arraycopy(mark.apply(i), 0, batch, i * DigitImages.PIXELS, DigitImages.PIXELS);
        }
        int sure = 0;
        for (DigitPrediction p : classifier.classify(batch, count)) {
            if (p.probability() >= threshold) {
                sure++;
            }
        }
        return new Row(name, detail, count, sure);
    }
}
