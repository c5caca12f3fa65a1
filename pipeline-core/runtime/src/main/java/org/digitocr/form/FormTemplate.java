package org.digitocr.form;

import java.util.List;

/**
 * A form's layout: its size in pixels, what finds it on a page (registration marks or its own printing), and its
 * digit fields. Pages are registered onto these coordinates before fields are cut out.
 *
 * @param source where it was read from, for messages
 * @param sha256 hex SHA-256 of its JSON text (UTF-8): which version of the template read a field, on every row
 */
public record FormTemplate(String name, String source, String sha256, int width, int height, Anchors anchors,
                           List<FieldSpec> fields) {

    /** A point in template pixel coordinates. */
    public record Point(double x, double y) {
    }

    public FieldSpec field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no field " + fieldName));
    }
}
