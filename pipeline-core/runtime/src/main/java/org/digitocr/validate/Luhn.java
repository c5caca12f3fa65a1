package org.digitocr.validate;

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
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
