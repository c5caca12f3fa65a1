package org.digitocr.sample;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;

/**
 * Writes digit strings into a form's fields with real handwritten digits (MNIST images of the split it is
 * given: test digits for samples and tests, training digits for training data): one digit per cell in boxed fields, left to right with natural, sometimes touching spacing in
 * free-form boxes, each in a pen colour with its own size, slant and position jitter. Digits are 55-80% of a cell
 * high (free-form: 50-70% of the box) times the writing size: at 1.4, people who write big, over the box lines.
 */
public final class Handwriting {
    /** The usual writing size. */
    public static final double USUAL_SIZE = 1.0;

    private final LabelledDigits digits;
    private final int[][] byDigit;
    private final double size;

    public Handwriting(LabelledDigits digits) {
        this(digits, USUAL_SIZE);
    }

    public Handwriting(LabelledDigits digits, double size) {
        if (!(size > 0)) {
            throw new IllegalArgumentException("writing size must be positive, got " + size);
        }
        this.digits = digits;
        this.size = size;
        int[] counts = new int[10];
        for (int l : digits.labels()) {
            counts[l]++;
        }
        byDigit = new int[10][];
        int[] fill = new int[10];
        for (int d = 0; d < 10; d++) {
            byDigit[d] = new int[counts[d]];
        }
        for (int i = 0; i < digits.size(); i++) {
            int l = digits.labels()[i];
            byDigit[l][fill[l]++] = i;
        }
    }

