package org.digitocr.extract;

import org.digitocr.model.DigitPrediction;

/** One digit of a field as output: the digit, its calibrated probability, and the runner-up with its own. */
public record DigitReading(int digit, double prob, int alt, double altProb) {
    public static DigitReading of(DigitPrediction p) {
        return new DigitReading(p.digit(), p.probability(), p.alternative(), p.alternativeProbability());
    }
}
