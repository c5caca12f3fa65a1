package org.digitocr.decode;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.twelvemonkeys.imageio.stream.BufferedImageInputStream;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import org.digitocr.reject.RejectCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes scans (PNG, JPEG in grey, RGB or CMYK, single- and multi-page TIFF with LZW, Deflate, PackBits or
 * CCITT G3/G4) through ImageIO with the TwelveMonkeys plug-ins. Each page's size is read from its header
 * before its pixels, and pages above the pixel limit are refused, so a decompression bomb costs nothing. Pages are
 * handed on one at a time ({@link #decode(String, byte[], Consumer)}), so a file of many large pages never needs
 * more memory than one of them; a TIFF that ends before its last page says so in a failed page. A page whose
 * pixels are not square (a fax in standard mode) is resampled to square pixels ({@link PixelDensity}).
 */
public final class PageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(PageDecoder.class);
    private final DecodeLimits limits;

    public PageDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    public DecodeLimits limits() {
        return limits;
    }

    /**
     * Decodes every page of a file's bytes into a list (a file's pages all in memory at once: for small files).
     *
     * @throws DecodeException when the file as a whole is unusable (empty, not a supported image, bad header)
     */
    public List<DecodedPage> decode(String source, byte[] bytes) throws DecodeException {
        List<DecodedPage> out = new ArrayList<>();
        decode(source, bytes, out::add);
        return out;
    }

    /**
     * Decodes a file's pages one after the other, handing each to {@code sink} before the next is decoded; the
     * sink should keep only what it needs of a page. A TIFF cut off before one of its pages' directories ends
     * with a failed page that says so.
     *
     * @return how many pages the sink received
     * @throws DecodeException when the file as a whole is unusable (empty, not a supported image, bad header)
     */
    public int decode(String source, byte[] bytes, Consumer<DecodedPage> sink) throws DecodeException {
        return decode(source, bytes.length, () -> new ByteArrayImageInputStream(bytes), sink);
    }

    /**
     * Decodes a file on a local disk as {@link #decode(String, byte[], Consumer)} does, read as a stream with
     * random access, never as one array, whatever its size.
     */
    public int decode(String source, Path file, Consumer<DecodedPage> sink) throws DecodeException {
        SeekableByteChannel channel;
        long length;
        try {
            channel = Files.newByteChannel(file);
            length = channel.size();
        } catch (IOException e) {
            throw new DecodeException(RejectCode.UNREADABLE_FILE, "cannot read: " + message(e), e);
        }
        return decode(source, channel, length, sink);
    }

    /**
     * Decodes the bytes of an open channel (closed when done) as {@link #decode(String, Path, Consumer)} does. The
     * channel is read through a buffer in blocks, never a byte per call: JPEG readers ask for one byte at a time,
     * and unbuffered each of those was a system call (2.8 million for a 2.8 MB cheque scan).
     */
    int decode(String source, SeekableByteChannel channel, long length, Consumer<DecodedPage> sink)
            throws DecodeException {
        try (channel) {
            return decode(source, length, () -> new BufferedImageInputStream(new ChannelImageInputStream(channel)), sink);
        } catch (IOException e) {
            throw new DecodeException(RejectCode.UNREADABLE_FILE, "cannot read: " + message(e), e);
        }
    }

    /** Opens a fresh stream over a file's bytes. */
    private interface Opener {
        ImageInputStream open() throws IOException;
    }

    private int decode(String source, long length, Opener opener, Consumer<DecodedPage> sink)
            throws DecodeException {
        if (length == 0) {
            throw new DecodeException(RejectCode.EMPTY_FILE, "empty file (0 bytes)");
        }
        try (ImageInputStream in = opener.open()) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DecodeException(RejectCode.UNSUPPORTED_FORMAT, "not a supported image format (PNG, JPEG or TIFF expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                String format = format(reader);
                // a PNG's density is read before the reader moves on and the start of the stream may be let go
                PixelDensity png = format.equals("PNG") ? PixelDensity.ofPng(in) : null;
                int pages = pageCount(reader);
                int orientation = format.equals("JPEG") ? ExifOrientation.of(in) : 1;
                long pixels = 0;
                for (int i = 0; i < pages; i++) {
                    pixels += headerPixels(reader, i);
                    if (i >= limits.maxPages() || pixels > limits.maxFilePixels()) {
                        sink.accept(new DecodedPage.Failed(source, i + 1, RejectCode.FILE_LIMIT, String.format(Locale.ROOT,
                                "pages %d to %d not read: a file is read up to %d pages and %d pixels in all"
                                        + " (--max-pages, --max-file-pixels)", i + 1, pages, limits.maxPages(),
                                limits.maxFilePixels())));
                        return i + 1;
                    }
                    sink.accept(ExifOrientation.apply(page(reader, format, source, i, png), orientation));
                }
                int lost = format.startsWith("TIF") ? TiffDirectories.firstLostPage(in, length) : 0;
                if (lost > pages) {
                    sink.accept(new DecodedPage.Failed(source, lost, RejectCode.TRUNCATED_FILE, String.format(Locale.ROOT,
                            "truncated TIFF file: it ends (%d bytes) before the directory of page %d, so page %d and"
                                    + " any after it are lost", length, lost, lost)));
                    return pages + 1;
                }
                return pages;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DecodeException(RejectCode.CORRUPT_IMAGE, "unreadable image (" + message(e) + ")", e);
        }
    }

    private static int pageCount(ImageReader reader) throws DecodeException {
        try {
            int n = reader.getNumImages(true);
            if (n < 1) {
                throw new DecodeException(RejectCode.CORRUPT_IMAGE, "corrupt " + format(reader) + " file (no readable pages)");
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw new DecodeException(RejectCode.CORRUPT_IMAGE, "corrupt " + format(reader) + " file (" + message(e) + ")", e);
        }
    }

    /**
     * Page {@code index} of a file in {@code format} decoded, with square pixels; {@code known} is the file's density
     * when already read.
     */
    private DecodedPage page(ImageReader reader, String format, String source, int index, PixelDensity known) {
        int page = index + 1;
        try {
            long w = reader.getWidth(index);
            long h = reader.getHeight(index);
            if (w * h > limits.maxPixels()) {
                return new DecodedPage.Failed(source, page, RejectCode.PAGE_TOO_LARGE, String.format(Locale.ROOT,
                        "page %d is %dx%d = %d pixels, above the limit of %d", page, w, h, w * h, limits.maxPixels()));
            }
            PixelDensity density = known != null ? known : density(reader, index);
            double[] stretch = density.stretch();
            long squaredPixels = Math.round(w * stretch[0]) * Math.round(h * stretch[1]);
            if (squaredPixels > limits.maxPixels()) {
                return new DecodedPage.Failed(source, page, RejectCode.PAGE_TOO_LARGE, String.format(Locale.ROOT,
                        "page %d is %dx%d pixels at %.0f x %.0f dots per unit, %d pixels once its pixels are made"
                                + " square, above the limit of %d", page, w, h, density.across(), density.down(),
                        squaredPixels, limits.maxPixels()));
            }
            AtomicReference<String> warning = new AtomicReference<>();
            reader.addIIOReadWarningListener((r, w2) -> {
                if (looksDamaged(w2)) {
                    warning.compareAndSet(null, w2);
                }
            });
            BufferedImage img = reader.read(index);
            reader.removeAllIIOReadWarningListeners();
            if (warning.get() != null) {
                return new DecodedPage.Failed(source, page, RejectCode.CORRUPT_IMAGE, "truncated or corrupt " + format + " data ("
                        + warning.get() + ")");
            }
            if (!density.square()) {
                LOG.info("{} page {}: {} x {} dots per unit across and down (a fax sent in standard mode?), read"
                        + " with square pixels", source, page, density.across(), density.down());
            }
            return new DecodedPage.Image(source, page, density.squared(img));
        } catch (IOException | RuntimeException e) {
            return new DecodedPage.Failed(source, page, RejectCode.CORRUPT_IMAGE, "truncated or corrupt " + format + " data on page "
                    + page + " (" + message(e) + ")");
        }
    }

    /** The page's pixel density as its header states it; square when it states none or cannot be read. */
    private static PixelDensity density(ImageReader reader, int index) {
        try {
            return PixelDensity.of(reader.getImageMetadata(index));
        } catch (IOException | RuntimeException e) {
            return PixelDensity.SQUARE_PIXELS;
        }
    }

    /** A page's pixel count from its header, 0 when the header cannot be read (the page then fails on its own). */
    private static long headerPixels(ImageReader reader, int index) {
        try {
            return (long) reader.getWidth(index) * reader.getHeight(index);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Whether a decoder's warning says the pixels are damaged. A colour profile the decoder could not use (it reads
     * the pixels in their plain colour space instead) is no damage, whatever words its warning uses.
     */
    private static boolean looksDamaged(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        if (w.contains("icc") || w.contains("colour profile") || w.contains("color profile")) {
            return false;
        }
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
