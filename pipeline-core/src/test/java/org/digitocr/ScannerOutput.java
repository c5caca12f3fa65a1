package org.digitocr;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** A generated page as scanners set otherwise give it: bilevel fax TIFF, or with its contrast washed out. */
public final class ScannerOutput {
    private ScannerOutput() {
    }

    /** Black and white at a fixed mid-grey threshold, CCITT T.6 (Group 4) compressed, as document scanners send. */
    public static byte[] bilevelTiff(BufferedImage page) throws IOException {
        BufferedImage grey = grey(page);
        BufferedImage bw = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster in = grey.getRaster();
        WritableRaster out = bw.getRaster();
        for (int y = 0; y < grey.getHeight(); y++) {
            for (int x = 0; x < grey.getWidth(); x++) {
                out.setSample(x, y, 0, in.getSample(x, y, 0) < 128 ? 0 : 1);
            }
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType("CCITT T.6");
            w.write(null, new IIOImage(bw, null, null), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    /** Grey PNG with every pixel's darkness scaled by {@code contrast} (1 as scanned; 0.3 a very light scan). */
    public static byte[] washedOut(BufferedImage page, double contrast) throws IOException {
        BufferedImage grey = grey(page);
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

    private static BufferedImage grey(BufferedImage page) {
        BufferedImage grey = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(page, 0, 0, null);
        return grey;
    }
}
