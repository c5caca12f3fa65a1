package org.digitocr.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FieldType;
import org.digitocr.normalize.InkMap;

/**
 * Splits a field into digit images. Printed box borders and cell dividers are erased where the template puts
 * them, except where a stroke crosses them. Boxed fields: one digit or nothing per cell. Free-form fields:
 * connected components, fragments of one digit merged (broken strokes, a 5's detached flag), specks, pale
 * stray marks and punctuation (a decimal point, a comma, a dash: the field then goes to review) dropped; ink too
 * wide for one digit is cut along paths of least ink (touching digits). Since geometry alone often cannot tell a
 * wide digit from two touching ones, or two strokes of a digit from two narrow digits, the free-form result is a
 * lattice: besides its preferred reading, ink at least as wide as two narrow digits is also offered cut in two,
 * and close neighbours joined, for the classifier to choose from.
 */
public final class Segmenter {
    /** Half-width of the band a printed line is looked for in: line width plus registration error. */
    private static final int BAND = 4;
    /**
     * Ink within this many {@link #BAND}s of a box border's line on both sides, and this share of the box's height, is
     * the border's debris, not writing.
     */
    private static final int DEBRIS_REACH = 3;
    private static final double DEBRIS_SHARE = 0.12;
    /** How far from where the template puts it a box border is looked for, in template pixels. */
    private static final int LINE_SEARCH = 12;
    /** A row (column) is the border's if its ink covers this share of the border's length. */
    private static final double LINE_COVER = 0.75;
    /** Length, in template pixels, of the stretches of a printed line each located on its own (skew, curl). */
    private static final int LINE_STRETCH = 40;
    /** A row of a line's band is the line's if it holds this share of the inkiest row's ink (blur, anti-aliasing). */
    private static final double LINE_SHARE = 0.5;
    /** A stroke reaching this many template pixels past a box border's band means the writing ran out of the box. */
    private static final int SPILL = 8;
    /** Fewest template pixels around the box included in the cut: strokes over the border, and a spill seen. */
    public static final int PAD = BAND + SPILL + 4;
    /**
     * Share of the box's height included in the cut above, below and either side of it: a digit written up to twice
     * as high as the box, over its lines, is read whole rather than cut off and sent to review.
     */
    private static final double OVERWRITE_REACH = 0.5;
    /** A component is taken for touching digits only if it is wider than high by this much ... */
    private static final double TOUCHING_ASPECT = 1.0;
    /** ... and wider than this many typical digit widths of its field. */
    private static final double TOUCHING_WIDTHS = 1.6;
    /** Wider than this many typical digit widths but not split: flagged for review. */
    private static final double AMBIGUOUS_WIDTHS = 1.25;
    /** Most digits an alternative reading of one stretch of touching ink may have. */
    private static final int MAX_SPLIT = 4;
    /** Narrowest piece a valley cut may leave, as a share of the group's width (a 1 beside another digit). */
    private static final double MIN_PIECE = 0.12;
    /** Ink lower than this share of the field's tallest ink is a mark, not a digit of its own. */
    private static final double SMALL_MARK = 0.3;
    /** How far, relative to the tallest ink, a small mark may be from a digit and still be joined to it. */
    private static final double MARK_REACH = 0.1;
    /**
     * A small mark no wider than this share of the tallest ink, in the bottom third of the line (a point, a comma)
     * or, if {@link #DASH_ASPECT} times as wide as high, below its top third (a dash) ...
     */
    private static final double PUNCTUATION_WIDTH = 0.6;
    static final double DASH_ASPECT = 1.5;
    /**
     * ... and farther than this share of it from all other ink is punctuation (a decimal point, a comma, a dash), not
     * part of a digit: a writer puts a point in the gap between two digits, a stroke width or so from each, while a
     * stroke broken by the scan leaves its pieces a pixel or two apart.
     */
    private static final double PUNCTUATION_GAP = 0.04;
    /** Half-width of the band a cut path may wander in, as a share of the width of one piece. */
    private static final double PATH_BAND = 0.25;
    /** Cost of a cut path's step sideways, in ink pixels crossed. */
    private static final double SIDESTEP_COST = 0.2;
    /** Cost of a cut path's distance from its starting column, per pixel and row. */
    private static final double STRAY_COST = 0.01;
    /** Ink at least this wide, relative to the field's tallest ink, is also tried as two digits (two touching 1s). */
    private static final double SPLIT_WIDTH = 0.45;
    /** Neither piece of a cut may be lower than this share of the field's tallest ink. */
    private static final double MIN_PIECE_HEIGHT = 0.45;
    /**
     * A cut path may run through ink for at most this share of its ink's rows: touching digits meet at a join,
     * and a path inside ink for longer is slicing one stroke lengthwise (a broad 1 cut into two thin ones).
     */
    private static final double MAX_CUT_IN_INK = 0.5;
    /** Neighbouring strokes at most this far apart, relative to the tallest ink, are also tried as one digit ... */
    private static final double MERGE_GAP = 0.1;
    /** ... if together they are no wider than this. */
    private static final double MERGE_WIDTH = 1.0;
    /** A slash cut off an amount's last digits is at least this many times as tall as the digits ... */
    private static final double SLASH_HEIGHT = 1.2;
    /** ... and is looked for only in ink at least this many times as wide as high (a digit and the slash). */
    private static final double SLASH_GROUP_WIDTH = 0.8;
    /** A joining stroke between digits runs at least this share of the line's height. */
    private static final double LINK_LENGTH = 0.1;
    /** An amount's point has at least this share of the least area of a stroke ... */
    private static final double POINT_AREA = 0.3;
    /** ... and its middle is at most this share of the tallest ink from the digits' foot. */
    private static final double POINT_REACH = 0.2;
    /** A piece of a cut narrower than this share of the tallest ink may be a 1 with its neighbour's stubs ... */
    private static final double NARROW_PIECE = 0.4;
    /** ... which are its columns at the cut side holding less than this share of its fullest column. */
    private static final double STUB_SHARE = 0.35;
    /**
     * Writing fainter than this (grey levels between the paper and its darkest tenth) sends the field to review:
     * strokes that faint lose their thin parts to scan noise, and the calibration never saw them. Generated
     * forms read as well at about 95 levels as at 200 (dark pens), but at about 60 a fifth of the fields and
     * some confident ones went wrong.
     */
    static final float FAINT_INK = 75;
    /** Ink apart from the digits, lower than this share of the tallest ink ... */
    private static final double FAINT_MARK_HEIGHT = 0.75;
    /** ... and with less than this share of the field's stroke contrast, is a stray mark, not a digit. */
    private static final float FAINT_MARK_CONTRAST = 0.6f;
    /** Width of a typical digit relative to its height, when the field has no single digit to measure. */
    private static final double DIGIT_ASPECT = 0.75;
    /** A stroke's share of a cell's columns is that cell's digit if it holds this much of the stroke's ink ... */
    private static final double CELL_SHARE = 0.3;
    /**
     * ... or if it reaches across the cell's middle and is at least this share of the cell high. Big writing runs
     * over the dividers and joins neighbouring digits into one stroke, in which a slim digit beside a bold one holds
     * less than {@link #CELL_SHARE}; a bar or tail run across a divider from the neighbour stays near it, or is flat.
     */
    private static final double CELL_DIGIT_HEIGHT = 0.4;

