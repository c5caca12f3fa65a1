package org.digitocr.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import org.digitocr.image.DigitImages;
import org.junit.jupiter.api.Test;

class MnistNormalizerTest {

    static BufferedImage sevenOnPaper(int w, int h, boolean darkOnLight) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(darkOnLight ? new Color(240, 236, 225) : Color.BLACK);
        g.fillRect(0, 0, w, h);
        g.setColor(darkOnLight ? new Color(20, 20, 60) : Color.WHITE);
        g.setStroke(new BasicStroke(w / 14f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(w / 3, h / 4, 2 * w / 3, h / 4);
        g.drawLine(2 * w / 3, h / 4, w / 2, 3 * h / 4);
        g.dispose();
        return img;
    }

    @Test
    void fitsLongerSideTo20AndCentresMass() {
        float[] out = MnistNormalizer.normalize(sevenOnPaper(300, 400, true));
        int minX = 28, maxX = -1, minY = 28, maxY = -1;
        double mass = 0, mx = 0, my = 0, peak = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float v = out[y * 28 + x];
                if (v > 0.05) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
                mass += v;
                mx += v * x;
                my += v * y;
                peak = Math.max(peak, v);
            }
        }
        int longer = Math.max(maxX - minX + 1, maxY - minY + 1);
        assertTrue(longer >= 19 && longer <= 21, "longer side " + longer);
        assertEquals(14, mx / mass, 0.5);
        assertEquals(14, my / mass, 0.5);
        assertEquals(1.0, peak, 1e-6);
    }

    /** MNIST digits are already normalised: normalising them again must give them back almost unchanged. */
    @Test
    void reproducesMnistsOwnNormalisation() {
        var test = org.digitocr.LabData.mnist().test().head(1000);
        double diff = 0;
        float[] px = new float[DigitImages.PIXELS];
        for (int i = 0; i < test.size(); i++) {
            test.images().toFloats(i, px, 0);
            float[] again = MnistNormalizer.normalize(new InkMap(px.clone(), 28, 28));
            for (int p = 0; p < px.length; p++) {
                diff += Math.abs(again[p] - px[p]);
            }
        }
        double mean = diff / test.size() / DigitImages.PIXELS;
        assertTrue(mean < 0.005, "mean absolute pixel difference " + mean);
    }

    @Test
    void polarityDoesNotMatter() {
        float[] dark = MnistNormalizer.normalize(sevenOnPaper(140, 140, true));
        float[] light = MnistNormalizer.normalize(sevenOnPaper(140, 140, false));
        double diff = 0;
        for (int i = 0; i < dark.length; i++) {
            diff += Math.abs(dark[i] - light[i]);
        }
        assertTrue(diff / dark.length < 0.02, "mean abs difference " + diff / dark.length);
    }

    @Test
    void blankImageGivesEmptyDigit() {
        BufferedImage img = new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 50, 50);
        g.dispose();
        assertArrayEquals(new float[DigitImages.PIXELS], MnistNormalizer.normalize(img));
    }
}
