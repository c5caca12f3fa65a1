package org.digitocr.segment;

/**
 * Something the paper under a field shows that no clean form has, and that makes a confident reading of the field
 * doubtful: a damaged form's field goes to a person however sure its digits look.
 *
 * @param detail for people: what was seen, with its measure
 */
public record PaperDoubt(Kind kind, String detail) {
    /** What was seen. */
    public enum Kind {
        /** A straight line through the field that is not the form's printing: a crease, a fold, a stray stroke. */
        STRAY_LINE,
        /** The paper darker over part of the field than over the rest: a fold's shadow, a stain, the page's edge. */
        UNEVEN_PAPER
    }
}