    /** Template pixels around {@code field}'s box to cut with it ({@link FieldImage#cut}). */
    public static int pad(FieldSpec field) {
        return Math.max(PAD, (int) Math.round(OVERWRITE_REACH * field.box().height()));
    }

    /** Cuts, cleans and segments one field of a registered page. */
    public FieldSegments segment(FieldImage img, FieldSpec field) {
        Box b = field.box();
        int x0 = b.x() - img.originX() - PAD;
        int y0 = b.y() - img.originY() - PAD;
        InkMask mask = InkMask.of(img, x0, y0, x0 + b.width() + 2 * PAD + 1, y0 + b.height() + 2 * PAD + 1);
        Borders borders = Borders.of(mask, img, b);
        int[] dividers = dividers(field, borders);
        List<PaperDoubt> paper = new ArrayList<>();
        StrayLines.find(mask, borders.left(), borders.top(), borders.right(), borders.bottom(), dividers)
                .ifPresent(line -> paper.add(new PaperDoubt(PaperDoubt.Kind.STRAY_LINE, line)));
        PaperShade.find(img, borders.left(), borders.top(), borders.right(), borders.bottom(), dividers)
                .ifPresent(shade -> paper.add(new PaperDoubt(PaperDoubt.Kind.UNEVEN_PAPER, shade)));
        boolean[] lines = eraseLines(mask, field, borders);
        double minArea = Math.max(10, 0.002 * b.height() * b.height());
        FieldInk fieldInk = FieldInk.of(lines, img, b, minArea);
        List<Components.Part> parts = fieldInk.parts();
        List<String> notes = new ArrayList<>();
        List<Components.Part> kept = new ArrayList<>();
        List<Components.Part> small = new ArrayList<>();
        for (Components.Part p : parts) {
            if (onBorder(p, borders, b)) {
                continue;
            }
            if (p.area() < minArea) {
                small.add(p);
                continue;
            }
            if (isLineRemnant(p, b)) {
                notes.add("printed line left after erasing");
                continue;
            }
            kept.add(p);
        }
        if (field.type() instanceof FieldType.Amount) {
            kept.addAll(points(small, kept, minArea, img, mask));
        }
        if (fieldInk.runsPast()) {
            notes.add("ink runs past the box");
        }
        if (!kept.isEmpty() && strokeContrast(img, mask, kept) < FAINT_INK) {
            notes.add("faint ink");
        }
        FieldSegments read = field.boxed() ? boxed(img, mask, field, kept, notes) : freeForm(img, mask, field, kept, notes);
        return read.withPaper(paper);
    }

    /**
     * Ink too small for a stroke that is where an amount's decimal point or comma is written: compact, as dark as the
     * writing, on the digits' foot and between the first and last of them. A ballpoint's point is about as big as the
     * specks of a noisy scan, and dropped with them it would make the amount a hundred times larger.
     */
    private static List<Components.Part> points(List<Components.Part> small, List<Components.Part> kept, double minArea,
                                                FieldImage img, InkMask mask) {
        int tallest = tallest(kept);
        List<Components.Part> digits = tall(kept);
        if (digits.size() < 2) {
            return List.of();
        }
        int foot = AmountMarks.footOfDigits(digits);
        int first = digits.stream().mapToInt(Components.Part::x1).min().orElseThrow();
        int last = digits.stream().mapToInt(Components.Part::x0).max().orElseThrow();
        float writing = strokeContrast(img, mask, digits);
        return small.stream().filter(p -> p.area() >= POINT_AREA * minArea && onFoot(p, foot, tallest)
                && p.x0() > first && p.x1() < last
                && strokeContrast(img, mask, List.of(p)) >= FAINT_MARK_CONTRAST * writing).toList();
    }

    /**
     * Whether a small compact mark sits on the digits' foot among them, too close to a digit to be told apart as
     * punctuation: a decimal point written tight against the next digit, which joined to it would vanish and make the
     * amount a hundred times larger.
     */
    private static boolean pointBesideDigit(List<Components.Part> groups) {
        int tallest = tallest(groups);
        List<Components.Part> digits = tall(groups);
        if (digits.size() < 2) {
            return false;
        }
        int foot = AmountMarks.footOfDigits(digits);
        return groups.stream().anyMatch(g -> g.height() < SMALL_MARK * tallest && onFoot(g, foot, tallest));
    }

    /** Whether {@code p} is compact (neither side over three times the other) and centred on the digits' foot. */
    private static boolean onFoot(Components.Part p, int foot, int tallest) {
        return p.width() <= 3 * p.height() && p.height() <= 3 * p.width()
                && Math.abs((p.y0() + p.y1()) / 2.0 - foot) <= POINT_REACH * tallest;
    }

