package org.digitocr.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.digitocr.image.DigitImages;

/** A grid of digit images, each with its label, prediction, probability and second choice underneath. */
final class DigitGallery {
    static final int COLUMNS = 10;
    static final int SCALE = 3;
    static final int CELL_W = DigitImages.SIDE * SCALE + 16;
    static final int CELL_H = DigitImages.SIDE * SCALE + 40;

    /** One digit: its 28x28 pixels (0..255, white ink on black) and two caption lines. */
    record Tile(byte[] pixels, int offset, String line1, String line2) {
    }

    private DigitGallery() {
    }

    static int width() {
        return COLUMNS * CELL_W;
    }

    static int height(int tiles) {
        return Math.max(1, (tiles + COLUMNS - 1) / COLUMNS) * CELL_H;
    }

    static byte[] png(List<Tile> tiles) {
        BufferedImage img = new BufferedImage(width(), height(tiles.size()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int t = 0; t < tiles.size(); t++) {
            Tile tile = tiles.get(t);
            int x0 = (t % COLUMNS) * CELL_W + 8;
            int y0 = (t / COLUMNS) * CELL_H + 4;
            for (int y = 0; y < DigitImages.SIDE; y++) {
                for (int x = 0; x < DigitImages.SIDE; x++) {
                    int v = 255 - (tile.pixels()[tile.offset() + y * DigitImages.SIDE + x] & 0xff);
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(x0 - 1, y0 - 1, DigitImages.SIDE * SCALE + 1, DigitImages.SIDE * SCALE + 1);
            g.setColor(Color.BLACK);
            g.drawString(tile.line1(), x0, y0 + DigitImages.SIDE * SCALE + 14);
            g.drawString(tile.line2(), x0, y0 + DigitImages.SIDE * SCALE + 28);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
