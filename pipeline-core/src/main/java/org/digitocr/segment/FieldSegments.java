package org.digitocr.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * The digits of one field, left to right, as slots: most slots hold one reading of their ink, but ink whose
 * width leaves the digit count open (touching or wide digits in a free-form field) holds several, the segmenter's
 * preferred one first, for the classifier's probabilities to decide between. {@code doubt} says segmentation had
 * to guess (touching digits, fragments dropped, strokes outside the cells), which sends the field to review.
 */
public record FieldSegments(List<Slot> slots, boolean doubt, List<String> notes) {

    /** One stretch of ink and the ways of reading it as digits; {@code options.get(0)} is the preferred one. */
    public record Slot(List<List<DigitCrop>> options) {
        public static Slot of(DigitCrop digit) {
            return new Slot(List.of(List.of(digit)));
        }

        public boolean ambiguous() {
            return options.size() > 1;
        }
    }

    /** A field whose every slot has a single reading. */
    public static FieldSegments of(List<DigitCrop> digits, boolean doubt, List<String> notes) {
        return new FieldSegments(digits.stream().map(Slot::of).toList(), doubt, notes);
    }

    /** The digits of the preferred reading of every slot. */
    public List<DigitCrop> digits() {
        List<DigitCrop> out = new ArrayList<>();
        slots.forEach(s -> out.addAll(s.options().get(0)));
        return out;
    }

    public boolean empty() {
        return slots.isEmpty();
    }
}
