package org.digitocr.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
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
    void suggestsTheSecondChoiceThatPassesTheCheck() {
        // read 79927398710 where the last digit's second choice, 3, was right
        String read = "79927398710";
        List<DigitReading> digits = new java.util.ArrayList<>();
        for (int i = 0; i < read.length(); i++) {
            int d = read.charAt(i) - '0';
            digits.add(i == 10 ? new DigitReading(0, 0.55, 3, 0.40) : new DigitReading(d, 0.99, (d + 5) % 10, 0.005));
        }
        assertEquals(Optional.of("79927398713"), validator.repair(account, digits));
    }

    @Test
    void noSuggestionWhenNoSingleChangePasses() {
        List<DigitReading> digits = new java.util.ArrayList<>();
        for (char c : "11111111111".toCharArray()) {
            digits.add(new DigitReading(c - '0', 0.9, 1, 0.05));
        }
        assertTrue(validator.repair(account, digits).isEmpty());
    }
}
