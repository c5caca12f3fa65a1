package org.digitocr.decode;

import java.io.Serializable;
import java.util.Locale;

/**
 * How much of a file the decoder may read, so that no input, however built, costs more than a bounded amount of
 * memory and time: pixels per page (checked from the header, before the pixels), bytes per file (checked before
 * the file is read), and pages and pixels per file (all pages together; the pages past either limit get one
 * reject row). Each front end offers them as options of the same names.
 *
 * @param maxPixels     pixels of one page at most ({@code --max-pixels})
 * @param maxFileBytes  bytes of one file at most ({@code --max-file-bytes})
 * @param maxPages      pages read of one file at most ({@code --max-pages})
 * @param maxFilePixels pixels read of one file at most, all its pages together ({@code --max-file-pixels})
 */
public record DecodeLimits(long maxPixels, long maxFileBytes, int maxPages, long maxFilePixels)
        implements Serializable {
    /** Default page limit: 60 megapixels, an A3 page at 600 dpi. */
    public static final long DEFAULT_MAX_PIXELS = 60_000_000L;
    /** Default file size limit: 1 GiB, far above any scan. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;
    /** Default page count limit per file. */
    public static final int DEFAULT_MAX_PAGES = 1000;
    /** Default pixels per file, all pages together: about 1,100 A4 pages at 300 dpi. */
    public static final long DEFAULT_MAX_FILE_PIXELS = 10_000_000_000L;
    public static final DecodeLimits DEFAULTS = new DecodeLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_FILE_BYTES,
            DEFAULT_MAX_PAGES, DEFAULT_MAX_FILE_PIXELS);

    public DecodeLimits {
        if (maxPixels <= 0 || maxFileBytes <= 0 || maxPages <= 0 || maxFilePixels <= 0) {
            throw new IllegalArgumentException("--max-pixels, --max-file-bytes, --max-pages and --max-file-pixels "
                    + "must be positive, got " + maxPixels + ", " + maxFileBytes + ", " + maxPages + ", "
                    + maxFilePixels);
        }
    }

    public DecodeLimits withMaxPixels(long pixels) {
        return new DecodeLimits(pixels, maxFileBytes, maxPages, maxFilePixels);
    }

    public DecodeLimits withMaxPages(int pages) {
        return new DecodeLimits(maxPixels, maxFileBytes, pages, maxFilePixels);
    }

    /**
     * Why a file of {@code bytes} bytes is refused before it is read (above the limit), or null when it may be
     * read: the same reason in every front end.
     */
    public String sizeRefusal(long bytes) {
        return bytes > maxFileBytes ? String.format(Locale.ROOT, "file too large: %d bytes, above the limit of %d",
                bytes, maxFileBytes) : null;
    }
}
