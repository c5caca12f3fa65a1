package org.digitocr.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.digitocr.form.FieldSpec;
import org.digitocr.form.FieldType;
import org.digitocr.validate.CheckDigits;

/**
 * Checks a field value against its template's pattern and check-digit scheme, and when they fail looks for the
 * single-digit change that passes with the highest probability: the value the field is given, since a written
 * value passes its check and the digits as read then cannot all be right. Says how sure a value is, given what
 * its check rules out.
 */
public final class FieldValidator {
    private final CheckDigits checks;

    public FieldValidator(CheckDigits checks) {
        this.checks = checks;
    }

    /** The rules a value fails ({@code PATTERN}, {@code CHECK_DIGIT}); empty when it passes. */
    public List<ReviewReason.Code> failures(FieldSpec field, String value) {
        List<ReviewReason.Code> reasons = new ArrayList<>();
        if (!fitsPattern(field, value)) {
            reasons.add(ReviewReason.Code.PATTERN);
        }
        if (field.check().isPresent()) {
            boolean ok = checks.get(field.check().get()).map(c -> c.valid(value)).orElse(false);
            if (!ok) {
                reasons.add(ReviewReason.Code.CHECK_DIGIT);
            }
        }
        if (field.type() instanceof FieldType.Date date && !value.isEmpty()) {
            dateFailure(date, value).ifPresent(reasons::add);
        }
        return reasons;
    }

    /** Why {@code value} is not a date of the field's years, if it is not: DDMMYYYY, a day the month has. */
    static Optional<ReviewReason.Code> dateFailure(FieldType.Date date, String value) {
        if (!value.matches("[0-9]{8}")) {
            return Optional.of(ReviewReason.Code.INVALID_DATE);
        }
        int year = Integer.parseInt(value.substring(4));
        try {
            java.time.LocalDate.of(year, Integer.parseInt(value.substring(2, 4)), Integer.parseInt(value.substring(0, 2)));
        } catch (java.time.DateTimeException e) {
            return Optional.of(ReviewReason.Code.INVALID_DATE);
        }
        return year < date.fromYear() || year > date.toYear() ? Optional.of(ReviewReason.Code.YEAR_OUT_OF_RANGE)
                : Optional.empty();
    }

    /**
     * The probability that the field's value is right: the product of its digits' calibrated probabilities
     * ({@code distributions}, one per digit, left to right), and, for a date or a field with a check digit the value
     * passes, that product among all values that pass (written values pass; a misread the rules catch is ruled out).
     * 0 for an empty field.
     */
    public double confidence(FieldSpec field, String value, List<double[]> distributions) {
        if (distributions.isEmpty()) {
            return 0;
        }
        double joint = 1;
        for (int i = 0; i < distributions.size(); i++) {
            joint *= distributions.get(i)[value.charAt(i) - '0'];
        }
        if (field.type() instanceof FieldType.Date date && distributions.size() == 8
                && dateFailure(date, value).isEmpty()) {
            double passing = datePassProbability(date, distributions);
            return passing > 0 ? Math.min(1, joint / passing) : joint;
        }
        if (field.check().isEmpty()) {
            return joint;
        }
        OptionalDouble passing = checks.get(field.check().get())
                .filter(c -> c.valid(value)).map(c -> c.passProbability(distributions)).orElse(OptionalDouble.empty());
        return passing.isPresent() && passing.getAsDouble() > 0 ? Math.min(1, joint / passing.getAsDouble()) : joint;
    }

    /**
     * The probability that eight digits read with {@code distributions} (DDMMYYYY) make a calendar date of the
     * field's years: a date written on a form is one, so a reading's alternatives that are none (a 4 where a month
     * starts, a 7 in the century) take nothing from its confidence. Summed by year, month and day rather than over
     * every date, so a wide window costs no more than its years.
     */
    static double datePassProbability(FieldType.Date date, List<double[]> distributions) {
        double[] days = new double[32];
        for (int d = 1; d <= 31; d++) {
            days[d] = days[d - 1] + pair(distributions, 0, d);
        }
        double[] yearParts = new double[2];
        for (int leap = 0; leap < 2; leap++) {
            for (int m = 1; m <= 12; m++) {
                yearParts[leap] += pair(distributions, 2, m) * days[java.time.Month.of(m).length(leap == 1)];
            }
        }
        double sum = 0;
        for (int y = date.fromYear(); y <= date.toYear(); y++) {
            double p = pair(distributions, 4, y / 100) * pair(distributions, 6, y % 100);
            sum += p * yearParts[java.time.Year.isLeap(y) ? 1 : 0];
        }
        return sum;
    }

    /** The probability that the two digits read from {@code at} are {@code value} (0-99). */
    private static double pair(List<double[]> distributions, int at, int value) {
        return distributions.get(at)[value / 10] * distributions.get(at + 1)[value % 10];
    }

    /** Whether the value matches the field's pattern; true for a field without one. */
    public boolean fitsPattern(FieldSpec field, String value) {
        return field.pattern().map(p -> p.matcher(value).matches()).orElse(true);
    }

    /**
     * The most probable value differing from {@code value} in one digit that passes every rule, if any: each digit
     * may take any other value, weighed by its calibrated probability ({@code distributions}) against the digit read.
     */
    public Optional<String> repair(FieldSpec field, String value, List<double[]> distributions) {
        String best = null;
        double bestScore = 0;
        char[] digits = value.toCharArray();
        for (int i = 0; i < digits.length; i++) {
            char read = digits[i];
            double[] p = distributions.get(i);
            for (int d = 0; d < 10; d++) {
                double score = p[d] / Math.max(1e-12, p[read - '0']);
                if (d == read - '0' || score <= bestScore) {
                    continue;
                }
                digits[i] = (char) ('0' + d);
                String candidate = new String(digits);
                if (failures(field, candidate).isEmpty()) {
                    best = candidate;
                    bestScore = score;
                }
            }
            digits[i] = read;
        }
        return Optional.ofNullable(best);
    }

    /** For people: what was read, which rules it failed, and which digit the repair changed (1-based). */
    static String describeRepair(String read, String repaired, List<ReviewReason.Code> failed, FieldSpec field) {
        int at = 0;
        while (at < read.length() && read.charAt(at) == repaired.charAt(at)) {
            at++;
        }
        String rules = String.join(", ", failed.stream().map(c -> switch (c) {
            case CHECK_DIGIT -> "check digit (" + field.check().orElse("?") + ")";
            case INVALID_DATE -> "calendar";
            case YEAR_OUT_OF_RANGE -> "years";
            default -> "pattern";
        }).toList());
        return "read " + read + ", which fails its " + rules + "; digit " + (at + 1) + " taken as "
                + repaired.charAt(at) + " instead of " + read.charAt(at);
    }
}
