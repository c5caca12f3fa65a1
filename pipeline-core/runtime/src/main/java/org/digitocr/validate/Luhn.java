package org.digitocr.validate;

import java.util.List;
import java.util.OptionalDouble;

/** The Luhn (mod 10) check used by card and many account numbers: catches every single-digit error. */
public final class Luhn implements CheckDigit {
    @Override
    public String name() {
        return "luhn";
    }

    @Override
    public boolean valid(String value) {
        if (value == null || value.length() < 2) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = value.length() - 1; i >= 0; i--) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += weighted(c - '0', twice);
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Summed over the value's sum modulo 10, digit by digit from the right: exact, in 100 steps a digit. */
    @Override
    public OptionalDouble passProbability(List<double[]> digits) {
        if (digits.size() < 2) {
            return OptionalDouble.of(0);
        }
        double[] bySum = new double[10];
        bySum[0] = 1;
        boolean twice = false;
        for (int i = digits.size() - 1; i >= 0; i--) {
            double[] p = digits.get(i);
            double[] next = new double[10];
            for (int s = 0; s < 10; s++) {
                for (int d = 0; d < 10; d++) {
                    next[(s + weighted(d, twice)) % 10] += bySum[s] * p[d];
                }
            }
            bySum = next;
            twice = !twice;
        }
        return OptionalDouble.of(bySum[0]);
    }

    /** A digit's part of the sum: itself, or doubled with the digits of the product added (every second digit). */
    private static int weighted(int d, boolean twice) {
        if (!twice) {
            return d;
        }
        return d * 2 > 9 ? d * 2 - 9 : d * 2;
    }
}
