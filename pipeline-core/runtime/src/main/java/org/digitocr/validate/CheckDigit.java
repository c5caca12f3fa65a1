package org.digitocr.validate;

import java.util.List;
import java.util.OptionalDouble;

/** A check-digit scheme a field value must satisfy (e.g. Luhn for account and card numbers). */
public interface CheckDigit {
    /** The name templates use in their {@code check} key. */
    String name();

    /** True when the all-digit {@code value} passes the check. */
    boolean valid(String value);

    /**
     * The probability that a value of {@code digits.size()} digits passes, each digit drawn on its own from its
     * distribution over 0-9 (left to right). A field read as a value that passes is then as sure as that value is
     * among all values that pass. Empty for a scheme that cannot say, whose fields' confidence is not conditioned.
     */
    default OptionalDouble passProbability(List<double[]> digits) {
        return OptionalDouble.empty();
    }
}
