package org.digitocr.register;

/** A connected component of dark pixels: bounding box, pixel count and centroid, in page pixels. */
public record Blob(int x, int y, int width, int height, int area, double cx, double cy) {
    public double fill() {
        return (double) area / ((double) width * height);
    }
}