    private static int tallest(List<Components.Part> parts) {
        return parts.stream().mapToInt(Components.Part::height).max().orElse(0);
    }

    /** The strokes at least half as tall as the tallest: digits and closing strokes, not marks. */
    private static List<Components.Part> tall(List<Components.Part> parts) {
        int tallest = tallest(parts);
        return parts.stream().filter(p -> p.height() >= 0.5 * tallest).toList();
    }

    private FieldSegments boxed(FieldImage img, InkMask mask, FieldSpec field, List<Components.Part> parts,
                                List<String> notes) {
        List<DigitCrop> digits = new ArrayList<>();
        boolean doubt = !notes.isEmpty();
        int lastFilled = -1;
        boolean gap = false;
        boolean[] read = new boolean[parts.size()];
        for (int c = 0; c < field.cells(); c++) {
            Box cell = field.cell(c);
            int cx0 = cell.x() - img.originX();
            int cx1 = cx0 + cell.width();
            List<Components.Part> inCell = new ArrayList<>();
            List<Integer> from = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                Components.Part p = parts.get(i);
                Components.Part share = columns(p, img.width(), cx0, cx1);
                if (share != null && (share.area() >= CELL_SHARE * p.area()
                        || share.x0() <= (cx0 + cx1) / 2 && share.x1() >= (cx0 + cx1) / 2
                        && share.height() >= CELL_DIGIT_HEIGHT * cell.height())) {
                    inCell.add(share);
                    from.add(i);
                }
            }
            if (inCell.stream().mapToInt(Components.Part::area).sum() < digitInk(cell)) {
                continue;
            }
            from.forEach(i -> read[i] = true);
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
        for (int i = 0; i < parts.size(); i++) {
            if (!read[i] && parts.get(i).area() >= digitInk(field.cell(0))) {
                notes.add("ink in no cell's digit");
                doubt = true;
                break;
            }
        }
        return FieldSegments.of(List.copyOf(digits), doubt, List.copyOf(notes));
    }

    /** Least ink, in pixels, that makes a boxed cell's digit: less is a speck, and the cell is blank. */
    private static double digitInk(Box cell) {
        return Math.max(25, 0.004 * cell.width() * cell.height());
    }

