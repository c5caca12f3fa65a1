package org.digitocr.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Choosing how many digits touching ink holds, from the classifier's calibrated probabilities. */
class ReadingChoiceTest {
    private static DigitReading d(int digit, double p) {
        return new DigitReading(digit, p, (digit + 1) % 10, 1 - p);
    }

    @Test
    void twoSureDigitsBeatOneUnsureDigit() {
        assertEquals(1, ReadingChoice.best(List.of(List.of(d(4, 0.90)), List.of(d(1, 0.99), d(4, 0.995)))));
    }

    @Test
    void unsureFragmentsLoseToAWholeDigit() {
        assertEquals(0, ReadingChoice.best(List.of(List.of(d(0, 0.99)), List.of(d(6, 0.55), d(1, 0.7)))));
    }

    @Test
    void thePreferredReadingKeepsNearTies() {
        assertEquals(0, ReadingChoice.best(List.of(List.of(d(3, 0.99), d(5, 0.99)), List.of(d(8, 0.995)))));
    }
}
