package org.digitocr.form;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One field of a form template: its printed box, how many equal cells it is divided into (0 = free-form
 * box), the optional rules its value must follow (a regular expression and a named check digit scheme), and what
 * it holds.
 */
public record FieldSpec(String name, Box box, int cells, Optional<Pattern> pattern, Optional<String> check,
                        FieldType type) {
    /** A field of plain digits. */
    public FieldSpec(String name, Box box, int cells, Optional<Pattern> pattern, Optional<String> check) {
        this(name, box, cells, pattern, check, FieldType.DIGITS);
    }

    public boolean boxed() {
        return cells > 0;
    }

    /** The box of cell {@code i} (0-based) of a boxed field. */
    public Box cell(int i) {
        if (!boxed() || i < 0 || i >= cells) {
            throw new IndexOutOfBoundsException("cell " + i + " of " + cells);
        }
        int x0 = box.x() + (int) Math.round((double) box.width() * i / cells);
        int x1 = box.x() + (int) Math.round((double) box.width() * (i + 1) / cells);
        return new Box(x0, box.y(), x1 - x0, box.height());
    }
}
