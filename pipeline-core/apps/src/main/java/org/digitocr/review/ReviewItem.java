package org.digitocr.review;

import java.util.List;

import org.digitocr.extract.DigitReading;
import org.digitocr.extract.ReviewReason;

/**
 * One field of a run that a person must look at, as the station shows it.
 *
 * @param index      its place in the run's review queue (what the station's pages address it by)
 * @param templateSha256 SHA-256 of the template the field was read with, or null (rows of older runs)
 * @param value      the product's reading (null when no digit was found)
 * @param cropFile   its crop, relative to the run's folder, or null
 * @param digitsFile its digits as the network saw them, relative to the run's folder, or null
 */
public record ReviewItem(int index, FieldKey key, String template, String templateSha256, String value, double confidence,
                         List<DigitReading> digits, List<ReviewReason> reasons, String suggestion, String cropFile,
                         String digitsFile) {
    /**
     * Whether the field can be settled digit by digit: its only doubt is confidence, and each digit the network
     * read has its image.
     */
    public boolean decidableByDigit() {
        return digitsFile != null && !digits.isEmpty()
                && reasons.stream().allMatch(r -> r.code() == ReviewReason.Code.LOW_CONFIDENCE);
    }
}
