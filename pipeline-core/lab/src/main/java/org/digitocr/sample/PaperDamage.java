package org.digitocr.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What happens to paper between the writer and the scanner, drawn over a filled form: a fold's soft shadow, a
 * coffee ring, a crease or stray line, a shadow from the page's edge, and a rescan at a fraction of the resolution.
 * Each is drawn with random strength and place; the page, not only its fields, takes it, as paper does.
 */
public enum PaperDamage {
    /** A fold pressed flat: a soft band up to 40% darker, 8 to 16 px wide (Gaussian), with its crease at the middle. */
    FOLD,
    /** A coffee ring: a faint brown disc whose rim, uneven, is up to 45% darker. */
    STAIN,
    /** A crease or a stray stroke across the page: a thin grey line, slightly bent. */
    CREASE,
    /** The page's edge lifted from the glass: darkness falling off from one side, up to 55% at the edge. */
    SHADOW,
    /** Scanned at a third to a half of the resolution and enlarged back: soft, blocky strokes. */
    RESCAN;

    /** Its name in options and reports. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code code} (case-insensitive). */
    public static PaperDamage of(String code) {
        for (PaperDamage d : values()) {
            if (d.code().equalsIgnoreCase(code.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("no paper damage '" + code + "'; one of fold, stain, crease, shadow, rescan");
    }

    /** Whether it happens to the paper (drawn before the scan) rather than in the scanner (after it). */
    public boolean onPaper() {
        return this != RESCAN;
    }

    /** {@code page} with this damage, drawn with {@code rnd}; {@code page} is not changed. */
    public BufferedImage apply(BufferedImage page, SplittableRandom rnd) {
        BufferedImage out = copy(page);
        switch (this) {
            case FOLD -> fold(out, rnd);
            case STAIN -> stain(out, rnd);
            case CREASE -> crease(out, rnd);
            case SHADOW -> shadow(out, rnd);
            case RESCAN -> {
                return rescan(out, rnd);
            }
        }
        return out;
    }

    private static void fold(BufferedImage img, SplittableRandom rnd) {
        boolean across = rnd.nextInt(4) == 0;
        int length = across ? img.getHeight() : img.getWidth();
        double at = length * (0.15 + 0.7 * rnd.nextDouble());
        double sigma = 8 + 8 * rnd.nextDouble();
        double depth = 0.2 + 0.2 * rnd.nextDouble();
        darken(img, (x, y) -> {
            double d = (across ? y : x) - at;
            double shade = depth * Math.exp(-d * d / (2 * sigma * sigma));
            return Math.abs(d) < 1 ? Math.min(0.6, shade + 0.12) : shade;
        }, new double[] {1, 1, 1});
    }

    private static void stain(BufferedImage img, SplittableRandom rnd) {
        double cx = img.getWidth() * rnd.nextDouble();
        double cy = img.getHeight() * rnd.nextDouble();
        double r = 30 + 100 * rnd.nextDouble();
        double rim = 0.25 + 0.2 * rnd.nextDouble();
        double wobble = r * (0.03 + 0.05 * rnd.nextDouble());
        double phase = rnd.nextDouble() * Math.PI * 2;
        int lobes = 3 + rnd.nextInt(4);
        darken(img, (x, y) -> {
            double dx = x - cx;
            double dy = y - cy;
            double radius = r + wobble * Math.sin(lobes * Math.atan2(dy, dx) + phase);
            double d = Math.hypot(dx, dy) - radius;
            if (d > 4) {
                return 0;
            }
            double edge = d > -3 ? rim * (1 - Math.abs(d + 0.5) / 4.5) : 0;
            return Math.max(edge, 0.07);
        }, new double[] {0.55, 0.85, 1.25});
    }

    private static void crease(BufferedImage img, SplittableRandom rnd) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int grey = 70 + rnd.nextInt(100);
        g.setColor(new Color(grey, grey, grey));
        g.setStroke(new BasicStroke((float) (1 + 1.5 * rnd.nextDouble()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double angle = rnd.nextDouble() * Math.PI;
        double cx = img.getWidth() * rnd.nextDouble();
        double cy = img.getHeight() * rnd.nextDouble();
        double reach = Math.hypot(img.getWidth(), img.getHeight());
        double bend = (rnd.nextDouble() * 2 - 1) * 0.03 * reach;
        Path2D.Double line = new Path2D.Double();
        line.moveTo(cx - Math.cos(angle) * reach, cy - Math.sin(angle) * reach);
        line.quadTo(cx - Math.sin(angle) * bend, cy + Math.cos(angle) * bend,
                cx + Math.cos(angle) * reach, cy + Math.sin(angle) * reach);
        g.draw(line);
        g.dispose();
    }

    private static void shadow(BufferedImage img, SplittableRandom rnd) {
        int side = rnd.nextInt(4);
        double depth = 0.3 + 0.25 * rnd.nextDouble();
        double reach = 40 + 110 * rnd.nextDouble();
        int w = img.getWidth();
        int h = img.getHeight();
        darken(img, (x, y) -> {
            double d = switch (side) {
                case 0 -> x;
                case 1 -> w - 1 - x;
                case 2 -> y;
                default -> h - 1 - y;
            };
            return depth * Math.exp(-d / reach);
        }, new double[] {1, 1, 1});
    }

    private static BufferedImage rescan(BufferedImage img, SplittableRandom rnd) {
        double factor = 2 + 1.2 * rnd.nextDouble();
        int w = Math.max(1, (int) Math.round(img.getWidth() / factor));
        int h = Math.max(1, (int) Math.round(img.getHeight() / factor));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(img.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        BufferedImage back = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        g = back.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, img.getWidth(), img.getHeight(), null);
        g.dispose();
        return back;
    }

    /** How much darker (0-1) the paper is at a pixel. */
    private interface Shade {
        double at(int x, int y);
    }

    /** Multiplies each pixel by 1 - shade, per channel scaled by {@code tint} (a brown stain takes more blue). */
    private static void darken(BufferedImage img, Shade shade, double[] tint) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                double s = shade.at(x, y);
                if (s <= 0) {
                    continue;
                }
                int rgb = img.getRGB(x, y);
                int r = channel((rgb >> 16) & 0xff, s * tint[0]);
                int gr = channel((rgb >> 8) & 0xff, s * tint[1]);
                int b = channel(rgb & 0xff, s * tint[2]);
                img.setRGB(x, y, (rgb & 0xff000000) | (r << 16) | (gr << 8) | b);
            }
        }
    }

    private static int channel(int v, double shade) {
        return (int) Math.round(v * Math.max(0, Math.min(1, 1 - shade)));
    }

    private static BufferedImage copy(BufferedImage page) {
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(page, 0, 0, null);
        g.dispose();
        return out;
    }
}
