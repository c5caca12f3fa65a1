package org.digitocr.eval;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.digitocr.form.FormTemplate;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.DigitPrediction;
import org.digitocr.sample.ScannedDigits;

/**
 * What writing a digit on a form, scanning it and reading it back costs the classifier. Digits it reads right on
 * their own and digits it reads wrong are written on generated forms apart and read back through registration,
 * segmentation and normalisation, so that what the pipeline loses shows apart from what the network gets wrong
 * whatever the page.
 */
public final class ScanRoundTrip {
    private ScanRoundTrip() {
    }

    /**
     * The counts: {@code rawWrong} of {@code digits} read wrong on their own; of the others {@code easyRead} read
     * back off forms and {@code easyWrong} of them wrong; of the wrong ones {@code hardRead} read back and
     * {@code hardWrong} still wrong.
     */
    public record Result(int digits, int rawWrong, int easyRead, int easyWrong, int hardRead, int hardWrong) {
        public double rawError() {
            return rawWrong / (double) digits;
        }

        /** Share of digits read right on their own that the scanned form turns wrong. */
        public double lostByScanning() {
            return easyWrong / (double) Math.max(easyRead, 1);
        }

        /** Share of digits read wrong on their own that are still wrong off the scanned form. */
        public double stillWrong() {
            return hardWrong / (double) Math.max(hardRead, 1);
        }

        /** Error per digit off a scanned form when digits are drawn from the source at random. */
        public double scannedError() {
            return (1 - rawError()) * lostByScanning() + rawError() * stillWrong();
        }
    }

    /**
     * Reads {@code source} alone, then writes its right and its wrong digits on {@code forms} and {@code forms / 3}
     * generated pages (deterministic for {@code seed}) and reads them back.
     */
    public static Result measure(DigitClassifier classifier, LabelledDigits source, List<FormTemplate> templates,
                                 int forms, long seed) {
        List<DigitPrediction> alone = classifier.classify(source.images());
        int[] right = IntStream.range(0, source.size()).filter(i -> alone.get(i).digit() == source.labels()[i]).toArray();
        int[] wrong = IntStream.range(0, source.size()).filter(i -> alone.get(i).digit() != source.labels()[i]).toArray();
        boolean[] all = new boolean[10];
        Arrays.fill(all, true);
        int[] easy = readBack(classifier, source.select(right), all, templates, forms, seed);
        if (wrong.length == 0) {
            return new Result(source.size(), 0, easy[0], easy[1], 0, 0);
        }
        // The forms need every digit class; a class with no wrong digit is written with a right one, not counted.
        boolean[] hardClass = new boolean[10];
        IntStream.of(wrong).forEach(i -> hardClass[source.labels()[i]] = true);
        int[] padded = IntStream.concat(IntStream.of(wrong), IntStream.range(0, 10).filter(d -> !hardClass[d])
                .map(d -> IntStream.of(right).filter(i -> source.labels()[i] == d).findFirst().orElseThrow())).toArray();
        int[] hard = readBack(classifier, source.select(padded), hardClass, templates, Math.max(1, forms / 3), seed + 1);
        return new Result(source.size(), wrong.length, easy[0], easy[1], hard[0], hard[1]);
    }

    /** Digits of the counted classes read back off the forms, and how many of them were read wrong. */
    private static int[] readBack(DigitClassifier classifier, LabelledDigits digits, boolean[] counted,
                                  List<FormTemplate> templates, int forms, long seed) {
        LabelledDigits read = ScannedDigits.harvest(digits, templates, forms, seed).digits();
        List<DigitPrediction> p = classifier.classify(read.images());
        int[] mine = IntStream.range(0, read.size()).filter(i -> counted[read.labels()[i]]).toArray();
        int wrong = (int) IntStream.of(mine).filter(i -> p.get(i).digit() != read.labels()[i]).count();
        return new int[] {mine.length, wrong};
    }
}
