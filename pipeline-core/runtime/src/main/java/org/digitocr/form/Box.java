package org.digitocr.form;

/** An axis-aligned rectangle in template pixel coordinates: x, y of the top-left corner, width, height. */
public record Box(int x, int y, int width, int height) {
    public Box {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("box width and height must be positive");
        }
    }

    public boolean inside(int w, int h) {
        return x >= 0 && y >= 0 && (long) x + width <= w && (long) y + height <= h;
    }
}
