package org.digitocr.segment;

import java.util.List;

/**
 * The digits of one field, left to right. {@code doubt} says segmentation had to guess (touching digits split,
 * fragments dropped, strokes outside the cells), which sends the field to review.
 */
public record FieldSegments(List<DigitCrop> digits, boolean doubt, List<String> notes) {
    public boolean empty() {
        return digits.isEmpty();
    }
}
