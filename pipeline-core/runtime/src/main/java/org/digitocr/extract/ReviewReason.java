package org.digitocr.extract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a field goes to a person: a stable {@link Code} that warehouses and reports group by, and for people a
 * detail text where the code alone does not say enough (which segmentation doubt).
 *
 * @param detail free text for people, or null
 */
public record ReviewReason(Code code, @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {
    /** The kinds of reason, part of the output contract: names never change meaning, new ones may be added. */
    public enum Code {
        /** No digit found in the field. */
        EMPTY,
        /** The value does not match the field's pattern (length, allowed digits). */
        PATTERN,
        /** The value fails the field's check digit. */
        CHECK_DIGIT,
        /** The field's strokes could be cut into digits more than one way, or the ink is faint. */
        SEGMENTATION_DOUBT,
        /** The value's calibrated confidence is below the review threshold. */
        LOW_CONFIDENCE,
        /**
         * The digits as read failed the field's rules (its check digit); the value is the most probable change of
         * one digit that passes them, which a person confirms. The detail says what was read and what changed.
         */
        REPAIRED,
        /** A date field's value is not a calendar date (DDMMYYYY). */
        INVALID_DATE,
        /** A date field's year is outside the years its template accepts. */
        YEAR_OUT_OF_RANGE,
        /**
         * An amount's commas or points stand where neither Indian (x,xx,xxx) nor Western (x,xxx,xxx) grouping puts
         * them: misplaced by the writer, or digits cut wrongly. The detail says what was read.
         */
        AMOUNT_GROUPING,
        /**
         * A straight line runs through the field that is not the form's printing (a crease, a fold, a stray stroke):
         * cut off by the box it reads as a digit's stroke. The detail says how long and at what angle.
         */
        STRAY_LINE,
        /** The paper is darker over part of the field (a fold's shadow, a stain, the page's edge). The detail says how much. */
        UNEVEN_PAPER
    }

    public ReviewReason {
        if (code == null) {
            throw new IllegalArgumentException("a review reason needs a code");
        }
    }

    public static ReviewReason of(Code code) {
        return new ReviewReason(code, null);
    }

    /** The code, and the detail in parentheses when there is one: what reports show. */
    @Override
    public String toString() {
        return detail == null ? code.name() : code.name() + " (" + detail + ")";
    }
}
