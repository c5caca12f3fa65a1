package org.digitocr;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** A generated page as a scanner gives it when the sheet is fed sideways or upside down. */
public record PageTurn(BufferedImage page, AffineTransform toTurned) {

    /** The page turned clockwise by {@code quarters} quarter turns, pixel for pixel. */
    public static PageTurn of(BufferedImage page, int quarters) {
        int w = page.getWidth();
        int h = page.getHeight();
        int q = Math.floorMod(quarters, 4);
        boolean sideways = q % 2 == 1;
        AffineTransform t = new AffineTransform();
        switch (q) {
            case 1 -> t.translate(h, 0);
            case 2 -> t.translate(w, h);
            case 3 -> t.translate(0, w);
            default -> { }
        }
        t.quadrantRotate(q);
        BufferedImage out = new BufferedImage(sideways ? h : w, sideways ? w : h, page.getType());
        Graphics2D g = out.createGraphics();
        g.drawImage(page, t, null);
        g.dispose();
        return new PageTurn(out, t);
    }
}
