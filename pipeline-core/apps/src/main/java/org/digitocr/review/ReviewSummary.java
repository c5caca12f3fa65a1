package org.digitocr.review;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.digitocr.extract.DigitReading;

/**
 * Where the reviewing of a run stands, and what it says about the product.
 *
 * @param secondChoiceRight corrections the product would have got right had it taken one digit's second choice
 * @param suggestionRight   fields whose check-digit repair was the reviewer's value: repaired values accepted, and
 *                          (runs before 2026-12-06, which only offered the repair) corrections to it
 */
public record ReviewSummary(int queue, int decided, int accepted, int corrected, int unreadable,
                            int secondChoiceRight, int suggestionRight) {
    /** The summary of {@code queue} given the latest decisions. */
    public static ReviewSummary of(List<ReviewItem> queue, Map<FieldKey, Correction> latest) {
        int decided = 0;
        int accepted = 0;
        int corrected = 0;
        int unreadable = 0;
        int second = 0;
        int suggestion = 0;
        for (ReviewItem i : queue) {
            Correction c = latest.get(i.key());
            if (c == null) {
                continue;
            }
            decided++;
            switch (c.decision()) {
                case ACCEPTED -> accepted++;
                case UNREADABLE -> unreadable++;
                case CORRECTED -> {
                    corrected++;
                    second += secondChoiceGives(i, c.value()) ? 1 : 0;
                }
            }
            suggestion += c.value() != null && c.value().equals(i.suggestion()) ? 1 : 0;
        }
        return new ReviewSummary(queue.size(), decided, accepted, corrected, unreadable, second, suggestion);
    }

    /**
     * Whether {@code value} is the digits as read with exactly one replaced by that digit's second choice (the
     * digits as read, not the field's value, which a check digit may have repaired).
     */
    static boolean secondChoiceGives(ReviewItem item, String value) {
        String read = item.digits().stream().map(d -> String.valueOf(d.digit())).collect(Collectors.joining());
        if (value == null || read.length() != value.length()) {
            return false;
        }
        int changed = -1;
        for (int k = 0; k < read.length(); k++) {
            if (read.charAt(k) != value.charAt(k)) {
                if (changed >= 0) {
                    return false;
                }
                changed = k;
            }
        }
        if (changed < 0) {
            return false;
        }
        DigitReading d = item.digits().get(changed);
        return value.charAt(changed) - '0' == d.alt();
    }

    public int left() {
        return queue - decided;
    }
}
