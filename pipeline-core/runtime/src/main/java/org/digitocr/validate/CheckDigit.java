package org.digitocr.validate;

/** A check-digit scheme a field value must satisfy (e.g. Luhn for account and card numbers). */
public interface CheckDigit {
    /** The name templates use in their {@code check} key. */
    String name();

    /** True when the all-digit {@code value} passes the check. */
    boolean valid(String value);
}
