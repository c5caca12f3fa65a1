package org.digitocr.decode;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.IOException;

import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A page's pixel density across and down, as its file states it (TIFF XResolution and YResolution, JPEG JFIF
 * density, PNG pHYs), and the page resampled to square pixels when they differ. A fax sent in standard resolution is
 * 204 x 98 dpi: taken as square pixels, its page would be half as tall as the form and fit no template. The coarser
 * direction is enlarged, so no detail of the finer one is lost. Read from each format's native metadata, whose
 * meaning is fixed by the format, rather than from ImageIO's standard tree, which plug-ins fill in differently.
 */
record PixelDensity(double across, double down) {
    /** Densities this close to each other are taken as square: no resampling for a rounding in the header. */
    private static final double SQUARE = 0.02;
    /** Beyond this ratio a header is taken to be wrong rather than a real scanner or fax mode. */
    private static final double MAX_RATIO = 4;

    static final PixelDensity SQUARE_PIXELS = new PixelDensity(1, 1);
    private static final int PHYS = 0x70485973;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    /** Chunks looked at before giving up on a PNG's pHYs (a real file has a handful before its image data). */
    private static final int MAX_PNG_CHUNKS = 10_000;

    /**
     * The densities stated in a TIFF's or JPEG's native {@code metadata}, or square when it states none (or none
     * that makes sense).
     */
    static PixelDensity of(IIOMetadata metadata) {
        if (metadata == null || metadata.getNativeMetadataFormatName() == null) {
            return SQUARE_PIXELS;
        }
        double[] xy = {0, 0};
        find(metadata.getAsTree(metadata.getNativeMetadataFormatName()), xy);
        return plausible(xy[0], xy[1]);
    }

    /**
     * The densities of a PNG's pHYs chunk, found by stepping over the chunks before the image data without reading
     * them: the PNG reader, asked for its metadata, would inflate every text chunk on the way. Restores the stream
     * position; square when there is no pHYs chunk or the file cannot be walked.
     */
    static PixelDensity ofPng(ImageInputStream in) {
        try {
            long mark = in.getStreamPosition();
            try {
                in.seek(8);
                for (int chunk = 0; chunk < MAX_PNG_CHUNKS; chunk++) {
                    long length = in.readUnsignedInt();
                    int type = in.readInt();
                    if (type == PHYS && length == 9) {
                        return plausible(in.readUnsignedInt(), in.readUnsignedInt());
                    }
                    if (type == IDAT || type == IEND) {
                        break;
                    }
                    in.seek(in.getStreamPosition() + length + 4);
                }
                return SQUARE_PIXELS;
            } finally {
                in.seek(mark);
            }
        } catch (IOException | RuntimeException e) {
            return SQUARE_PIXELS;
        }
    }

    private static PixelDensity plausible(double across, double down) {
        double ratio = across / down;
        return across > 0 && down > 0 && ratio <= MAX_RATIO && ratio >= 1 / MAX_RATIO
                ? new PixelDensity(across, down) : SQUARE_PIXELS;
    }

    /** Whether the pixels are square, to within a rounding of the header's numbers. */
    boolean square() {
        return Math.abs(across / down - 1) <= SQUARE;
    }

    /** How many times wider (first) and taller (second) the page becomes with square pixels. */
    double[] stretch() {
        return square() ? new double[] {1, 1}
                : across > down ? new double[] {1, across / down} : new double[] {down / across, 1};
    }

    /** {@code image} with square pixels: the coarser direction enlarged (bilinear); as it is when already square. */
    BufferedImage squared(BufferedImage image) {
        if (square()) {
            return image;
        }
        double[] s = stretch();
        BufferedImage src = image;
        if (image.getType() == BufferedImage.TYPE_CUSTOM || image.getColorModel().getPixelSize() < 8) {
            // bilevel and odd layouts: drawn into 8-bit grey first, so the enlargement interpolates grey levels
            src = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            src.createGraphics().drawImage(image, 0, 0, null);
        }
        return new AffineTransformOp(AffineTransform.getScaleInstance(s[0], s[1]), AffineTransformOp.TYPE_BILINEAR)
                .filter(src, null);
    }

    /** Walks a native metadata tree for the density nodes of TIFF and JPEG (JFIF). */
    private static void find(Node node, double[] xy) {
        if (node instanceof Element e) {
            switch (e.getNodeName()) {
                case "app0JFIF" -> {
                    xy[0] = number(e.getAttribute("Xdensity"));
                    xy[1] = number(e.getAttribute("Ydensity"));
                }
                case "TIFFField" -> {
                    String tag = e.getAttribute("number");
                    if (tag.equals("282") || tag.equals("283")) {
                        xy[tag.equals("282") ? 0 : 1] = firstValue(e);
                    }
                }
                default -> {
                }
            }
        }
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            find(c, xy);
        }
    }

    /** The first {@code value} attribute below {@code node} (a TIFF field's rational "n/d" or number), 0 if none. */
    private static double firstValue(Node node) {
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            double v = c instanceof Element e && e.hasAttribute("value")
                    ? number(e.getAttribute("value")) : firstValue(c);
            if (v > 0) {
                return v;
            }
        }
        return 0;
    }

    private static double number(String s) {
        try {
            int slash = s.indexOf('/');
            double v = slash < 0 ? Double.parseDouble(s.trim()) : Double.parseDouble(s.substring(0, slash).trim())
                    / Double.parseDouble(s.substring(slash + 1).trim());
            return Double.isFinite(v) && v > 0 ? v : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
