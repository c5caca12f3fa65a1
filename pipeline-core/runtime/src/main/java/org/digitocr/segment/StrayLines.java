package org.digitocr.segment;

import java.util.Optional;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_imgproc.Vec4iVector;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.HoughLinesP;

/**
 * Finds straight lines through a field that are not the form's printing: a crease, a fold's edge, a pen's stray
 * stroke across the page. Cut off by the box's borders, such a line inside a box looks like a 1 or a digit's stroke
 * and is read as one, surely; no handwritten stroke of a digit is that long and straight and crosses the box from
 * outside to outside, so its presence makes the field's reading doubtful. Lines along the box's own borders and
 * dividers are the form's.
 */
final class StrayLines {
    /** A stray line is at least this many times the box's height long (a digit written big is about 1.1 times). */
    static final double LENGTH = 1.4;
    /** Pixels a line may stray from a border's position, and still be that border (with its band). */
    private static final int NEAR = 6;
    /** Degrees from a border's direction within which a line near it is that border. */
    private static final double ALONG = 3;
    /**
     * Gap a line may have and still be one, as a share of the box's height (at least 3 px): a thin line's pixels
     * step off any one direction of the search, and a faint crease's ink breaks up.
     */
    private static final double GAP = 0.08;
    /**
     * Pixels beyond the box's borders a line reaches at both ends: it crosses the box, as a crease does and no
     * handwriting does (a digit written over the borders spills a few pixels).
     */
    static final int OUTSIDE = 12;

    private StrayLines() {
    }

    /**
     * A description of the longest stray line through the box ({@code left, top, right, bottom}: its borders in the
     * mask's pixels; {@code dividers}: the columns of its cell dividers), if there is one.
     */
    static Optional<String> find(InkMask mask, int left, int top, int right, int bottom, int[] dividers) {
        int height = bottom - top;
        double least = LENGTH * height;
        if (height <= 0 || least > Math.hypot(mask.width(), mask.height())) {
            return Optional.empty();
        }
        if (sidesWithInkOutside(mask, left, top, right, bottom) < 2) {
            return Optional.empty();
        }
        int n = mask.width() * mask.height();
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = mask.ink()[i] ? (byte) 255 : 0;
        }
        double longest = 0;
        double angle = 0;
        try (Mat src = new Mat(mask.height(), mask.width(), CV_8UC1); Vec4iVector lines = new Vec4iVector()) {
            src.data().put(bytes);
            HoughLinesP(src, lines, 1, Math.PI / 180, (int) Math.round(least / 2), least, Math.max(3, GAP * height));
            for (long i = 0; i < lines.size(); i++) {
                IntPointer l = lines.get(i);
                int x0 = l.get(0);
                int y0 = l.get(1);
                int x1 = l.get(2);
                int y1 = l.get(3);
                double length = Math.hypot(x1 - x0, y1 - y0);
                if (length < least || !outside(x0, y0, left, top, right, bottom)
                        || !outside(x1, y1, left, top, right, bottom)
                        || !crossesInside(x0, y0, x1, y1, left, top, right, bottom)
                        || printed(x0, y0, x1, y1, left, top, right, bottom, dividers)) {
                    continue;
                }
                if (length > longest) {
                    longest = length;
                    angle = Math.toDegrees(Math.atan2(Math.abs(y1 - y0), Math.abs(x1 - x0)));
                }
            }
        }
        return longest == 0 ? Optional.empty() : Optional.of(String.format(java.util.Locale.ROOT,
                "a straight line %.1f times the box's height at %.0f degrees that is not the form's", longest / height,
                angle));
    }

    /**
     * On how many of the box's four sides there is ink {@link #OUTSIDE} pixels or more beyond it: a line crossing
     * the box leaves some on two, a label printed above it on one. Cheaper than the line search it spares.
     */
    private static int sidesWithInkOutside(InkMask mask, int left, int top, int right, int bottom) {
        boolean[] side = new boolean[4];
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.ink()[y * mask.width() + x]) {
                    side[0] |= y < top - OUTSIDE;
                    side[1] |= y > bottom + OUTSIDE;
                    side[2] |= x < left - OUTSIDE;
                    side[3] |= x > right + OUTSIDE;
                }
            }
        }
        int n = 0;
        for (boolean s : side) {
            n += s ? 1 : 0;
        }
        return n;
    }

    /** Whether the point lies {@link #OUTSIDE} pixels or more beyond the box's borders. */
    private static boolean outside(int x, int y, int left, int top, int right, int bottom) {
        return x < left - OUTSIDE || x > right + OUTSIDE || y < top - OUTSIDE || y > bottom + OUTSIDE;
    }

    /** Whether the segment passes through the box's inside, away from its borders. */
    private static boolean crossesInside(int x0, int y0, int x1, int y1, int left, int top, int right, int bottom) {
        int steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        for (int s = 0; s <= steps; s++) {
            double x = x0 + (x1 - x0) * (double) s / Math.max(1, steps);
            double y = y0 + (y1 - y0) * (double) s / Math.max(1, steps);
            if (x > left + NEAR && x < right - NEAR && y > top + NEAR && y < bottom - NEAR) {
                return true;
            }
        }
        return false;
    }

    /** Whether the segment lies along one of the box's borders or dividers. */
    private static boolean printed(int x0, int y0, int x1, int y1, int left, int top, int right, int bottom,
                                   int[] dividers) {
        double degrees = Math.toDegrees(Math.atan2(Math.abs(y1 - y0), Math.abs(x1 - x0)));
        if (degrees <= ALONG) {
            for (int y : new int[] {top, bottom}) {
                if (Math.abs(y0 - y) <= NEAR && Math.abs(y1 - y) <= NEAR) {
                    return true;
                }
            }
        }
        if (degrees >= 90 - ALONG) {
            int[] columns = java.util.stream.IntStream.concat(java.util.stream.IntStream.of(left, right),
                    java.util.Arrays.stream(dividers)).toArray();
            for (int x : columns) {
                if (Math.abs(x0 - x) <= NEAR && Math.abs(x1 - x) <= NEAR) {
                    return true;
                }
            }
        }
        return false;
    }
}
