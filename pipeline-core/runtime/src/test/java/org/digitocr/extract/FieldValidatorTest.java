package org.digitocr.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FieldType;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;

class FieldValidatorTest {
    private final FieldValidator validator = new FieldValidator(CheckDigits.standard());
    private final FieldSpec account = new FieldSpec("account", new Box(0, 0, 100, 10), 0,
            Optional.of(Pattern.compile("[0-9]{11}")), Optional.of("luhn"));

    @Test
    void namesEachFailedRule() {
        assertEquals(List.of(), validator.failures(account, "79927398713"));
        assertEquals(List.of(ReviewReason.Code.CHECK_DIGIT), validator.failures(account, "79927398710"));
        assertEquals(List.of(ReviewReason.Code.PATTERN, ReviewReason.Code.CHECK_DIGIT), validator.failures(account, "7992739871"));
    }

    @Test
    void suggestsTheMostProbableSingleChangeThatPassesTheCheck() {
        // read 79927398710 where the last digit's third choice, 3, was right: its second, 8, fails the check too
        String read = "79927398710";
        List<double[]> dists = reading(read, 0.991);
        double[] last = dists.get(10);
        last[0] = 0.5;
        last[8] = 0.293;
        last[3] = 0.2;
        assertEquals(Optional.of("79927398713"), validator.repair(account, read, dists));
    }

    @Test
    void describesARepairForPeople() {
        assertEquals("read 79927398710, which fails its check digit (luhn); digit 11 taken as 3 instead of 0",
                FieldValidator.describeRepair("79927398710", "79927398713", List.of(ReviewReason.Code.CHECK_DIGIT),
                        account));
    }

    @Test
    void aValueThatPassesItsCheckIsAsSureAsItIsAmongPassingValues() {
        // every digit sure but the last, torn between 3 (read) and 0; a 0 there would fail the check
        String read = "79927398713";
        List<double[]> dists = reading(read, 1);
        dists.get(10)[3] = 0.6;
        dists.get(10)[0] = 0.4;
        assertEquals(1.0, validator.confidence(account, read, dists), 1e-12);
        FieldSpec unchecked = new FieldSpec("ref", new Box(0, 0, 100, 10), 0, Optional.empty(), Optional.empty());
        assertEquals(0.6, validator.confidence(unchecked, read, dists), 1e-12);
        // read as the failing 0, the value gets no help from the check
        assertEquals(0.4, validator.confidence(account, "79927398710", dists), 1e-12);
        // a second unsure digit whose other choice, with the last digit's, passes too: 79927398770
        dists.get(9)[1] = 0.7;
        dists.get(9)[7] = 0.3;
        assertEquals(0.42 / (0.42 + 0.12), validator.confidence(account, read, dists), 1e-12);
        assertEquals(0, validator.confidence(account, "", List.of()));
    }

    @Test
    void noSuggestionWhenNoSingleChangePasses() {
        // a digit short of the pattern: no change of one digit makes it fit
        String read = "7992739871";
        assertTrue(validator.repair(account, read, reading(read, 0.55)).isEmpty());
    }

    @Test
    void aDateIsAsSureAsItIsAmongTheCalendarDatesOfItsYears() {
        FieldType.Date years = new FieldType.Date(2000, 2099);
        FieldSpec date = new FieldSpec("date", new Box(0, 0, 80, 10), 8, Optional.empty(), Optional.empty(), years);
        // 19/12/2024 with its month's 1 torn between 1 and 4 (no month starts with 4) and its year's last
        // digit between 4 and 9 (2029 is a date too)
        String read = "19122024";
        List<double[]> dists = reading(read, 0.99);
        dists.get(2)[1] = 0.6;
        dists.get(2)[4] = 0.4 - 8 * (0.01 / 9);
        dists.get(7)[4] = 0.7;
        dists.get(7)[9] = 0.3 - 8 * (0.01 / 9);
        double joint = 1;
        for (int i = 0; i < 8; i++) {
            joint *= dists.get(i)[read.charAt(i) - '0'];
        }
        double passing = 0;
        // every DDMMYYYY with a year of the century, day and month up to 99, that the calendar takes
        for (int v = 0; v < 100 * 100 * 100; v++) {
            String d = String.format(java.util.Locale.ROOT, "%02d%02d20%02d", v / 10_000, v / 100 % 100, v % 100);
            if (FieldValidator.dateFailure(years, d).isEmpty()) {
                double p = 1;
                for (int i = 0; i < 8; i++) {
                    p *= dists.get(i)[d.charAt(i) - '0'];
                }
                passing += p;
            }
        }
        assertEquals(passing, FieldValidator.datePassProbability(years, dists), 1e-12);
        double sure = validator.confidence(date, read, dists);
        assertEquals(joint / passing, sure, 1e-12);
        assertTrue(sure > joint / 0.6 * 0.9, "the 4 that no month starts with takes nothing: " + sure);
        assertTrue(sure < 0.71, "2029 is as much a date as 2024: " + sure);
        // a reading that is no date gets no help
        assertEquals(0.4 - 8 * (0.01 / 9), validator.confidence(date, "19422024", dists) / (joint / 0.6), 1e-9);
    }

    /** One distribution per digit of {@code read}: the digit read at {@code prob}, the other nine sharing the rest. */
    private static List<double[]> reading(String read, double prob) {
        List<double[]> dists = new java.util.ArrayList<>();
        for (char c : read.toCharArray()) {
            double[] p = new double[10];
            java.util.Arrays.fill(p, (1 - prob) / 9);
            p[c - '0'] = prob;
            dists.add(p);
        }
        return dists;
    }
}
