package org.digitocr.segment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds paper darker over part of a field's box than over the rest: a fold's shadow, the page's edge lifted from
 * the scanner's glass, a stain. A local threshold follows such shade, but where it changes fast (a fold's band) its
 * edges are taken for strokes and read as a sure 1. The paper's level is measured along the box's columns (through
 * the margins above and below it) and rows
 * (the brightest tenth of each, which writing seldom reaches, then the median of neighbours, which a stroke's
 * width does not move), away from its printed lines.
 */
final class PaperShade {
    /** Paper this much darker (share of its level) over part of the box than its usual level is uneven. */
    static final double UNEVEN = 0.12;
    /** Pixels either side of a printed line left out of the measure. */
    private static final int LINE = 6;
    /** Columns (rows) whose median is taken: a stroke up to half as wide, run along them, is no shade. */
    private static final int SMOOTH = 15;

    private PaperShade() {
    }

    /**
     * A description of how much darker the paper is somewhere inside the box ({@code left, top, right, bottom}: its
     * borders in the image's pixels; {@code dividers}: its cell dividers' columns) than usual, if it is uneven.
     */
    static Optional<String> find(FieldImage img, int left, int top, int right, int bottom, int[] dividers) {
        int x0 = Math.max(0, left + LINE);
        int x1 = Math.min(img.width(), right - LINE + 1);
        int y0 = Math.max(0, top + LINE);
        int y1 = Math.min(img.height(), bottom - LINE + 1);
        if (x1 - x0 < 2 * SMOOTH || y1 - y0 < 2 * SMOOTH) {
            return Optional.empty();
        }
        boolean[] printed = new boolean[img.width()];
        for (int d : dividers) {
            for (int x = Math.max(0, d - LINE); x <= Math.min(img.width() - 1, d + LINE); x++) {
                printed[x] = true;
            }
        }
        // a column is measured over the margins above and below the box too: a tall broad 1 fills most of the box's
        double[] columns = new double[x1 - x0];
        float[] values = new float[Math.max(x1 - x0, img.height())];
        for (int x = x0; x < x1; x++) {
            int n = 0;
            for (int y = 0; y < img.height(); y++) {
                if (Math.abs(y - top) > LINE && Math.abs(y - bottom) > LINE) {
                    values[n++] = img.at(x, y);
                }
            }
            columns[x - x0] = printed[x] ? Double.NaN : brightTenth(values, n);
        }
        double[] rows = new double[y1 - y0];
        for (int y = y0; y < y1; y++) {
            int n = 0;
            for (int x = x0; x < x1; x++) {
                if (!printed[x]) {
                    values[n++] = img.at(x, y);
                }
            }
            rows[y - y0] = n == 0 ? Double.NaN : brightTenth(values, n);
        }
        double paper = median(columns);
        double dip = Math.max(paper - darkest(columns), paper - darkest(rows));
        double share = paper > 0 ? dip / paper : 0;
        return share < UNEVEN ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                "paper %.0f%% darker over part of the box", 100 * share));
    }

    /** The grey level a tenth of the first {@code n} values are brighter than (counted by level, not sorted). */
    private static double brightTenth(float[] values, int n) {
        int[] count = new int[256];
        for (int i = 0; i < n; i++) {
            count[Math.max(0, Math.min(255, Math.round(values[i])))]++;
        }
        int above = n - Math.min(n - 1, (int) (0.9 * n));
        for (int level = 255; level > 0; level--) {
            above -= count[level];
            if (above <= 0) {
                return level;
            }
        }
        return 0;
    }

    /** The darkest median of {@link #SMOOTH} neighbours, leaving out unmeasured (NaN) places. */
    private static double darkest(double[] profile) {
        double least = Double.POSITIVE_INFINITY;
        double[] window = new double[SMOOTH];
        for (int i = 0; i + SMOOTH <= profile.length; i++) {
            int n = 0;
            for (int k = i; k < i + SMOOTH; k++) {
                if (!Double.isNaN(profile[k])) {
                    window[n++] = profile[k];
                }
            }
            if (n >= SMOOTH - SMOOTH / 3) {
                Arrays.sort(window, 0, n);
                least = Math.min(least, window[n / 2]);
            }
        }
        return least == Double.POSITIVE_INFINITY ? median(profile) : least;
    }

    private static double median(double[] profile) {
        double[] v = Arrays.stream(profile).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return v.length == 0 ? 0 : v[v.length / 2];
    }
}