    private FieldSegments freeForm(FieldImage img, InkMask mask, FieldSpec field, List<Components.Part> parts,
                                   List<String> notes) {
        boolean amount = field.type() instanceof FieldType.Amount;
        List<Components.Part> sorted = new ArrayList<>(parts);
        List<Components.Part> marks = punctuation(parts, img.width());
        sorted.removeAll(marks);
        if (!marks.isEmpty() && !amount) {
            notes.add("punctuation mark ignored");
        }
        sorted.sort(Comparator.comparingInt(Components.Part::x0));
        List<Components.Part> groups = new ArrayList<>();
        for (Components.Part p : sorted) {
            Components.Part last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && brokenStroke(last, p)) {
                groups.set(groups.size() - 1, Components.Part.union(List.of(last, p)));
            } else {
                groups.add(p);
            }
        }
        if (amount) {
            slashOff(groups, img.width());
        }
        List<FieldSegments.Separator> separators = amount
                ? AmountMarks.separate(groups, marks, img.originX(), img.width(), notes) : List.of();
        boolean doubt = !notes.isEmpty();
        int before = notes.size();
        if (amount && pointBesideDigit(groups)) {
            notes.add("a point close to a digit");
        }
        attachSmallMarks(groups, notes);
        dropFaintMarks(img, mask, groups, notes);
        doubt |= notes.size() > before;
        double digitWidth = typicalDigitWidth(groups);
        int lineHeight = groups.stream().mapToInt(Components.Part::height).max().orElse(0);
        List<FieldSegments.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Components.Part g = groups.get(i);
            int preferred = 1;
            int most = g.width() >= SPLIT_WIDTH * lineHeight ? 2 : 1;
            if (g.width() > Math.max(TOUCHING_WIDTHS * digitWidth, TOUCHING_ASPECT * g.height())) {
                preferred = Math.max(2, (int) Math.round(g.width() / digitWidth));
                most = Math.min(MAX_SPLIT, preferred + 1);
                notes.add("touching digits split in " + preferred);
                doubt = true;
            } else if (g.width() > AMBIGUOUS_WIDTHS * digitWidth && g.width() > 0.8 * g.height()) {
                notes.add("possibly touching digits");
                doubt = true;
            }
            int[] proj = projection(g, img.width());
            // when no cut into the count geometry suggests is plausible, the nearest smaller count that is (at worst
            // the ink read whole) is preferred instead
            int chosen = preferred;
            while (!addReadings(candidates, i, img, mask, g, proj, chosen, true, lineHeight, amount)) {
                chosen--;
            }
            if (chosen != preferred) {
                notes.add("no plausible cut in " + preferred);
            }
            for (int k = Math.max(1, chosen - 1); k <= most; k++) {
                if (k != chosen) {
                    addReadings(candidates, i, img, mask, g, proj, k, false, lineHeight, amount);
                }
            }
            if (i + 1 < groups.size()) {
                Components.Part next = groups.get(i + 1);
                Components.Part both = Components.Part.union(List.of(g, next));
                if (next.x0() - g.x1() - 1 <= MERGE_GAP * lineHeight && both.width() <= MERGE_WIDTH * lineHeight) {
                    candidates.add(new FieldSegments.Candidate(i, i + 2, List.of(crop(img, mask, both)), false));
                }
            }
        }
        return new FieldSegments(groups.size(), candidates, doubt, notes, separators);
    }

    /**
     * Cuts the closing slash off an amount's last digits when the writer ran into it ("000/" in one stroke), so that
     * it is read as the closing mark it is, not as a 1: the last tall stroke, if wider than a digit, is cut along the
     * path of least ink where the piece right of the cut is then a straight stroke leaning as a slash does and
     * {@link #SLASH_HEIGHT} times as tall as the other digits, or upright and taller still (a 1 is written as tall as
     * its neighbours), the straightest such piece; left as it is when no cut gives one. What the cut piece is, is
     * then settled with the amount's other marks.
     */
    private static void slashOff(List<Components.Part> groups, int width) {
        int tallest = tallest(groups);
        List<Components.Part> tall = tall(groups);
        if (tall.size() < 2) {
            return;
        }
        Components.Part g = tall.get(tall.size() - 1);
        if (g.width() < g.height() * SLASH_GROUP_WIDTH) {
            return;
        }
        int others = AmountMarks.medianHeight(tall.subList(0, tall.size() - 1));
        if (g.height() < Math.min(SLASH_HEIGHT, AmountMarks.UPRIGHT_SLASH_HEIGHT) * others) {
            return; // no piece of it could be tall enough
        }
        List<Components.Part> best = null;
        double straightest = 0;
        for (int x = g.width() / 3; x < g.width() - 2; x += 2) {
            List<Components.Part> pieces = cutAt(g, width, new int[] {0, x, g.width()});
            if (pieces.size() != 2) {
                continue;
            }
            Components.Part slash = pieces.get(1);
            double e = AmountMarks.Axis.of(slash, width).elongation();
            boolean closing = AmountMarks.isSlash(slash, width) && slash.height() >= SLASH_HEIGHT * others
                    || AmountMarks.isUprightSlash(slash, width, others);
            if (e > straightest && closing && pieces.get(0).height() >= MIN_PIECE_HEIGHT * tallest) {
                straightest = e;
                best = pieces;
            }
        }
        if (best != null) {
            int at = groups.indexOf(g);
            groups.remove(at);
            groups.addAll(at, best);
        }
    }

    /**
     * Adds the readings of group {@code unit} as {@code k} digits: itself for one; for more, cuts starting from the
     * weakest columns near the even split points and from the deepest valleys of the ink's column profile (which
     * finds the cut beside a narrow digit such as a 1); two digits are also tried cut from a third and two thirds
     * of the way across. Readings that cut the ink the same way are kept once; readings with a piece lower than
     * {@link #MIN_PIECE_HEIGHT} of the line are dropped (a tail, a bar or a loop cut off a digit is not a digit: the
     * digits of one field are written about as tall as each other). The first reading added is the preferred one
     * when {@code preferred} is set; returns false when {@code preferred} was asked for and no reading was added.
     * {@code joinedUp}: the field is written in joined-up strokes (an amount), so each cut is also offered without the
     * links between its pieces ({@link #withoutLinks}); in fields of separate digits a thin stroke at a cut is a 7's
     * bar or a 5's flag run into its neighbour, and dropping it reads a 7 as a 1.
     */
    private static boolean addReadings(List<FieldSegments.Candidate> out, int unit, FieldImage img, InkMask mask,
                                       Components.Part g, int[] proj, int k, boolean preferred, int lineHeight,
                                       boolean joinedUp) {
        if (k == 1) {
            out.add(new FieldSegments.Candidate(unit, unit + 1, List.of(crop(img, mask, g)), preferred));
            return true;
        }
        List<int[]> starts = new ArrayList<>();
        starts.add(evenCuts(proj, k));
        int[] valleys = valleyCuts(proj, k);
        if (valleys != null) {
            starts.add(valleys);
        }
        if (k == 2) {
            starts.add(new int[] {0, (int) Math.round(proj.length / 3.0), proj.length});
            starts.add(new int[] {0, (int) Math.round(2 * proj.length / 3.0), proj.length});
        }
        Set<String> seen = new HashSet<>();
        boolean first = preferred;
        for (int[] cuts : starts) {
            List<Components.Part> cut = cutAt(g, img.width(), cuts);
            List<List<Components.Part>> readings = new ArrayList<>(List.of(cut));
            List<Components.Part> trimmed = k == 2 && cut.size() == 2 ? trimNarrow(cut, img.width(), lineHeight) : null;
            if (trimmed != null) {
                readings.add(trimmed);
            }
            List<Components.Part> unlinked = joinedUp && cut.size() == k ? withoutLinks(cut, img.width(), lineHeight)
                    : null;
            if (unlinked != null) {
                readings.add(unlinked);
            }
            for (List<Components.Part> pieces : readings) {
                String key = pieces.stream().map(p -> p.x0() + ":" + p.x1() + ":" + p.area()).toList().toString();
                boolean plausible = pieces.size() == k
                        && pieces.stream().allMatch(p -> p.height() >= MIN_PIECE_HEIGHT * lineHeight);
                if (seen.add(key) && plausible) {
                    out.add(new FieldSegments.Candidate(unit, unit + 1,
                            pieces.stream().map(p -> crop(img, mask, p)).toList(), first));
                    first = false;
                }
            }
        }
        return !preferred || !first;
    }

    /**
     * Two pieces of which one is narrow (a 1 beside its neighbour) with the neighbour's stubs given back: a cut
     * through strokes that touch a 1 leaves their ends on the 1's side, and a 1 with stubs reads as another digit.
     * Columns at the narrow piece's cut side holding less than {@link #STUB_SHARE} of its fullest column go to
     * the other piece; null when the pieces are not like that or nothing would move.
     */
    private static List<Components.Part> trimNarrow(List<Components.Part> pieces, int width, int lineHeight) {
        Components.Part left = pieces.get(0);
        Components.Part right = pieces.get(1);
        boolean leftNarrow = left.width() < NARROW_PIECE * lineHeight;
        boolean rightNarrow = right.width() < NARROW_PIECE * lineHeight;
        if (leftNarrow == rightNarrow) {
            return null;
        }
        Components.Part narrow = leftNarrow ? left : right;
        int[] proj = projection(narrow, width);
        int keep0 = leftNarrow ? 0 : stubColumns(proj, true);
        int keep1 = proj.length - 1 - (leftNarrow ? stubColumns(proj, false) : 0);
        if (keep0 == 0 && keep1 == proj.length - 1) {
            return null;
        }
        List<Integer> kept = new ArrayList<>();
        List<Integer> moved = new ArrayList<>();
        for (int i : narrow.pixels()) {
            int x = i % width - narrow.x0();
            (x >= keep0 && x <= keep1 ? kept : moved).add(i);
        }
        Components.Part core = Components.Part.of(kept.stream().mapToInt(Integer::intValue).toArray(), width);
        Components.Part stubs = Components.Part.of(moved.stream().mapToInt(Integer::intValue).toArray(), width);
        Components.Part rest = Components.Part.union(List.of(leftNarrow ? right : left, stubs));
        return leftNarrow ? List.of(core, rest) : List.of(rest, core);
    }

    /**
     * The pieces of a cut without the joining strokes at their cut sides: columns at a side where a neighbour was cut
     * off that hold less than {@link #STUB_SHARE} of the piece's fullest column, where they run at least
     * {@link #LINK_LENGTH} of the line's height (a digit's own edge tapers over a few columns); null when no piece
     * has such a link. Joined-up writing ("000" in one stroke) links each digit to the next with a thin stroke that
     * belongs to neither, and a 0 with a link on either side reads as an 8.
     */
    private static List<Components.Part> withoutLinks(List<Components.Part> pieces, int width, int lineHeight) {
        List<Components.Part> out = new ArrayList<>();
        boolean linked = false;
        for (int i = 0; i < pieces.size(); i++) {
            Components.Part p = pieces.get(i);
            int[] proj = projection(p, width);
            double link = LINK_LENGTH * lineHeight;
            int before = i > 0 ? stubColumns(proj, true) : 0;
            int after = i < pieces.size() - 1 ? stubColumns(proj, false) : 0;
            int keep0 = before >= link ? before : 0;
            int keep1 = proj.length - 1 - (after >= link ? after : 0);
            Components.Part kept = p;
            if (keep0 > 0 || keep1 < proj.length - 1) {
                kept = columns(p, width, p.x0() + keep0, p.x0() + keep1 + 1);
                linked = true;
            }
            out.add(kept == null ? p : kept);
        }
        return linked ? out : null;
    }

    /**
     * How many columns at the start (else the end) of a piece's column profile hold less than {@link #STUB_SHARE} of
     * its fullest column: the stubs or links of strokes a cut left on it.
     */
    private static int stubColumns(int[] proj, boolean atStart) {
        int max = Arrays.stream(proj).max().orElse(0);
        int n = 0;
        while (n < proj.length - 1 && proj[atStart ? n : proj.length - 1 - n] < STUB_SHARE * max) {
            n++;
        }
        return n;
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
        for (int i : p.pixels()) {
            int x = i % width;
            if (x >= from && x < to) {
                px[k++] = i;
            }
        }
        return Components.Part.of(px, width);
    }

    /** Ink pixels per column of a group. */
    private static int[] projection(Components.Part g, int width) {
        int[] proj = new int[g.width()];
        for (int i : g.pixels()) {
            proj[i % width - g.x0()]++;
        }
        return proj;
    }

    /** Cut columns (with 0 and the width at the ends) at the least ink near the even split points. */
    private static int[] evenCuts(int[] proj, int k) {
        int[] cuts = new int[k + 1];
        cuts[k] = proj.length;
        double step = (double) proj.length / k;
        for (int c = 1; c < k; c++) {
            int centre = (int) Math.round(c * step);
            int radius = (int) Math.round(0.25 * step);
            int best = centre;
            for (int x = Math.max(cuts[c - 1] + 1, centre - radius); x <= Math.min(proj.length - 1, centre + radius); x++) {
                if (proj[x] < proj[best]) {
                    best = x;
                }
            }
            cuts[c] = best;
        }
        return cuts;
    }

    /**
     * Cut columns at the {@code k - 1} local minima of the column profile with the least ink, no piece narrower
     * than {@link #MIN_PIECE} of the group; null when there are not enough such minima.
     */
    private static int[] valleyCuts(int[] proj, int k) {
        int n = proj.length;
        int minPiece = Math.max(2, (int) Math.round(MIN_PIECE * n));
        List<Integer> minima = new ArrayList<>();
        for (int x = minPiece; x <= n - minPiece; x++) {
            int left = proj[x - 1];
            int right = x + 1 < n ? proj[x + 1] : Integer.MAX_VALUE;
            if (proj[x] <= left && proj[x] <= right) {
                minima.add(x);
            }
        }
        minima.sort(Comparator.comparingInt((Integer x) -> proj[x]).thenComparingInt(x -> x));
        List<Integer> chosen = new ArrayList<>();
        for (int x : minima) {
            if (chosen.size() == k - 1) {
                break;
            }
            if (chosen.stream().allMatch(c -> Math.abs(c - x) >= minPiece)) {
                chosen.add(x);
            }
        }
        if (chosen.size() < k - 1) {
            return null;
        }
        chosen.sort(Comparator.naturalOrder());
        int[] cuts = new int[k + 1];
        for (int c = 1; c < k; c++) {
            cuts[c] = chosen.get(c - 1);
        }
        cuts[k] = n;
        return cuts;
    }

    /**
     * The pieces of a group cut near the given columns (relative to its left edge). Each cut follows the path
     * from top to bottom through the least ink within a band around its column, so it can pass between slanted
     * or overlapping digits that no straight vertical cut separates. None when a path would slice a stroke
     * lengthwise ({@link #MAX_CUT_IN_INK}).
     */
    private static List<Components.Part> cutAt(Components.Part g, int width, int[] cuts) {
        int w = g.width();
        int h = g.height();
        boolean[] ink = new boolean[w * h];
        for (int i : g.pixels()) {
            ink[(i / width - g.y0()) * w + (i % width - g.x0())] = true;
        }
        int k = cuts.length - 1;
        int radius = Math.max(2, (int) Math.round(PATH_BAND * w / k));
        int[][] paths = new int[k - 1][];
        for (int c = 1; c < k; c++) {
            paths[c - 1] = path(ink, w, h, cuts[c], Math.max(1, cuts[c] - radius), Math.min(w - 1, cuts[c] + radius));
            if (rowsInInk(ink, w, paths[c - 1]) > MAX_CUT_IN_INK * h) {
                return List.of();
            }
        }
        List<List<Integer>> px = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            px.add(new ArrayList<>());
        }
        for (int i : g.pixels()) {
            int x = i % width - g.x0();
            int y = i / width - g.y0();
            int piece = 0;
            while (piece < k - 1 && x >= paths[piece][y]) {
                piece++;
            }
            px.get(piece).add(i);
        }
        List<Components.Part> pieces = new ArrayList<>();
        for (List<Integer> list : px) {
            if (list.isEmpty()) {
                continue;
            }
            pieces.add(Components.Part.of(list.stream().mapToInt(Integer::intValue).toArray(), width));
        }
        return pieces;
    }

    /**
     * Per row, the column of a top-to-bottom path within {@code [lo, hi]} crossing the least ink (dynamic
     * programming; a step sideways costs a little, and so does straying from {@code centre}). Pixels at or right
     * of the path's column belong to the right-hand piece.
     */
    private static int[] path(boolean[] ink, int w, int h, int centre, int lo, int hi) {
        int span = hi - lo + 1;
        if (span < 1) {
            int[] straight = new int[h];
            Arrays.fill(straight, Math.max(1, Math.min(w - 1, centre)));
            return straight;
        }
        double[] cost = new double[h * span];
        int[] from = new int[h * span];
        for (int y = 0; y < h; y++) {
            for (int j = 0; j < span; j++) {
                int x = lo + j;
                double here = (ink[y * w + x] ? 1 : 0) + STRAY_COST * Math.abs(x - centre);
                if (y == 0) {
                    cost[j] = here;
                    continue;
                }
                double best = Double.MAX_VALUE;
                int arg = j;
                for (int d = -1; d <= 1; d++) {
                    int jj = j + d;
                    if (jj >= 0 && jj < span) {
                        double c = cost[(y - 1) * span + jj] + (d == 0 ? 0 : SIDESTEP_COST);
                        if (c < best) {
                            best = c;
                            arg = jj;
                        }
                    }
                }
                cost[y * span + j] = best + here;
                from[y * span + j] = arg;
            }
        }
        int end = 0;
        for (int j = 1; j < span; j++) {
            if (cost[(h - 1) * span + j] < cost[(h - 1) * span + end]) {
                end = j;
            }
        }
        int[] out = new int[h];
        for (int y = h - 1; y >= 0; y--) {
            out[y] = lo + end;
            end = from[y * span + end];
        }
        return out;
    }

    /** Rows in which a cut path runs through ink. */
    private static int rowsInInk(boolean[] ink, int w, int[] path) {
        int n = 0;
        for (int y = 0; y < path.length; y++) {
            n += ink[y * w + path[y]] ? 1 : 0;
        }
        return n;
    }

    /** How far the darkest tenth of the writing's pixels stands below the paper, in grey levels. */
    private static float strokeContrast(FieldImage img, InkMask mask, List<Components.Part> parts) {
        int[] histogram = new int[256];
        int n = 0;
        for (Components.Part p : parts) {
            for (int i : p.pixels()) {
                histogram[Math.max(0, Math.min(255, Math.round(img.at(i % img.width(), i / img.width()))))]++;
                n++;
            }
        }
        return mask.paper() - InkMask.quantile(histogram, n / 10);
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

    /**
     * Whether two parts, the second starting right of the first, are pieces of one digit: they share at least half
     * the narrower one's columns, unless they stand side by side at the same height and size, as a narrow digit
     * (a slanted 1) does beside its neighbour.
     */
    private static boolean brokenStroke(Components.Part a, Components.Part b) {
        if (overlapX(a, b) < 0.5 * Math.min(a.width(), b.width())) {
            return false;
        }
        int lower = Math.min(a.height(), b.height());
        int overlapY = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0()) + 1;
        boolean sideBySide = lower >= 0.75 * Math.max(a.height(), b.height()) && overlapY >= 0.8 * lower;
        return !sideBySide;
    }

    /**
     * Small marks written apart from the digits, low on the line: a decimal point, a comma or a dash
     * ("12.50", "1,250", "125,-"). Joined to the digit beside them they change its shape, and dropped silently
     * they change the value a hundredfold, so the caller drops them and sends the field to review. A 5's flag or
     * a 7's bar written apart sits at the top of the line and is left to {@link #attachSmallMarks}.
     */
    private static List<Components.Part> punctuation(List<Components.Part> parts, int width) {
        int tallest = parts.stream().mapToInt(Components.Part::height).max().orElse(0);
        int lineTop = parts.stream().filter(p -> p.height() >= 0.5 * tallest).mapToInt(Components.Part::y0).min()
                .orElse(0);
        int reach = Math.max(2, (int) Math.ceil(PUNCTUATION_GAP * tallest));
        List<Components.Part> marks = new ArrayList<>();
        for (Components.Part m : parts) {
            // a point or a comma sits on the line's foot, a dash anywhere below its top third
            double below = m.width() >= DASH_ASPECT * m.height() ? 1 / 3.0 : 2 / 3.0;
            if (m.height() < SMALL_MARK * tallest && m.width() <= PUNCTUATION_WIDTH * tallest
                    && (m.y0() + m.y1()) / 2.0 > lineTop + below * tallest && apart(m, parts, width, reach)) {
                marks.add(m);
            }
        }
        return marks;
    }

    /** Whether no ink of {@code others} lies within {@code reach} pixels (across or down) of {@code mark}'s ink. */
    private static boolean apart(Components.Part mark, List<Components.Part> others, int width, int reach) {
        int left = mark.x0() - reach;
        int top = mark.y0() - reach;
        int w = mark.width() + 2 * reach;
        int h = mark.height() + 2 * reach;
        boolean[] near = new boolean[w * h];
        for (int i : mark.pixels()) {
            int x = i % width - left;
            int y = i / width - top;
            for (int dy = -reach; dy <= reach; dy++) {
                Arrays.fill(near, (y + dy) * w + x - reach, (y + dy) * w + x + reach + 1, true);
            }
        }
        for (Components.Part o : others) {
            if (o == mark) {
                continue;
            }
            for (int i : o.pixels()) {
                int x = i % width - left;
                int y = i / width - top;
                if (x >= 0 && y >= 0 && x < w && y < h && near[y * w + x]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Marks much lower than the field's tallest ink are joined to the digit they touch or overlap in columns (a
     * 5's flag or a 7's bar written apart from the body); marks near no digit are dropped, with a note.
     */
    private static void attachSmallMarks(List<Components.Part> groups, List<String> notes) {
        int tallest = groups.stream().mapToInt(Components.Part::height).max().orElse(0);
        List<Components.Part> marks = groups.stream().filter(g -> g.height() < SMALL_MARK * tallest).toList();
        groups.removeAll(marks);
        for (Components.Part m : marks) {
            int best = -1;
            int bestGap = Integer.MAX_VALUE;
            for (int i = 0; i < groups.size(); i++) {
                int gap = -overlapX(groups.get(i), m);
                if (gap < bestGap) {
                    best = i;
                    bestGap = gap;
                }
            }
            if (best >= 0 && bestGap <= MARK_REACH * tallest) {
                groups.set(best, Components.Part.union(List.of(groups.get(best), m)));
            } else {
                notes.add("small mark ignored");
            }
        }
    }

    /**
     * Drops ink standing apart from the digits, lower and much fainter than the field's writing, with a note (so
     * the field goes to review): a stray pencil line, dust or a stroke showing through from the back is read as a
     * digit as surely as a real one (a faint tick beside "11" read "111"), while the digits of one field are
     * written with one pen.
     */
    private static void dropFaintMarks(FieldImage img, InkMask mask, List<Components.Part> groups, List<String> notes) {
        if (groups.size() < 2) {
            return;
        }
        float field = strokeContrast(img, mask, groups);
        int tallest = groups.stream().mapToInt(Components.Part::height).max().orElse(0);
        if (groups.removeIf(g -> g.height() < FAINT_MARK_HEIGHT * tallest
                && strokeContrast(img, mask, List.of(g)) < FAINT_MARK_CONTRAST * field)) {
            notes.add("faint mark ignored");
        }
    }

    private static int overlapX(Components.Part a, Components.Part b) {
        return Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0()) + 1;
    }

    /**
     * Debris of a box border left by erasing it: ink no farther than {@link #DEBRIS_REACH} band widths (and
     * {@link #DEBRIS_SHARE} of the box's height) from one of the border's lines on either side, where a security
     * pattern or a printed tick touches the line, touching the line's band. Written ink that small touching a border
     * would be a point drawn on the line itself, which nobody does: points sit on the digits' foot.
     */
    private static boolean onBorder(Components.Part p, Borders at, Box b) {
        int reach = (int) Math.min(DEBRIS_REACH * BAND, DEBRIS_SHARE * b.height());
        int touch = BAND + 1;
        for (int ly : new int[] {at.top(), at.bottom()}) {
            if (p.y0() >= ly - reach && p.y1() <= ly + reach && p.y1() >= ly - touch && p.y0() <= ly + touch) {
                return true;
            }
        }
        for (int lx : new int[] {at.left(), at.right()}) {
            if (p.x0() >= lx - reach && p.x1() <= lx + reach && p.x1() >= lx - touch && p.x0() <= lx + touch
                    && p.height() <= 2 * reach + 1) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLineRemnant(Components.Part p, Box b) {
        boolean flatLong = p.height() <= 2 * BAND && p.width() > 0.5 * b.height();
        boolean tallThin = p.width() <= 2 * BAND && p.height() > 0.9 * b.height();
        return flatLong || tallThin;
    }

    /**
     * Erases box borders and cell dividers, keeping ink where a stroke runs through the line. Each line is looked
     * for within its band (registration is a few pixels off) stretch by stretch, and only the rows it covers are
     * erased, so that a stroke ending on the line (a 6's top touching the border) keeps what lies beside it.
     */
    private static boolean[] eraseLines(InkMask mask, FieldSpec field, Borders at) {
        boolean[] ink = mask.ink().clone();
        List<Integer> verticals = new ArrayList<>(List.of(at.left(), at.right()));
        for (int d : dividers(field, at)) {
            verticals.add(d);
        }
        for (int lx : verticals) {
            eraseLine(ink, mask, true, lx, at.top(), at.bottom());
        }
        for (int ly : new int[] {at.top(), at.bottom()}) {
            eraseLine(ink, mask, false, ly, at.left(), at.right());
        }
        return ink;
    }

    /** The columns of a boxed field's cell dividers in its image, spaced between its borders as the template has them. */
    private static int[] dividers(FieldSpec field, Borders at) {
        Box b = field.box();
        int[] out = new int[Math.max(0, field.cells() - 1)];
        for (int i = 1; i < field.cells(); i++) {
            double along = (double) (field.cell(i).x() - b.x()) / b.width();
            out[i - 1] = (int) Math.round(at.left() + along * (at.right() - at.left()));
        }
        return out;
    }

    /** Where a field's four border lines lie in its image (columns of the left and right, rows of the top and bottom). */
    private record Borders(int left, int top, int right, int bottom) {
        /**
         * The borders where the page shows them: each line looked for up to {@link #LINE_SEARCH} pixels from where the
         * template puts it (a registration from the printing is a few pixels off, more than a line's band), at the
         * offset whose row (column) holds the most ink if that covers most of the line; else where the template says.
         */
        static Borders of(InkMask mask, FieldImage img, Box b) {
            int left = b.x() - img.originX();
            int top = b.y() - img.originY();
            int right = left + b.width();
            int bottom = top + b.height();
            return new Borders(find(mask, true, left, top, bottom), find(mask, false, top, left, right),
                    find(mask, true, right, top, bottom), find(mask, false, bottom, left, right));
        }

        private static int find(InkMask mask, boolean vertical, int at, int from, int to) {
            int best = at;
            int most = -1;
            for (int d = 0; d <= LINE_SEARCH; d++) {
                for (int across : d == 0 ? new int[] {at} : new int[] {at - d, at + d}) {
                    int n = 0;
                    for (int s = from; s < to; s++) {
                        n += inkAt(mask, vertical, s, across) ? 1 : 0;
                    }
                    if (n > most) {
                        most = n;
                        best = across;
                    }
                }
            }
            return most >= LINE_COVER * (to - from) ? best : at;
        }
    }

    /**
     * Erases one printed line at {@code at} across, printed from {@code from} to {@code to} along it (columns of a
     * horizontal line, rows of a vertical one): per stretch, the rows (columns) within the band that hold at least
     * {@link #LINE_SHARE} of the inkiest one's ink, and one more either side; the whole band where no line shows.
     */
    private static void eraseLine(boolean[] ink, InkMask mask, boolean vertical, int at, int from, int to) {
        int length = vertical ? mask.height() : mask.width();
        int stretches = Math.max(1, (to - from) / LINE_STRETCH);
        int[][] span = new int[stretches][];
        for (int k = 0; k < stretches; k++) {
            int s0 = from + (to - from) * k / stretches;
            int s1 = from + (to - from) * (k + 1) / stretches;
            int[] count = new int[2 * BAND + 1];
            for (int s = s0; s < s1; s++) {
                for (int d = -BAND; d <= BAND; d++) {
                    count[d + BAND] += inkAt(mask, vertical, s, at + d) ? 1 : 0;
                }
            }
            int peak = BAND;
            for (int d = 0; d < count.length; d++) {
                if (count[d] > count[peak] || count[d] == count[peak] && Math.abs(d - BAND) < Math.abs(peak - BAND)) {
                    peak = d;
                }
            }
            if (count[peak] < 0.5 * (s1 - s0)) {
                span[k] = new int[] {-BAND, BAND};
                continue;
            }
            int lo = peak;
            int hi = peak;
            while (lo > 0 && count[lo - 1] >= LINE_SHARE * count[peak]) {
                lo--;
            }
            while (hi < count.length - 1 && count[hi + 1] >= LINE_SHARE * count[peak]) {
                hi++;
            }
            span[k] = new int[] {Math.max(-BAND, lo - BAND - 1), Math.min(BAND, hi - BAND + 1)};
        }
        for (int s = 0; s < length; s++) {
            int k = Math.max(0, Math.min(stretches - 1, (s - from) * stretches / Math.max(1, to - from)));
            int a = at + span[k][0];
            int z = at + span[k][1];
            if (inkAt(mask, vertical, s, a - 1) && inkAt(mask, vertical, s, z + 1)) {
                continue;
            }
            for (int t = Math.max(0, a); t <= Math.min((vertical ? mask.width() : mask.height()) - 1, z); t++) {
                ink[vertical ? s * mask.width() + t : t * mask.width() + s] = false;
            }
        }
    }

    private static boolean inkAt(InkMask mask, boolean vertical, int along, int across) {
        return vertical ? mask.at(across, along) : mask.at(along, across);
    }

    /**
     * The field's ink as connected parts: every stroke mostly within the box and its border's band, whole (a
     * digit written over a border keeps what it wrote past it), and of the other strokes only what lies within
     * (printed labels and neighbouring fields stay out), in raster order of their first pixel. {@code runsPast}:
     * part of the value may lie outside what is read, because a stroke kept whole is cut off by the edge of the
     * crop, or a stroke mostly outside the box has at least {@code minArea} pixels inside and goes on
     * {@link #SPILL} pixels past it.
     */
    private record FieldInk(List<Components.Part> parts, boolean runsPast) {
        static FieldInk of(boolean[] lines, FieldImage img, Box b, double minArea) {
            int w = img.width();
            int h = img.height();
            List<Components.Part> parts = new ArrayList<>();
            boolean[] clipped = null;
            boolean runsPast = false;
            for (Components.Part p : Components.of(lines, w, h)) {
                int in = 0;
                boolean far = false;
                boolean cutOff = false;
                for (int i : p.pixels()) {
                    int x = i % w;
                    int y = i / w;
                    in += inside(img, b, x, y, 0) ? 1 : 0;
                    far |= !inside(img, b, x, y, SPILL);
                    cutOff |= x == 0 || y == 0 || x == w - 1 || y == h - 1;
                }
                boolean whole = 2 * in >= p.area();
                if (whole) {
                    parts.add(p);
                } else if (in > 0) {
                    clipped = clipped == null ? new boolean[lines.length] : clipped;
                    for (int i : p.pixels()) {
                        clipped[i] = inside(img, b, i % w, i / w, 0);
                    }
                }
                runsPast |= in >= minArea && (whole ? cutOff : far);
            }
            // what is left of the strokes mostly outside may fall apart; no other part touches it
            if (clipped != null) {
                parts.addAll(Components.of(clipped, w, h));
                parts.sort(Comparator.comparingInt(p -> p.pixels()[0]));
            }
            return new FieldInk(List.copyOf(parts), runsPast);
        }
    }

    /** Whether crop pixel (x, y) lies within the box widened by its border's band plus {@code margin}. */
    private static boolean inside(FieldImage img, Box b, int x, int y, int margin) {
        int left = b.x() - img.originX() - BAND - margin;
        int top = b.y() - img.originY() - BAND - margin;
        return x >= left && y >= top && x <= left + b.width() + 2 * (BAND + margin)
                && y <= top + b.height() + 2 * (BAND + margin);
    }
}
