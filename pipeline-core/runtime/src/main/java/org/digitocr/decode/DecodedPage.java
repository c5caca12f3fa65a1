package org.digitocr.decode;

import java.awt.image.BufferedImage;

import org.digitocr.reject.RejectCode;

/**
 * One page of an input file: decoded, or failed with the reason. Pages are numbered from 1 (a PNG or JPEG
 * has one page; a TIFF may have many), so a failure on page 3 never hides pages 1, 2 and 4.
 */
public sealed interface DecodedPage {
    String source();

    int page();

    /** A page that decoded. */
    record Image(String source, int page, BufferedImage image) implements DecodedPage {
    }

    /** A page that could not be decoded; {@code reason} says why, for the reject row. */
    record Failed(String source, int page, RejectCode code, String reason) implements DecodedPage {
    }
}
