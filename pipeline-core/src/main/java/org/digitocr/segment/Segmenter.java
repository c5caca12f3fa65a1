package org.digitocr.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.normalize.InkMap;

/**
 * Splits a field into digit images. Printed box borders and cell dividers are erased where the template puts
 * them, except where a stroke crosses them. Boxed fields: one digit or nothing per cell. Free-form fields:
 * connected components, fragments that overlap horizontally merged (broken strokes), specks and stray marks
 * dropped, and components too wide for one digit split at the weakest column (touching digits); where the width
 * leaves the count open, the readings with one digit fewer and more are kept for the classifier to choose from.
 */
public final class Segmenter {
    /** Template pixels around the box included in the cut, so strokes over the border are kept. */
    public static final int PAD = 6;
    /** Half-width of the band erased around a printed line: line width plus registration error. */
    private static final int BAND = 4;
    /** A component is taken for touching digits only if it is wider than high by this much ... */
    private static final double TOUCHING_ASPECT = 1.0;
    /** ... and wider than this many typical digit widths of its field. */
    private static final double TOUCHING_WIDTHS = 1.6;
    /** Wider than this many typical digit widths but not split: flagged for review. */
    private static final double AMBIGUOUS_WIDTHS = 1.25;
    /** Most digits an alternative reading of one stretch of touching ink may have. */
    private static final int MAX_SPLIT = 4;
    /** Width of a typical digit relative to its height, when the field has no single digit to measure. */
    private static final double DIGIT_ASPECT = 0.75;

    /** Cuts, cleans and segments one field of a registered page. */
    public FieldSegments segment(FieldImage img, FieldSpec field) {
        InkMask mask = InkMask.of(img);
        boolean[] ink = eraseLines(mask, img, field);
        List<Components.Part> parts = Components.of(ink, img.width(), img.height());
        Box b = field.box();
        double minArea = Math.max(10, 0.002 * b.height() * b.height());
        List<String> notes = new ArrayList<>();
        List<Components.Part> kept = new ArrayList<>();
        for (Components.Part p : parts) {
            if (p.area() < minArea) {
                continue;
            }
            if (isLineRemnant(p, b)) {
                notes.add("printed line left after erasing");
                continue;
            }
            kept.add(p);
        }
        return field.boxed() ? boxed(img, mask, field, kept, notes) : freeForm(img, mask, field, kept, notes);
    }

    private FieldSegments boxed(FieldImage img, InkMask mask, FieldSpec field, List<Components.Part> parts,
                                List<String> notes) {
        List<DigitCrop> digits = new ArrayList<>();
        boolean doubt = !notes.isEmpty();
        int lastFilled = -1;
        boolean gap = false;
        for (int c = 0; c < field.cells(); c++) {
            Box cell = field.cell(c);
            int cx0 = cell.x() - img.originX();
            int cx1 = cx0 + cell.width();
            List<Components.Part> inCell = new ArrayList<>();
            for (Components.Part p : parts) {
                Components.Part share = columns(p, img.width(), cx0, cx1);
                // a part mostly in this cell, or a part run across the divider into a neighbour's digit
                if (share != null && share.area() >= 0.3 * p.area()) {
                    inCell.add(share);
                }
            }
            int area = inCell.stream().mapToInt(Components.Part::area).sum();
            if (area < Math.max(25, 0.004 * cell.width() * cell.height())) {
                continue;
            }
            if (lastFilled >= 0 && c > lastFilled + 1) {
                gap = true;
            }
            lastFilled = c;
            digits.add(crop(img, mask, Components.Part.union(inCell)));
        }
        if (gap) {
            notes.add("blank cell between digits");
            doubt = true;
        }
        return FieldSegments.of(List.copyOf(digits), doubt, List.copyOf(notes));
    }

