package org.digitocr;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.digitocr.sample.SampleBatchWriter;

/** A generated page as scanners set otherwise give it: bilevel fax TIFF, in fine or standard mode, or washed out. */
public final class ScannerOutput {
    private ScannerOutput() {
    }

    /** Black and white, CCITT T.6 (Group 4) compressed, as document scanners in fax mode send. */
    public static byte[] bilevelTiff(BufferedImage page) throws IOException {
        return SampleBatchWriter.tiff(List.of(SampleBatchWriter.bilevel(page)), "CCITT T.6");
    }

    /**
     * A fax sent in standard mode: 204 dots per inch across but 98 lines down, so the page is stored at 98/204 of its
     * height, black and white, CCITT T.6, with the two densities in its XResolution and YResolution tags.
     */
    public static byte[] standardModeFax(BufferedImage page) throws IOException {
        int height = (int) Math.round(page.getHeight() * 98 / 204.0);
        BufferedImage squashed = new BufferedImage(page.getWidth(), height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = squashed.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(page, 0, 0, page.getWidth(), height, null);
        g.dispose();
        BufferedImage bw = SampleBatchWriter.bilevel(squashed);
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType("CCITT T.6");
            IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(bw), p);
            String name = md.getNativeMetadataFormatName();
            IIOMetadataNode root = new IIOMetadataNode(name);
            IIOMetadataNode ifd = new IIOMetadataNode("TIFFIFD");
            root.appendChild(ifd);
            for (int[] tag : new int[][] {{282, 204}, {283, 98}}) {
                IIOMetadataNode field = new IIOMetadataNode("TIFFField");
                field.setAttribute("number", String.valueOf(tag[0]));
                IIOMetadataNode rationals = new IIOMetadataNode("TIFFRationals");
                IIOMetadataNode rational = new IIOMetadataNode("TIFFRational");
                rational.setAttribute("value", tag[1] + "/1");
                rationals.appendChild(rational);
                field.appendChild(rationals);
                ifd.appendChild(field);
            }
            md.mergeTree(name, root);
            w.write(null, new IIOImage(bw, null, md), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
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
