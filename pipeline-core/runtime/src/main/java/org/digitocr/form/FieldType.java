package org.digitocr.form;

/**
 * What a field holds, which decides how its ink is read and what makes its value doubtful: plain digits, a date
 * written in eight boxes (DDMMYYYY), or an amount written free-form with grouping separators and a closing mark.
 */
public sealed interface FieldType permits FieldType.Digits, FieldType.Date, FieldType.Amount {

    /** Its name in templates and fields files. */
    String code();

    /** Digits, read as written. */
    record Digits() implements FieldType {
        @Override
        public String code() {
            return "digits";
        }
    }

    /** A day, month and year in eight boxes, DDMMYYYY; a year outside {@code fromYear..toYear} is doubtful. */
    record Date(int fromYear, int toYear) implements FieldType {
        public static final String FORMAT = "DDMMYYYY";

        public Date {
            if (fromYear > toYear || fromYear < 1000 || toYear > 9999) {
                throw new IllegalArgumentException("years must be a window of four-digit years, from <= to");
            }
        }

        @Override
        public String code() {
            return "date";
        }
    }

    /** An amount in figures: digits grouped by commas, points or spaces, an optional decimal part, a closing mark. */
    record Amount() implements FieldType {
        @Override
        public String code() {
            return "amount";
        }
    }

    FieldType DIGITS = new Digits();
    FieldType AMOUNT = new Amount();
}