    private FieldSegments freeForm(FieldImage img, InkMask mask, FieldSpec field, List<Components.Part> parts,
                                   List<String> notes) {
        boolean doubt = !notes.isEmpty();
        List<Components.Part> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(Components.Part::x0));
        List<Components.Part> groups = new ArrayList<>();
        for (Components.Part p : sorted) {
            Components.Part last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && overlapX(last, p) >= 0.5 * Math.min(last.width(), p.width())) {
                groups.set(groups.size() - 1, Components.Part.union(List.of(last, p)));
            } else {
                groups.add(p);
            }
        }
        int tallest = groups.stream().mapToInt(Components.Part::height).max().orElse(0);
        groups.removeIf(g -> {
            boolean tiny = g.height() < 0.3 * tallest;
            if (tiny) {
                notes.add("small mark ignored");
            }
            return tiny;
        });
        doubt |= !notes.isEmpty();
        double digitWidth = typicalDigitWidth(groups);
        List<FieldSegments.Slot> slots = new ArrayList<>();
        for (Components.Part g : groups) {
            int preferred;
            if (g.width() > Math.max(TOUCHING_WIDTHS * digitWidth, TOUCHING_ASPECT * g.height())) {
                preferred = Math.max(2, (int) Math.round(g.width() / digitWidth));
                notes.add("touching digits split in " + preferred);
            } else if (g.width() > AMBIGUOUS_WIDTHS * digitWidth && g.width() > 0.8 * g.height()) {
                preferred = 1;
                notes.add("possibly touching digits");
            } else {
                slots.add(FieldSegments.Slot.of(crop(img, mask, g)));
                continue;
            }
            doubt = true;
            List<List<DigitCrop>> options = new ArrayList<>();
            options.add(pieces(img, mask, g, preferred));
            for (int k = Math.max(1, preferred - 1); k <= Math.min(MAX_SPLIT, preferred + 1); k++) {
                if (k != preferred) {
                    options.add(pieces(img, mask, g, k));
                }
            }
            slots.add(new FieldSegments.Slot(List.copyOf(options)));
        }
        return new FieldSegments(List.copyOf(slots), doubt, List.copyOf(notes));
    }

    /** A group read as {@code k} digits: itself, or cut at the weakest columns into {@code k} pieces. */
    private static List<DigitCrop> pieces(FieldImage img, InkMask mask, Components.Part g, int k) {
        if (k == 1) {
            return List.of(crop(img, mask, g));
        }
        return split(g, img.width(), k).stream().map(p -> crop(img, mask, p)).toList();
    }

    /** Median width of the groups that are surely single digits (not wider than high), else a typical aspect. */
    private static double typicalDigitWidth(List<Components.Part> groups) {
        double[] singles = groups.stream().filter(g -> g.width() <= g.height()).mapToDouble(Components.Part::width)
                .sorted().toArray();
        if (singles.length >= 2) {
            return Math.max(singles[singles.length / 2], 0.45 * groups.stream().mapToInt(Components.Part::height).max().orElse(1));
        }
        double[] heights = groups.stream().mapToDouble(Components.Part::height).sorted().toArray();
        return heights.length == 0 ? 1 : DIGIT_ASPECT * heights[heights.length / 2];
    }

    /** The pixels of {@code p} in columns {@code [from, to)}, or null if there are none. */
    private static Components.Part columns(Components.Part p, int width, int from, int to) {
        if (p.x0() >= from && p.x1() < to) {
            return p;
        }
        int n = 0;
        for (int i : p.pixels()) {
            int x = i % width;
            n += x >= from && x < to ? 1 : 0;
        }
        if (n == 0) {
            return null;
        }
        int[] px = new int[n];
        int k = 0;
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int i : p.pixels()) {
            int x = i % width;
            if (x >= from && x < to) {
                px[k++] = i;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, i / width);
                y1 = Math.max(y1, i / width);
            }
        }
        return new Components.Part(px, x0, y0, x1, y1);
    }

    /** Cuts a group into {@code k} pieces at the columns with the least ink near the even split points. */
    private static List<Components.Part> split(Components.Part g, int width, int k) {
        int[] proj = new int[g.width()];
        for (int i : g.pixels()) {
            proj[i % width - g.x0()]++;
        }
        int[] cuts = new int[k + 1];
        cuts[0] = 0;
        cuts[k] = g.width();
        double step = (double) g.width() / k;
        for (int c = 1; c < k; c++) {
            int centre = (int) Math.round(c * step);
            int radius = (int) Math.round(0.25 * step);
            int best = centre;
            for (int x = Math.max(cuts[c - 1] + 1, centre - radius); x <= Math.min(g.width() - 1, centre + radius); x++) {
                if (proj[x] < proj[best]) {
                    best = x;
                }
            }
            cuts[c] = best;
        }
        List<Components.Part> pieces = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int from = cuts[c];
            int to = cuts[c + 1];
            List<Integer> px = new ArrayList<>();
            for (int i : g.pixels()) {
                int x = i % width - g.x0();
                if (x >= from && x < to) {
                    px.add(i);
                }
            }
            if (!px.isEmpty()) {
                int[] arr = px.stream().mapToInt(Integer::intValue).toArray();
                int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
                for (int i : arr) {
                    x0 = Math.min(x0, i % width);
                    x1 = Math.max(x1, i % width);
                    y0 = Math.min(y0, i / width);
                    y1 = Math.max(y1, i / width);
                }
                pieces.add(new Components.Part(arr, x0, y0, x1, y1));
            }
        }
        return pieces;
    }

    /** The ink of a part as intensities (0 paper .. 1 full ink), with a one-pixel anti-aliased rim. */
    private static DigitCrop crop(FieldImage img, InkMask mask, Components.Part p) {
        int x0 = Math.max(0, p.x0() - 1);
        int y0 = Math.max(0, p.y0() - 1);
        int x1 = Math.min(img.width() - 1, p.x1() + 1);
        int y1 = Math.min(img.height() - 1, p.y1() + 1);
        int w = x1 - x0 + 1;
        int h = y1 - y0 + 1;
        boolean[] member = new boolean[w * h];
        for (int i : p.pixels()) {
            member[(i / img.width() - y0) * w + (i % img.width() - x0)] = true;
        }
        float[] ink = new float[w * h];
        float range = Math.max(1f, mask.paper() - mask.inkLevel());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (member[y * w + x] || nearMember(member, w, h, x, y)) {
                    float v = (mask.paper() - img.at(x0 + x, y0 + y)) / range;
                    ink[y * w + x] = Math.max(0f, Math.min(1f, v));
                }
            }
        }
        Box where = new Box(img.originX() + x0, img.originY() + y0, w, h);
        return new DigitCrop(new InkMap(ink, w, h), where);
    }

    private static boolean nearMember(boolean[] m, int w, int h, int x, int y) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < w && yy < h && m[yy * w + xx]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int overlapX(Components.Part a, Components.Part b) {
        return Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0()) + 1;
    }

    private static boolean isLineRemnant(Components.Part p, Box b) {
        boolean flatLong = p.height() <= 2 * BAND && p.width() > 0.5 * b.height();
        boolean tallThin = p.width() <= 2 * BAND && p.height() > 0.9 * b.height();
        return flatLong || tallThin;
    }

    /** Erases box borders and cell dividers, keeping ink where a stroke runs through the line. */
    private static boolean[] eraseLines(InkMask mask, FieldImage img, FieldSpec field) {
        boolean[] ink = mask.ink().clone();
        Box b = field.box();
        int left = b.x() - img.originX();
        int top = b.y() - img.originY();
        List<Integer> verticals = new ArrayList<>(List.of(left, left + b.width()));
        if (field.boxed()) {
            for (int i = 1; i < field.cells(); i++) {
                verticals.add(field.cell(i).x() - img.originX());
            }
        }
        int w = img.width();
        int h = img.height();
        for (int lx : verticals) {
            for (int y = 0; y < h; y++) {
                boolean crossing = mask.at(lx - BAND - 1, y) && mask.at(lx + BAND + 1, y);
                if (!crossing) {
                    for (int x = Math.max(0, lx - BAND); x <= Math.min(w - 1, lx + BAND); x++) {
                        ink[y * w + x] = false;
                    }
                }
            }
        }
        for (int ly : new int[] {top, top + b.height()}) {
            for (int x = 0; x < w; x++) {
                boolean crossing = mask.at(x, ly - BAND - 1) && mask.at(x, ly + BAND + 1);
                if (!crossing) {
                    for (int y = Math.max(0, ly - BAND); y <= Math.min(h - 1, ly + BAND); y++) {
                        ink[y * w + x] = false;
                    }
                }
            }
        }
        // nothing outside the box belongs to the field (labels, neighbouring fields)
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < left - BAND || x > left + b.width() + BAND || y < top - BAND || y > top + b.height() + BAND) {
                    ink[y * w + x] = false;
                }
            }
        }
        return ink;
    }
}