    /** Writes {@code value} into the field; in a boxed field it is right-aligned, leading cells left blank. */
    public void write(Graphics2D g, FieldSpec field, String value, Color pen, SplittableRandom rnd) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        if (field.boxed()) {
            int first = field.cells() - value.length();
            for (int i = 0; i < value.length(); i++) {
                Box c = field.cell(first + i);
                double h = c.height() * (0.55 + 0.25 * rnd.nextDouble()) * size;
                double cx = c.x() + c.width() / 2.0 + (rnd.nextDouble() - 0.5) * 0.15 * c.width();
                double cy = c.y() + c.height() / 2.0 + (rnd.nextDouble() - 0.5) * 0.15 * c.height();
                draw(g, value.charAt(i) - '0', cx, cy, h, pen, rnd);
            }
        } else {
            Box b = field.box();
            double h = b.height() * (0.5 + 0.2 * rnd.nextDouble()) * size;
            double x = b.x() + b.width() * (0.04 + 0.08 * rnd.nextDouble());
            double cy = b.y() + b.height() / 2.0 + (rnd.nextDouble() - 0.5) * 0.1 * b.height();
            List<Glyph> glyphs = new ArrayList<>();
            double line = 0;
            for (int i = 0; i < value.length(); i++) {
                int idx = pick(value.charAt(i) - '0', rnd);
                Glyph d = new Glyph(idx, inkExtent(idx), rnd.nextDouble(), rnd.nextDouble(),
                        -0.05 + 0.3 * rnd.nextDouble());
                glyphs.add(d);
                line += d.inkWidth() / 20.0 + (i + 1 < value.length() ? d.gap() : 0);
            }
            // a writer who would run out of the box writes smaller, as people do
            h = Math.min(h, (b.x() + 0.97 * b.width() - x) / line);
            for (Glyph d : glyphs) {
                x = drawGlyph(g, d, x, cy, h, pen);
            }
        }
    }

    /**
     * Writes an amount as people write it in a free-form box: its digits from the handwriting set, and its commas,
     * points, spaces and closing mark ({@code /-}, {@code /}, {@code -}, {@code =}) drawn as pen strokes, left to
     * right in one line, smaller when it would not fit.
     */
    public void writeAmount(Graphics2D g, Box b, String written, Color pen, SplittableRandom rnd) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double h = b.height() * (0.5 + 0.2 * rnd.nextDouble()) * size;
        double x = b.x() + b.width() * (0.03 + 0.06 * rnd.nextDouble());
        double cy = b.y() + b.height() / 2.0 + (rnd.nextDouble() - 0.5) * 0.1 * b.height();
        List<Object> glyphs = new ArrayList<>();
        double line = 0;
        for (char c : written.toCharArray()) {
            if (c >= '0' && c <= '9') {
                int idx = pick(c - '0', rnd);
                Glyph d = new Glyph(idx, inkExtent(idx), rnd.nextDouble(), rnd.nextDouble(), 0.05 + 0.2 * rnd.nextDouble());
                glyphs.add(d);
                line += d.inkWidth() / 20.0 + d.gap();
            } else {
                glyphs.add(c);
                line += markWidth(c) + 0.1;
            }
        }
        h = Math.min(h, (b.x() + 0.97 * b.width() - x) / line);
        g.setColor(pen);
        g.setStroke(new java.awt.BasicStroke((float) Math.max(1.5, h * (0.07 + 0.04 * rnd.nextDouble())),
                java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
        double foot = cy + h / 2;
        for (Object o : glyphs) {
            if (o instanceof Glyph d) {
                x = drawGlyph(g, d, x, cy, h, pen);
            } else {
                char c = (Character) o;
                double w = markWidth(c) * h;
                java.awt.geom.Path2D.Double path = new java.awt.geom.Path2D.Double();
                switch (c) {
                    case ',' -> {
                        path.moveTo(x + w * 0.7, foot - 0.08 * h);
                        path.quadTo(x + w * 0.8, foot + 0.1 * h, x, foot + 0.3 * h);
                    }
                    case '.' -> {
                        path.moveTo(x + w * 0.4, foot - 0.04 * h);
                        path.lineTo(x + w * 0.6, foot - 0.02 * h);
                    }
                    case '/' -> {
                        // some writers end the slash with a long tail below the line
                        path.moveTo(x - 0.1 * h, foot + (0.1 + 0.4 * rnd.nextDouble()) * h);
                        path.lineTo(x + w, foot - 1.05 * h);
                    }
                    case '-' -> {
                        path.moveTo(x, cy + 0.05 * h);
                        path.lineTo(x + w, cy);
                    }
                    case '=' -> {
                        path.moveTo(x, cy - 0.12 * h);
                        path.lineTo(x + w, cy - 0.14 * h);
                        path.moveTo(x, cy + 0.14 * h);
                        path.lineTo(x + w, cy + 0.12 * h);
                    }
                    default -> {
                        // a space: nothing drawn
                    }
                }
                g.draw(path);
                x += w + 0.1 * h;
            }
        }
    }

    /**
     * Draws a free-form digit whose ink starts at {@code x}, {@code h} high around {@code cy}; returns where the next
     * starts: after its ink and the gap after it, which is sometimes negative.
     */
    private double drawGlyph(Graphics2D g, Glyph d, double x, double cy, double h, Color pen) {
        double scale = h / 20.0;
        double w = d.inkWidth() * scale;
        double cx = x + w / 2 - ((d.extent()[0] + d.extent()[1]) / 2.0 - 13.5) * scale;
        drawIndex(g, d.idx(), cx, cy, h, pen, d.rotation(), d.shear());
        return x + w + h * d.gap();
    }

    /** Width of a written mark in line heights. */
    private static double markWidth(char c) {
        return switch (c) {
            case ',', '.' -> 0.15;
            case ' ' -> 0.3;
            case '/' -> 0.4;
            case '-', '=' -> 0.55;
            default -> throw new IllegalArgumentException("not an amount's mark: '" + c + "'");
        };
    }

    /**
     * One digit of a free-form value as drawn before it is laid out: its MNIST image, the columns its ink spans, the
     * uniform draws that turn and slant it, and the gap after it in line heights.
     */
    private record Glyph(int idx, double[] extent, double rotation, double shear, double gap) {
        double inkWidth() {
            return extent[1] - extent[0] + 1;
        }
    }

    private void draw(Graphics2D g, int digit, double cx, double cy, double h, Color pen, SplittableRandom rnd) {
        int idx = pick(digit, rnd);
        drawIndex(g, idx, cx, cy, h, pen, rnd.nextDouble(), rnd.nextDouble());
    }

    private int pick(int digit, SplittableRandom rnd) {
        int[] pool = byDigit[digit];
        return pool[rnd.nextInt(pool.length)];
    }

    /**
     * Draws MNIST image {@code idx} (20 px of digit in 28) so that its 20 px box is {@code h} high, turned and slanted
     * by the amounts that the uniform draws {@code rotation} and {@code shear} pick.
     */
    private void drawIndex(Graphics2D g, int idx, double cx, double cy, double h, Color pen, double rotation,
                           double shear) {
        BufferedImage ink = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
        float[] px = new float[DigitImages.PIXELS];
        digits.images().toFloats(idx, px, 0);
        int rgb = pen.getRGB() & 0xffffff;
        for (int i = 0; i < px.length; i++) {
            ink.setRGB(i % 28, i / 28, (Math.round(px[i] * 255) << 24) | rgb);
        }
        double scale = h / 20.0;
        AffineTransform at = new AffineTransform();
        at.translate(cx, cy);
        at.rotate(Math.toRadians((rotation - 0.5) * 8));
        at.shear((shear - 0.5) * 0.2, 0);
        at.scale(scale, scale);
        at.translate(-14, -14);
        g.drawImage(ink, at, null);
    }

    private double[] inkExtent(int idx) {
        float[] px = new float[DigitImages.PIXELS];
        digits.images().toFloats(idx, px, 0);
        int min = 28;
        int max = -1;
        for (int i = 0; i < px.length; i++) {
            if (px[i] > 0.2f) {
                min = Math.min(min, i % 28);
                max = Math.max(max, i % 28);
            }
        }
        return max < 0 ? new double[] {10, 17} : new double[] {min, max};
    }
}
