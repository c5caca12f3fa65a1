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
    /**
     * A dash is at least {@link Segmenter#DASH_ASPECT} times as wide as high and lower than this share of the line's
     * tallest ink (an {@code =} included).
     */
    private static final double DASH_HEIGHT = 0.5;
    /** A slash is a stroke at least this many times as long as it is thick ... */
    private static final double SLASH_ELONGATION = 3;
    /** ... leaning right by this many degrees or more from upright (a written 1 leans less) ... */
    private static final double SLASH_LEAN = 12;
    /** ... (and no more than this) ... */
    private static final double MOST_LEAN = 60;
    /** ... or reaching below the digits' foot by this share of their height (a slash with a long tail). */
    private static final double SLASH_TAIL = 0.25;
    /** A comma written as a short slanting stroke is at least this many times as long as thick. */
    private static final double COMMA_ELONGATION = 2.5;
    /** A closing stroke written upright is this many times as tall as the digits. */
    static final double UPRIGHT_SLASH_HEIGHT = 1.25;
    /** Ink after the digits lower and narrower than this share of their height is a speck, not writing. */
    private static final double SPECK = 0.35;

    private AmountMarks() {
    }

    /**
     * Reads an amount's marks: removes from {@code groups} its long commas and what follows its last digit (specks,
     * the closing mark), and returns its commas and points as separators at their template x ({@code originX}
     * is the field image's); a dash among the digits is noted, which sends the field to review.
     */
    static List<FieldSegments.Separator> separate(List<Components.Part> groups, List<Components.Part> marks,
                                                  int originX, int width, List<String> notes) {
        List<FieldSegments.Separator> separators = new ArrayList<>();
        for (Components.Part c : longCommas(groups)) {
            separators.add(new FieldSegments.Separator(',', originX + (c.x0() + c.x1()) / 2.0));
        }
        int tallest = groups.stream().mapToInt(Components.Part::height).max().orElse(0);
        List<Components.Part> inside = withoutEnd(groups, marks, width, notes);
        groups.retainAll(inside);
        for (Components.Part m : marks) {
            if (!inside.contains(m)) {
                continue;
            }
            if (isDash(m, tallest)) {
                notes.add("dash among the digits");
            } else {
                separators.add(new FieldSegments.Separator(kind(m, width), originX + (m.x0() + m.x1()) / 2.0));
            }
        }
        return separators;
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
    private static List<Components.Part> longCommas(List<Components.Part> groups) {
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

    /**
     * The amount's ink without what follows its last digit: specks and the closing mark (dashes or {@code =}, and a
     * slash before them or with a tail below the line). A slash-like last stroke with neither is taken for a closing
     * slash too (people close amounts; a last 1 is rarer), with a note that sends the field to review.
     *
     * @param groups the strokes, left to right
     * @param marks  small marks low on the line (punctuation)
     * @return the strokes and marks left, left to right
     */
    private static List<Components.Part> withoutEnd(List<Components.Part> groups, List<Components.Part> marks,
                                                    int width, List<String> notes) {
        List<Components.Part> all = new ArrayList<>(groups);
        all.addAll(marks);
        all.sort(java.util.Comparator.comparingInt(Components.Part::x0));
        int tallest = groups.stream().mapToInt(Components.Part::height).max().orElse(0);
        int height = medianHeight(groups);
        boolean junk = false;
        boolean dash = false;
        // specks and dashes in any order: a speck of the paper may lie between the slash and its dash
        while (all.size() > 1) {
            if (isDash(last(all), tallest)) {
                dash = true;
            } else if (isSpeck(last(all), height, tallest)) {
                junk = true;
            } else {
                break;
            }
            all.remove(all.size() - 1);
        }
        if (all.size() > 1 && isSlash(last(all), width)) {
            Components.Part s = last(all);
            all.remove(all.size() - 1);
            List<Components.Part> digits = all.stream().filter(groups::contains).toList();
            if (!dash && s.y1() <= footOfDigits(digits) + SLASH_TAIL * medianHeight(digits)) {
                notes.add("last stroke leans like a closing slash");
            }
        } else if (all.size() > 2 && isUprightSlash(last(all), width,
                medianHeight(all.subList(0, all.size() - 1).stream().filter(groups::contains).toList()))) {
            all.remove(all.size() - 1);
            notes.add("tall last stroke taken for a closing slash");
        }
        if (junk) {
            notes.add("mark after the amount");
        }
        return all;
    }

    private static Components.Part last(List<Components.Part> parts) {
        return parts.get(parts.size() - 1);
    }

    /** Ink too small for a digit and not a dash: a dot, a speck, a stain's edge. */
    private static boolean isSpeck(Components.Part p, int height, int tallest) {
        return !isDash(p, tallest) && p.height() < SPECK * height && p.width() < SPECK * height;
    }

    /**
     * A comma or a point among {@code marks} (small ink low on the line): a comma is higher than it is wide, or a
     * stroke (at least {@link #COMMA_ELONGATION} times as long as thick) slanting down from the right as a comma's
     * tail does; a point is a dot, however a pen makes it.
     */
    private static char kind(Components.Part mark, int width) {
        Axis a = Axis.of(mark, width);
        boolean tail = a.elongation() >= COMMA_ELONGATION && a.lean() > 0 && a.lean() <= MOST_LEAN;
        return mark.height() > 1.3 * mark.width() || tail ? ',' : '.';
    }

    private static boolean isDash(Components.Part p, int tallest) {
        return p.width() >= Segmenter.DASH_ASPECT * p.height() && p.height() < DASH_HEIGHT * tallest;
    }

    /** A long thin straight stroke leaning right, as a slash is (the principal axis of its ink). */
    static boolean isSlash(Components.Part p, int width) {
        Axis a = Axis.of(p, width);
        return a.elongation() >= SLASH_ELONGATION && a.lean() >= SLASH_LEAN && a.lean() <= MOST_LEAN;
    }

    /**
     * A closing stroke written upright: long, thin, straight and at least {@link #UPRIGHT_SLASH_HEIGHT} times as tall
     * as {@code digitHeight}; people who write their slash upright write it taller than their digits, a 1 is not.
     */
    static boolean isUprightSlash(Components.Part p, int width, int digitHeight) {
        Axis a = Axis.of(p, width);
        return a.elongation() >= SLASH_ELONGATION && a.lean() > -SLASH_LEAN && a.lean() <= MOST_LEAN
                && p.height() >= UPRIGHT_SLASH_HEIGHT * digitHeight;
    }

    /**
     * The principal axis of a stroke's ink: how many times longer than thick it is, and its angle from upright in
     * degrees, positive leaning right (top to the right of the foot).
     */
    record Axis(double elongation, double lean) {
        static Axis of(Components.Part p, int width) {
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
            double minor = Math.max(1e-9, tr - det);
            // a stroke leaning right has x growing as y falls (sxy < 0)
            return new Axis(Math.sqrt((tr + det) / minor), Math.toDegrees(Math.atan2(-2 * sxy, syy - sxx)) / 2);
        }
    }

    /** The median foot (lowest row) of {@code parts}, 0 when there are none. */
    static int footOfDigits(List<Components.Part> parts) {
        int[] feet = parts.stream().mapToInt(Components.Part::y1).sorted().toArray();
        return feet.length == 0 ? 0 : feet[feet.length / 2];
    }

    /** The median height of {@code parts}, 0 when there are none. */
    static int medianHeight(List<Components.Part> parts) {
        int[] h = parts.stream().mapToInt(Components.Part::height).sorted().toArray();
        return h.length == 0 ? 0 : h[h.length / 2];
    }
}
