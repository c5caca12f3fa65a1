package org.digitocr.decode;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes scans (PNG, JPEG in grey, RGB or CMYK, single- and multi-page TIFF with LZW, Deflate, PackBits or
 * CCITT G3/G4) through ImageIO with the TwelveMonkeys plug-ins. Each page's size is read from its header
 * before its pixels, and pages above the pixel limit are refused, so a decompression bomb costs nothing.
 */
public final class PageDecoder {
    /** Default limit: 60 megapixels, an A3 page at 600 dpi. */
    public static final long DEFAULT_MAX_PIXELS = 60_000_000L;

    private final long maxPixels;

    public PageDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("pixel limit must be positive");
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Decodes every page of a file's bytes.
     *
     * @throws DecodeException when the file as a whole is unusable (empty, not a supported image, bad header)
     */
    public List<DecodedPage> decode(String source, byte[] bytes) throws DecodeException {
        if (bytes.length == 0) {
            throw new DecodeException("empty file (0 bytes)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DecodeException("not a supported image format (PNG, JPEG or TIFF expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, false);
                int pages = pageCount(reader);
                List<DecodedPage> out = new ArrayList<>(pages);
                for (int i = 0; i < pages; i++) {
                    out.add(page(reader, source, i));
                }
                return out;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DecodeException("unreadable image (" + message(e) + ")", e);
        }
    }

    private static int pageCount(ImageReader reader) throws DecodeException {
        try {
            int n = reader.getNumImages(true);
            if (n < 1) {
                throw new DecodeException("corrupt " + format(reader) + " file (no readable pages)");
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw new DecodeException("corrupt " + format(reader) + " file (" + message(e) + ")", e);
        }
    }

    private DecodedPage page(ImageReader reader, String source, int index) {
        int page = index + 1;
        try {
            long w = reader.getWidth(index);
            long h = reader.getHeight(index);
            if (w * h > maxPixels) {
                return new DecodedPage.Failed(source, page, String.format(Locale.ROOT,
                        "page %d is %dx%d = %d pixels, above the limit of %d", page, w, h, w * h, maxPixels));
            }
            AtomicReference<String> warning = new AtomicReference<>();
            reader.addIIOReadWarningListener((r, w2) -> warning.compareAndSet(null, w2));
            BufferedImage img = reader.read(index);
            reader.removeAllIIOReadWarningListeners();
            if (warning.get() != null && looksDamaged(warning.get())) {
                return new DecodedPage.Failed(source, page, "truncated or corrupt " + format(reader) + " data ("
                        + warning.get() + ")");
            }
            return new DecodedPage.Image(source, page, img);
        } catch (IOException | RuntimeException e) {
            return new DecodedPage.Failed(source, page, "truncated or corrupt " + format(reader) + " data on page "
                    + page + " (" + message(e) + ")");
        }
    }

    private static boolean looksDamaged(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("premature") || w.contains("truncat") || w.contains("corrupt") || w.contains("end of")
                || w.contains("missing");
    }

    private static String format(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
