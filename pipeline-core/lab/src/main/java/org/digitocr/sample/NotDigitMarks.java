package org.digitocr.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.normalize.InkMap;
import org.digitocr.normalize.MnistNormalizer;
import org.digitocr.normalize.PenNormalization;

/**
 * Marks that are not digits but are written where digits go: currency signs and other symbols drawn from
 * handwriting fonts ({@link #SYMBOLS}), and digits struck out with a cross or a scribble in their own pen. Trained
 * as {@link LabelledDigits#NOT_A_DIGIT} (outlier exposure), they teach the network to be unsure of such marks, so
 * that "$125" or a struck-out digit sends its field to review instead of being accepted with a digit nobody wrote.
 * A single slash is not drawn: it is how some people cross a 7 or a 0, and a slanted 1 looks like one. The fonts
 * of {@link #HELD_OUT} are kept for measuring ({@code NotDigitReading}), never drawn for training. Stateless.
 */
public final class NotDigitMarks {
    /** The symbols drawn: none of them is written as a digit by anybody. */
    public static final String SYMBOLS = "$€£#+&%=*@";
    /** Debian font packages whose symbols measure the network and never train it. */
    public static final Set<String> HELD_OUT = Set.of("fonts-humor-sans", "fonts-klee", "fonts-kristi",
            "fonts-rufscript", "fonts-seto");
    /** What the marks are, for model cards. */
    public static final String DESCRIPTION = "not-digit marks taught as no digit (uniform target): the symbols "
            + SYMBOLS + " drawn from the handwriting fonts of fonts-bwht, fonts-comic-neue, fonts-breip,"
            + " fonts-ecolier-court and fonts-dkg-handwriting, varied as font digits are, and training digits struck"
            + " out in their own pen with a cross or a zig-zag scribble of 3-7 strokes";
    private static final int SCALE = 4;
    private static final int SIDE = DigitImages.SIDE * SCALE;
    /** Narrowest a cross or scribble is, relative to the digit's height: a 1 is struck out as wide as a 0. */
    private static final double MIN_WIDTH = 0.6;
    /** How far, relative to the digit's height, the strokes may reach past it. */
    private static final double OVERSHOOT = 0.1;

    private NotDigitMarks() {
    }

    /** The fonts training draws symbols from: all of {@code fonts} but those of {@link #HELD_OUT}. */
    public static FontDigits trainingFonts(FontDigits fonts) {
        return fonts.only(f -> !HELD_OUT.contains(f.debianPackage()));
    }

    /** The fonts of {@link #HELD_OUT} among {@code fonts}. */
    public static FontDigits heldOutFonts(FontDigits fonts) {
        return fonts.only(f -> HELD_OUT.contains(f.debianPackage()));
    }

    /**
     * {@code count} marks, symbols of {@code fonts} and struck-out {@code digits} in turn, all labelled
     * {@link LabelledDigits#NOT_A_DIGIT} (mark i always draws from its own stream, seeded by {@code seed} and i, so
     * the result does not depend on the threads).
     */
    public static LabelledDigits draw(FontDigits fonts, LabelledDigits digits, int count, long seed) {
        String symbols = fonts.drawable(SYMBOLS);
        List<float[]> out = IntStream.range(0, count).parallel().mapToObj(i -> {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
            if (i % 2 == 0) {
                return fonts.glyph(String.valueOf(symbols.charAt(rnd.nextInt(symbols.length()))), rnd);
            }
            int which = rnd.nextInt(digits.size());
            return rnd.nextBoolean() ? crossedOut(digits, which, rnd) : scribbledOut(digits, which, rnd);
        }).toList();
        int[] labels = new int[count];
        Arrays.fill(labels, LabelledDigits.NOT_A_DIGIT);
        return new LabelledDigits(DigitImages.fromFloats(out), labels);
    }

    /** Digit {@code i} of {@code digits} crossed out (an X over it) in its own pen, normalised again. */
    public static float[] crossedOut(LabelledDigits digits, int i, SplittableRandom rnd) {
        return struckOut(digits, i, rnd, 0);
    }

    /** Digit {@code i} of {@code digits} scribbled out (a zig-zag of 3-7 strokes) in its own pen, normalised again. */
    public static float[] scribbledOut(LabelledDigits digits, int i, SplittableRandom rnd) {
        return struckOut(digits, i, rnd, 3 + rnd.nextInt(5));
    }

    /** Strikes out digit {@code i}: a cross when {@code strokes} is 0, else a zig-zag of that many strokes. */
    private static float[] struckOut(LabelledDigits digits, int i, SplittableRandom rnd, int strokes) {
        float[] px = new float[DigitImages.PIXELS];
        digits.images().toFloats(i, px, 0);
        double pen = Math.max(1.5, PenNormalization.strokeWidth(px, 0)) * SCALE / 2;
        float[] ink = new float[SIDE * SIDE];
        int x0 = SIDE, y0 = SIDE, x1 = -1, y1 = -1;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float v = px[(y / SCALE) * DigitImages.SIDE + x / SCALE];
                ink[y * SIDE + x] = v;
                if (v >= 0.5f) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) {
            return px;
        }
        int widen = Math.max(0, (int) Math.round((MIN_WIDTH * (y1 - y0) - (x1 - x0)) / 2));
        int reach = (int) Math.round(OVERSHOOT * (y1 - y0));
        x0 = Math.max(0, x0 - widen - rnd.nextInt(reach + 1));
        x1 = Math.min(SIDE - 1, x1 + widen + rnd.nextInt(reach + 1));
        y0 = Math.max(0, y0 - rnd.nextInt(reach + 1));
        y1 = Math.min(SIDE - 1, y1 + rnd.nextInt(reach + 1));
        if (strokes == 0) {
            line(ink, x0, y1, x1, y0, pen);
            line(ink, x0, y0, x1, y1, pen);
        } else {
            boolean across = rnd.nextBoolean();
            for (int k = 0; k < strokes; k++) {
                boolean back = k % 2 == 1;
                if (across) {
                    int ya = y0 + (y1 - y0) * k / strokes;
                    int yb = y0 + (y1 - y0) * (k + 1) / strokes;
                    line(ink, back ? x1 : x0, ya, back ? x0 : x1, yb, pen);
                } else {
                    int xa = x0 + (x1 - x0) * k / strokes;
                    int xb = x0 + (x1 - x0) * (k + 1) / strokes;
                    line(ink, xa, back ? y1 : y0, xb, back ? y0 : y1, pen);
                }
            }
        }
        return MnistNormalizer.normalize(new InkMap(ink, SIDE, SIDE));
    }

    private static void line(float[] ink, int xa, int ya, int xb, int yb, double radius) {
        int steps = 2 * Math.max(Math.abs(xb - xa), Math.abs(yb - ya)) + 1;
        for (int s = 0; s <= steps; s++) {
            double cx = xa + (xb - xa) * (double) s / steps;
            double cy = ya + (yb - ya) * (double) s / steps;
            for (int y = (int) Math.floor(cy - radius); y <= cy + radius; y++) {
                for (int x = (int) Math.floor(cx - radius); x <= cx + radius; x++) {
                    if (x >= 0 && y >= 0 && x < SIDE && y < SIDE
                            && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
                        ink[y * SIDE + x] = 1f;
                    }
                }
            }
        }
    }
}
