package org.digitocr.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.digitocr.extract.DigitReading;
import org.digitocr.extract.ReviewReason;
import org.junit.jupiter.api.Test;

/** The summary counts decisions, and which corrections the product's second choice or suggestion had right. */
class ReviewSummaryTest {
    @Test
    void countsCorrectionsTheSecondChoiceOrTheSuggestionHadRight() {
        List<DigitReading> digits = List.of(new DigitReading(2, 0.7, 6, 0.2), new DigitReading(0, 1, 6, 0),
                new DigitReading(5, 0.9, 9, 0.05));
        List<ReviewItem> queue = List.of(item(0, "205", digits, "605"), item(1, "205", digits, null),
                item(2, "205", digits, null), item(3, "205", digits, null), item(4, "205", digits, null));
        Map<FieldKey, Correction> decided = Map.of(
                queue.get(0).key(), decision(queue.get(0), Decision.CORRECTED, "605"),
                queue.get(1).key(), decision(queue.get(1), Decision.CORRECTED, "705"),
                queue.get(2).key(), decision(queue.get(2), Decision.CORRECTED, "609"),
                queue.get(3).key(), decision(queue.get(3), Decision.ACCEPTED, "205"));
        ReviewSummary s = ReviewSummary.of(queue, decided);
        assertEquals(new ReviewSummary(5, 4, 1, 3, 0, 1, 1), s, "605: one digit's second choice and the suggestion;"
                + " 705: a digit no choice had; 609: two digits changed");
        assertEquals(1, s.left());
    }

    @Test
    void countsSecondChoicesFromTheDigitsAsReadWhenTheCheckDigitRepairedTheValue() {
        // read 205, repaired by the check digit to 605; the reviewer keys 209: the last digit's second choice
        List<DigitReading> digits = List.of(new DigitReading(2, 0.7, 6, 0.2), new DigitReading(0, 1, 6, 0),
                new DigitReading(5, 0.9, 9, 0.05));
        ReviewItem repaired = item(0, "605", digits, "605");
        assertEquals(true, ReviewSummary.secondChoiceGives(repaired, "209"));
        assertEquals(false, ReviewSummary.secondChoiceGives(repaired, "609"), "two digits from what was read");
        ReviewItem other = item(1, "605", digits, "605");
        ReviewSummary s = ReviewSummary.of(List.of(repaired, other), Map.of(
                repaired.key(), decision(repaired, Decision.ACCEPTED, "605"),
                other.key(), decision(other, Decision.CORRECTED, "209")));
        assertEquals(new ReviewSummary(2, 2, 1, 1, 0, 1, 1), s, "the repair accepted counts as right");
    }

    private static ReviewItem item(int i, String value, List<DigitReading> digits, String suggestion) {
        return new ReviewItem(i, new FieldKey("r", "s" + i + ".png", 1, "f"), "t", null, value, 0.5, digits,
                List.of(ReviewReason.of(ReviewReason.Code.LOW_CONFIDENCE)), suggestion, null, null);
    }

    private static Correction decision(ReviewItem item, Decision d, String value) {
        return new Correction("r", item.key().source(), 1, "f", d, value, item.value(), "ana", "2026-12-05T08:00:00Z");
    }
}
