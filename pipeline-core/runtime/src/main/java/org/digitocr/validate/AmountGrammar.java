package org.digitocr.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an amount written in figures with its separators (digits and {@code ,} {@code .} or a space between
 * groups): the value is its digits, with {@code .} before a decimal part of two digits (paise, cents) when one is
 * written after a point. Indian grouping (last group of three, pairs before it: 5,10,00,000) and Western grouping (threes:
 * 1,250,000) are well-formed; a separator anywhere else is a doubt, since either the writer or the segmentation
 * put it there, and a well-formed grouping is evidence that the digits were cut right.
 */
public final class AmountGrammar {
    private AmountGrammar() {
    }

    /**
     * An amount read.
     *
     * @param value      the digits, with {@code .} before the decimal part when there is one
     * @param wellFormed whether the separators group the digits as Indian or Western grouping does
     * @param doubt      for people, what is wrong with the grouping; null when well-formed
     */
    public record Reading(String value, boolean wellFormed, String doubt) {
    }

    /** Reads {@code written}: digits and separators only (closing marks and currency signs already removed). */
    public static Reading read(String written) {
        List<String> groups = new ArrayList<>();
        List<Character> seps = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        for (char c : written.toCharArray()) {
            if (c >= '0' && c <= '9') {
                group.append(c);
            } else if (c == ',' || c == '.' || c == ' ') {
                groups.add(group.toString());
                seps.add(c);
                group.setLength(0);
            } else {
                throw new IllegalArgumentException("not a digit or separator: '" + c + "' in " + written);
            }
        }
        groups.add(group.toString());
        String digits = String.join("", groups);
        if (seps.isEmpty()) {
            return new Reading(digits, true, null);
        }
        if (groups.stream().anyMatch(String::isEmpty)) {
            return new Reading(digits, false, "a separator before, after or next to another separator: " + written);
        }
        int last = seps.size() - 1;
        String decimals = null;
        // a point before a last group of two digits, with no point before it, starts the decimal part (one digit
        // after a point is more often a speck read as a point than a written decimal)
        if (seps.get(last) == '.' && groups.get(last + 1).length() == 2 && !seps.subList(0, last).contains('.')) {
            decimals = groups.remove(last + 1);
            seps.remove(last);
        }
        String whole = String.join("", groups);
        String value = decimals == null ? whole : whole + "." + decimals;
        if (seps.isEmpty()) {
            return new Reading(value, true, null);
        }
        if (seps.stream().distinct().count() > 1) {
            return new Reading(value, false, "mixed separators between groups: " + written);
        }
        return grouped(groups, 2) || grouped(groups, 3) ? new Reading(value, true, null)
                : new Reading(value, false, "digits grouped as neither Indian (x,xx,xxx) nor Western (x,xxx,xxx)"
                        + " grouping does: " + written);
    }

    /** Whether the groups are 1 to {@code pair} digits, then groups of {@code pair}, then a last group of three. */
    private static boolean grouped(List<String> groups, int pair) {
        int n = groups.size();
        if (groups.get(n - 1).length() != 3 || groups.get(0).length() > pair) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            if (groups.get(i).length() != pair) {
                return false;
            }
        }
        return true;
    }
}
