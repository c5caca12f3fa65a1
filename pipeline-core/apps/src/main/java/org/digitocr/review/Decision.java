package org.digitocr.review;

/** What a reviewer decided about a field: part of the corrections table's contract (names never change meaning). */
public enum Decision {
    /** The value as the product read it is right. */
    ACCEPTED,
    /** The right value differs from the reading and is given. */
    CORRECTED,
    /** Nobody can read the field; no value. */
    UNREADABLE
}
