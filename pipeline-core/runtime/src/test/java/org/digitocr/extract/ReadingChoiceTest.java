package org.digitocr.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.digitocr.form.Box;
import org.digitocr.normalize.InkMap;
import org.digitocr.segment.DigitCrop;
import org.digitocr.segment.FieldSegments;
import org.junit.jupiter.api.Test;

/** Choosing the path through a field's segmentation lattice from the classifier's calibrated probabilities. */
class ReadingChoiceTest {
    private static final DigitCrop INK = new DigitCrop(new InkMap(new float[] {1f}, 1, 1), new Box(0, 0, 1, 1));

    private static DigitReading d(int digit, double p) {
        return new DigitReading(digit, p, (digit + 1) % 10, 1 - p);
    }

    /** A lattice over {@code units} and the readings of its candidates, built one candidate at a time. */
    private static final class Lattice {
        final List<FieldSegments.Candidate> candidates = new ArrayList<>();
        final List<List<DigitReading>> readings = new ArrayList<>();

        Lattice add(int from, int to, boolean preferred, DigitReading... digits) {
            candidates.add(new FieldSegments.Candidate(from, to, List.of(digits).stream().map(x -> INK).toList(),
                    preferred));
            readings.add(List.of(digits));
            return this;
        }

        List<Integer> best(int units) {
            return choose(units, v -> true).path();
        }

        ReadingChoice.Choice choose(int units, Predicate<String> fits) {
            return ReadingChoice.best(new FieldSegments(units, candidates, false, List.of()), readings, fits);
        }
    }

    @Test
    void twoSureDigitsBeatOneUnsureDigit() {
        assertEquals(List.of(1), new Lattice().add(0, 1, true, d(4, 0.56)).add(0, 1, false, d(4, 0.99), d(1, 0.99))
                .best(1));
    }

    @Test
    void unsureFragmentsLoseToAWholeDigit() {
        assertEquals(List.of(0), new Lattice().add(0, 1, true, d(0, 0.99)).add(0, 1, false, d(6, 0.55), d(1, 0.7))
                .best(1));
    }

    @Test
    void thePreferredReadingKeepsNearTies() {
        assertEquals(List.of(0), new Lattice().add(0, 1, true, d(3, 0.99), d(5, 0.99)).add(0, 1, false, d(8, 0.995))
                .best(1));
    }

    @Test
    void twoStrokesOfOneDigitAreJoinedAcrossUnits() {
        // 9, then a 4 written in two strokes that alone read as an unsure 6 and 1
        Lattice l = new Lattice().add(0, 1, true, d(9, 0.99)).add(1, 2, true, d(6, 0.4)).add(2, 3, true, d(1, 0.49))
                .add(1, 3, false, d(4, 0.97));
        assertEquals(List.of(0, 3), l.best(3));
    }

    @Test
    void separateDigitsStaySeparateWhenEachIsSure() {
        Lattice l = new Lattice().add(0, 1, true, d(1, 0.99)).add(1, 2, true, d(7, 0.98)).add(0, 2, false, d(4, 0.9));
        assertEquals(List.of(0, 1), l.best(2));
    }

    @Test
    void aPatternThatBoundsTheLengthPicksTheBestPathOfAnAllowedLength() {
        // an 8 whose loops read as a sure 5 and 1 makes "3351" one digit too long for a 3-digit pattern
        Lattice l = new Lattice().add(0, 1, true, d(3, 0.99)).add(1, 2, true, d(3, 0.98))
                .add(2, 3, true, d(8, 0.6)).add(2, 3, false, d(5, 0.97), d(1, 0.97));
        assertEquals(List.of(0, 1, 3), l.best(3));
        ReadingChoice.Choice fitted = l.choose(3, v -> v.matches("[0-9]{1,3}"));
        assertEquals(List.of(0, 1, 2), fitted.path());
        assertTrue(fitted.fitted());
    }

    @Test
    void aReadingThatFitsThePatternIsNotOverruled() {
        Lattice l = new Lattice().add(0, 1, true, d(8, 0.6)).add(0, 1, false, d(5, 0.97), d(1, 0.97));
        ReadingChoice.Choice c = l.choose(1, v -> v.matches("[0-9]{1,3}"));
        assertEquals(List.of(1), c.path());
        assertFalse(c.fitted());
    }

    @Test
    void whenNoPathFitsTheMostProbableOneIsKept() {
        Lattice l = new Lattice().add(0, 1, true, d(8, 0.6)).add(0, 1, false, d(5, 0.97), d(1, 0.97));
        ReadingChoice.Choice c = l.choose(1, v -> v.length() == 3);
        assertEquals(List.of(1), c.path());
        assertFalse(c.fitted());
    }
}
