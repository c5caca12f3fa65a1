package org.digitocr.decode;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.imageio.stream.ImageInputStream;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

/**
 * The EXIF orientation of a JPEG (phones and some scanners store pixels as captured and say in EXIF how to turn
 * or mirror them), read with TwelveMonkeys' metadata reader and applied, so a page is registered as it was meant
 * to be seen; a mirrored page would otherwise fit no template.
 */
final class ExifOrientation {
    private ExifOrientation() {
    }

    /** The EXIF orientation (1 to 8; 1 when there is none or it cannot be read). Restores the stream position. */
    static int of(ImageInputStream in) {
        try {
            long mark = in.getStreamPosition();
            try {
                in.seek(0);
                List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
                if (exif.isEmpty()) {
                    return 1;
                }
                InputStream data = exif.get(0).data();
                if (data.read() == -1) {
                    return 1;
                }
                Directory dir = new TIFFReader().read(new ByteArrayImageInputStream(data.readAllBytes()));
                Entry e = dir.getEntryById(TIFF.TAG_ORIENTATION);
                int v = e == null ? 1 : ((Number) e.getValue()).intValue();
                return v >= 1 && v <= 8 ? v : 1;
            } finally {
                in.seek(mark);
            }
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /** The page turned or mirrored as {@code orientation} says; failed pages and orientation 1 as they are. */
    static DecodedPage apply(DecodedPage page, int orientation) {
        if (orientation == 1 || !(page instanceof DecodedPage.Image img)) {
            return page;
        }
        BufferedImage src = img.image();
        double w = src.getWidth();
        double h = src.getHeight();
        // x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12 (EXIF 2..8: mirror, 180, flip, transpose, 90 cw,
        // transverse, 90 ccw)
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        BufferedImage rgb = src;
        if (src.getType() == BufferedImage.TYPE_CUSTOM) {
            rgb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.createGraphics().drawImage(src, 0, 0, null);
        }
        BufferedImage turned = new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(rgb, null);
        return new DecodedPage.Image(img.source(), img.page(), turned);
    }
}
