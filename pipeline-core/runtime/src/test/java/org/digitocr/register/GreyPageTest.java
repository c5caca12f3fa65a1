package org.digitocr.register;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

/** A scan with transparency is read as ink on paper: transparent parts are white, not black. */
class GreyPageTest {
    @Test
    void transparentPixelsArePaperAndOpaqueInkIsInk() {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        for (int y = 10; y < 20; y++) {
            for (int x = 10; x < 20; x++) {
                img.setRGB(x, y, 0xff000000);
            }
        }
        GreyPage page = GreyPage.of(img);
        assertEquals(255, page.at(0, 0), "fully transparent: paper");
        assertEquals(0, page.at(15, 15), "opaque black: ink");
    }
}
