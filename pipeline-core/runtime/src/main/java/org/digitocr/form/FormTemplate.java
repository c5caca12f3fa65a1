package org.digitocr.form;

import java.util.List;

/**
 * A blank form's layout: its size in pixels, the centres of its solid square registration marks, and its
 * digit fields. Pages are registered onto these coordinates before fields are cut out.
 *
 * @param source where it was read from, for messages
 * @param sha256 hex SHA-256 of its JSON text (UTF-8): which version of the template read a field, on every row
 */
public record FormTemplate(String name, String source, String sha256, int width, int height, int markSize,
                           List<Point> marks, List<FieldSpec> fields) {

    /** A point in template pixel coordinates. */
    public record Point(double x, double y) {
    }

    public FieldSpec field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no field " + fieldName));
    }
}
