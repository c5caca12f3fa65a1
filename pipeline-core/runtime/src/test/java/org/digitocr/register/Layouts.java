package org.digitocr.register;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cheque-like layouts without registration marks, drawn for tests: a bank's name and address, printed lines and
 * labels, eight date boxes, an amount box, a MICR-like band and a light security pattern, all placed from a seed
 * so that two seeds give two different layouts; and scans of them shifted, scaled, skewed and cut.
 */
final class Layouts {
    static final int WIDTH = 1600;
    static final int HEIGHT = 730;

    private Layouts() {
    }

    /** A blank leaf of a layout and where its date's eight boxes and its amount's writing area are. */
    record Leaf(BufferedImage image, int[] date, int[] amount) {
    }

    /** The leaf of layout {@code seed}: its printing, and its boxes placed a few tens of pixels apart from others'. */
    static Leaf draw(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] date = {1140 + rnd.nextInt(60), 40 + rnd.nextInt(40), 340 + rnd.nextInt(40), 50};
        int[] amount = {1160 + rnd.nextInt(60), 280 + rnd.nextInt(40), 340, 70};
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Color paper = new Color(215 + rnd.nextInt(30), 225 + rnd.nextInt(25), 230 + rnd.nextInt(25));
        g.setColor(paper);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(paper.darker());
        g.setStroke(new BasicStroke(1));
        double phase = rnd.nextDouble() * 6;
        for (int y = -40; y < HEIGHT + 40; y += 14) {
            int[] xs = new int[81];
            int[] ys = new int[81];
            for (int i = 0; i <= 80; i++) {
                xs[i] = i * WIDTH / 80;
                ys[i] = y + (int) (10 * Math.sin(phase + i * 0.35 + y * 0.02));
            }
            g.drawPolyline(xs, ys, 81);
        }
        g.setColor(new Color(20, 30, 60));
        String[] banks = {"UNITED TEST BANK", "FIRST SAMPLE BANK", "BANK OF LAYOUTS", "NORTHERN PIXEL BANK"};
        g.setFont(new Font(Font.SERIF, Font.BOLD, 44 + rnd.nextInt(12)));
        int tx = 60 + rnd.nextInt(200);
        g.drawString(banks[(int) Math.floorMod(seed, banks.length)], tx, 80);
        g.fillOval(tx - 50, 40, 40, 40);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        g.drawString("Branch " + (100 + rnd.nextInt(900)) + ", Market Road, Sector " + rnd.nextInt(60), tx, 110);
        g.drawString("IFSC Code: TEST000" + (1000 + rnd.nextInt(9000)), tx, 134);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        int payY = 200 + rnd.nextInt(30);
        int left = 30 + rnd.nextInt(50);
        g.drawString("Pay", left, payY);
        g.drawLine(100, payY + 4, 1450, payY + 4);
        g.drawString("Or Bearer", 1440, payY);
        g.drawString("Rupees", left, payY + 70);
        g.drawLine(140, payY + 74, 1150, payY + 74);
        g.drawLine(50, payY + 134, 1100, payY + 134);
        g.setStroke(new BasicStroke(2));
        for (int i = 0; i < 8; i++) {
            g.drawRect(date[0] + i * date[2] / 8, date[1], date[2] / 8, date[3]);
            g.drawString("DDMMYYYY".substring(i, i + 1), date[0] + i * date[2] / 8 + 16, date[1] + date[3] + 24);
        }
        g.drawRect(amount[0] - 70, amount[1] - 10, amount[2] + 80, amount[3] + 20);
        g.drawLine(amount[0] - 10, amount[1] - 10, amount[0] - 10, amount[1] + amount[3] + 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
        g.drawString("Rs", amount[0] - 62, amount[1] + 48);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        int acY = 410 + rnd.nextInt(40);
        g.drawRect(left, acY, 420, 60);
        g.drawString("A/c No.  " + (100000000L + rnd.nextInt(899999999)), left + 14, acY + 38);
        g.drawString("Please sign above", 1250 + rnd.nextInt(100), 590 + rnd.nextInt(20));
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 34));
        g.drawString("\"" + (100000 + rnd.nextInt(899999)) + "\" " + (100000000 + rnd.nextInt(899999999)) + ": "
                + (100000 + rnd.nextInt(899999)) + "\" 31", 300 + rnd.nextInt(100), 690);
        g.dispose();
        return new Leaf(img, date, amount);
    }

    /** Handwriting-like scribbles in the date and amount boxes: what differs from one filled-in leaf to the next. */
    static BufferedImage scribble(Leaf leaf, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(leaf.image(), 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(20, 40, 150));
        g.setStroke(new BasicStroke(3));
        for (int[] b : new int[][] {leaf.date(), leaf.amount()}) {
            for (int i = 0; i < 8; i++) {
                int x = b[0] + i * b[2] / 8 + 10;
                g.drawArc(x, b[1] + 8, b[2] / 8 - 20, b[3] - 16, rnd.nextInt(90), 180 + rnd.nextInt(180));
            }
        }
        g.dispose();
        return img;
    }

    /**
     * A scan of {@code layout}: its printing placed by {@code layoutToPage} on a white page of the given size (parts
     * falling outside are cut off).
     */
    static BufferedImage scan(BufferedImage layout, AffineTransform layoutToPage, int width, int height) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(layout, layoutToPage, null);
        g.dispose();
        return page;
    }

    /** Asserts that the registration puts every field box's corners within {@code tolerance} pixels of the truth. */
    static void assertFieldsWhere(Registration r, AffineTransform layoutToPage, double tolerance) {
        for (FieldSpec f : r.template().fields()) {
            Box b = f.box();
            for (double[] c : new double[][] {{b.x(), b.y()}, {b.x() + b.width(), b.y() + b.height()}}) {
                Point2D want = layoutToPage.transform(new Point2D.Double(c[0], c[1]), null);
                double[] got = r.toPage(c[0], c[1]);
                double off = Math.hypot(got[0] - want.getX(), got[1] - want.getY());
                assertTrue(off <= tolerance, r.template().name() + " " + f.name() + " corner off by " + off
                        + " px (tolerance " + tolerance + ")");
            }
        }
    }

    /**
     * Writes {@code img}, a filled-in {@code leaf}, as PNG and a fields file marking its date and amount; returns the
     * fields file.
     */
    static Path sample(Path dir, String name, Leaf leaf, BufferedImage img) throws IOException {
        int[] date = leaf.date();
        int[] amount = leaf.amount();
        ImageIO.write(img, "png", dir.resolve(name + ".png").toFile());
        Path fields = dir.resolve(name + ".fields.json");
        Files.writeString(fields, String.format("""
                {"name": "%s", "sampleSize": [%d, %d], "fields": [
                  {"name": "date", "box": [%d, %d, %d, %d], "cells": 8, "type": "date", "format": "DDMMYYYY"},
                  {"name": "amount", "box": [%d, %d, %d, %d], "cells": 0, "type": "amount"}]}
                """, name, img.getWidth(), img.getHeight(), date[0], date[1], date[2], date[3], amount[0], amount[1],
                amount[2], amount[3]));
        return fields;
    }
}
