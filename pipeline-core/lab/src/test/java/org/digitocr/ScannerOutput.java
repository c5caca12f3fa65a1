package org.digitocr;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.digitocr.sample.SampleBatchWriter;

/** A generated page as scanners set otherwise give it: bilevel fax TIFF, in fine or standard mode, or washed out. */
public final class ScannerOutput {
    private ScannerOutput() {
    }

    /** Black and white, CCITT T.6 (Group 4) compressed, as document scanners in fax mode send. */
    public static byte[] bilevelTiff(BufferedImage page) throws IOException {
        return SampleBatchWriter.fineModeFax(page);
    }

    /** A fax sent in standard mode: half the page's lines, its pixels twice as tall as wide, and a header saying so. */
    public static byte[] standardModeFax(BufferedImage page) throws IOException {
        return SampleBatchWriter.standardModeFax(page);
    }

    /** Grey PNG with every pixel's darkness scaled by {@code contrast} (1 as scanned; 0.3 a very light scan). */
    public static byte[] washedOut(BufferedImage page, double contrast) throws IOException {
        BufferedImage grey = SampleBatchWriter.grey(page);
        WritableRaster r = grey.getRaster();
        for (int y = 0; y < grey.getHeight(); y++) {
            for (int x = 0; x < grey.getWidth(); x++) {
                r.setSample(x, y, 0, 255 - (int) Math.round(contrast * (255 - r.getSample(x, y, 0))));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(grey, "png", png);
        return png.toByteArray();
    }
}
