package org.digitocr.extract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One line of {@code fields.jsonl}: the value read from one field of one page, how sure the product is, whether
 * it validates, and whether a person must look at it (and why).
 *
 * @param templateSha256 SHA-256 of the template's JSON text: the version of the form it was read with
 * @param reasons    why a person must look at it ({@link ReviewReason}); empty when accepted
 * @param confidence probability that the whole value is right: the product of its digits' calibrated
 *                   probabilities, and for a value that passes its check digit, that product among all values that
 *                   pass ({@link FieldValidator#confidence}); 0 for an empty field
 * @param value      the digits read, left to right; when they fail the field's rules and a change of one digit
 *                   passes them, the most probable such change ({@link ReviewReason.Code#REPAIRED}, always reviewed)
 * @param suggestion that change of one digit, when there is one: equal to {@code value} (runs before 2026-12-06
 *                   offered it without applying it)
 * @param crop       JPEG of the field with its digits framed ({@link ReviewCrop}), only on fields that need review
 *                   (null otherwise); it goes to the run report and the Parquet output, not to JSON Lines
 * @param digitImages on fields that need review, each digit as the network saw it: 784 bytes, 28x28 in MNIST's
 *                   layout (0 paper, 255 ink), one per entry of {@code digits}; null otherwise. What a reviewer's
 *                   correction labels, for training on corrected digits and for review by digit
 */
public record FieldResult(String source, int page, String template, String templateSha256, String field, String value,
                          double confidence,
                          List<DigitReading> digits, boolean valid, boolean needsReview, List<ReviewReason> reasons,
                          String suggestion, @JsonIgnore byte[] crop, @JsonIgnore List<byte[]> digitImages) {
}
