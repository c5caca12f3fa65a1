package org.digitocr;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;

/** A generated page as a scanner set to another resolution would give it (area-averaged, grey). */
public final class ScanResolution {
    private ScanResolution() {
    }

    public static BufferedImage resample(BufferedImage page, double scale) {
        int w = (int) Math.round(page.getWidth() * scale);
        int h = (int) Math.round(page.getHeight() * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.drawImage(page.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return out;
    }
}
