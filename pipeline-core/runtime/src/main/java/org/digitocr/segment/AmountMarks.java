package org.digitocr.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * What an amount in figures has besides its digits: the commas and points between them (kept as separators, for
 * the amount's grammar to read) and the closing mark after them ({@code /-}, {@code /}, a long dash or {@code =},
 * dropped: people write it so that nothing can be added after the amount, and read as digits it would be a 1 or
 * a 7 too many).
 */
final class AmountMarks {
    /** A dash is at least this many times as wide as high ... */
    private static final double DASH_ASPECT = 1.5;
    /** ... and lower than this share of the line's tallest ink (an {@code =} included). */
    private static final double DASH_HEIGHT = 0.5;
    /** A slash is a stroke at least this many times as long as it is thick ... */
    private static final double SLASH_ELONGATION = 3;
    /** ... leaning right by this many degrees or more from upright (a written 1 leans less) ... */
    private static final double SLASH_LEAN = 12;
    /** ... or reaching below the digits' foot by this share of their height (a slash with a long tail). */
    private static final double SLASH_TAIL = 0.25;

    private AmountMarks() {
    }

    /** A comma drawn long hangs from the digits' middle to below their foot by at least this share of their height. */
    private static final double COMMA_DROP = 0.15;
    /** ... and is no wider than this share of their height (a comma's stroke slants, a dash lies flat). */
    private static final double COMMA_WIDTH = 1.3;

    /**
     * Commas drawn as long strokes among the groups (too tall for punctuation by the line's tallest digit when the
     * other digits are written small): narrow ink between two digits, starting below the digits' middle and hanging
     * below their foot. Removed from {@code groups} and returned.
     */
    static List<Components.Part> longCommas(List<Components.Part> groups) {
        List<Components.Part> out = new ArrayList<>();
        if (groups.size() < 3) {
            return out;
        }
        int height = medianHeight(groups);
        int foot = footOfDigits(groups);
        int middle = foot - height / 2;
        for (int i = 1; i < groups.size() - 1; i++) {
            Components.Part p = groups.get(i);
            if (p.y0() > middle && p.y1() > foot + COMMA_DROP * height && p.width() < COMMA_WIDTH * height) {
                out.add(p);
            }
        }
        groups.removeAll(out);
        return out;
    }

    /** The groups (left to right) with the closing mark's removed from the end; notes what it removed. */
    static List<Components.Part> withoutClosingMark(List<Components.Part> groups, int width, List<String> notes) {
        List<Components.Part> out = new ArrayList<>(groups);
        int tallest = out.stream().mapToInt(Components.Part::height).max().orElse(0);
        boolean dash = false;
        while (out.size() > 1 && isDash(out.get(out.size() - 1), tallest)) {
            out.remove(out.size() - 1);
            dash = true;
        }
        if (out.size() > 1) {
            Components.Part last = out.get(out.size() - 1);
            int foot = footOfDigits(out.subList(0, out.size() - 1));
            int height = medianHeight(out.subList(0, out.size() - 1));
            boolean slash = isSlash(last, width) && (dash || last.y1() > foot + SLASH_TAIL * height);
            if (slash) {
                out.remove(out.size() - 1);
            }
            if (slash || dash) {
                notes.add("closing mark " + (slash ? "/" : "") + (dash ? "-" : "") + " after the amount");
            } else if (isSlash(last, width)) {
                // read as a digit it would be a 1 too many: a person tells a closing slash from a last 1
                notes.add("last stroke leans like a closing slash");
            }
        }
        return out;
    }

    /** A comma or a point among {@code marks} (small ink low on the line): a comma is higher than it is wide. */
    static char kind(Components.Part mark) {
        return mark.height() > 1.3 * mark.width() ? ',' : '.';
    }

    static boolean isDash(Components.Part p, int tallest) {
        return p.width() >= DASH_ASPECT * p.height() && p.height() < DASH_HEIGHT * tallest;
    }

    /** A long thin straight stroke leaning right, as a slash is (the principal axis of its ink). */
    static boolean isSlash(Components.Part p, int width) {
        double mx = 0;
        double my = 0;
        for (int i : p.pixels()) {
            mx += i % width;
            my += i / width;
        }
        int n = p.area();
        mx /= n;
        my /= n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i : p.pixels()) {
            double dx = i % width - mx;
            double dy = i / width - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        double tr = (sxx + syy) / 2;
        double det = Math.sqrt(Math.max(0, (sxx - syy) * (sxx - syy) / 4 + sxy * sxy));
        double major = tr + det;
        double minor = Math.max(1e-9, tr - det);
        // the major axis' angle from upright; a stroke leaning right has x growing as y falls (sxy < 0)
        double lean = Math.toDegrees(Math.atan2(-2 * sxy, syy - sxx)) / 2;
        return Math.sqrt(major / minor) >= SLASH_ELONGATION && lean >= SLASH_LEAN && lean <= 60;
    }

    private static int footOfDigits(List<Components.Part> parts) {
        int[] feet = parts.stream().mapToInt(Components.Part::y1).sorted().toArray();
        return feet.length == 0 ? 0 : feet[feet.length / 2];
    }

    private static int medianHeight(List<Components.Part> parts) {
        int[] h = parts.stream().mapToInt(Components.Part::height).sorted().toArray();
        return h.length == 0 ? 0 : h[h.length / 2];
    }
}
