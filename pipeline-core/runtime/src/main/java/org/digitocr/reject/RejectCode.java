package org.digitocr.reject;

/**
 * Why a file or a page was rejected: a stable code on every reject row (Parquet {@code reason_code}, JSON Lines
 * {@code reasonCode}) for a warehouse to group by, beside the reason text for people. Names never change;
 * new codes may be added.
 */
public enum RejectCode {
    /** the listing found no file to read: a FIFO, socket or device */
    NOT_A_REGULAR_FILE,
    /** a symbolic link whose target does not exist */
    BROKEN_LINK,
    /** the file or folder may not be read by the user the run runs as */
    PERMISSION_DENIED,
    /** listed, then gone before it was read */
    FILE_NOT_FOUND,
    /** an input/output error while reading the file */
    UNREADABLE_FILE,
    /** above {@code --max-file-bytes}, refused before reading */
    FILE_TOO_LARGE,
    /** zero bytes */
    EMPTY_FILE,
    /** not PNG, JPEG or TIFF */
    UNSUPPORTED_FORMAT,
    /** a damaged or truncated image: header, pages or pixel data unreadable */
    CORRUPT_IMAGE,
    /** a multi-page file that ends before a page it promises */
    TRUNCATED_FILE,
    /** a page above {@code --max-pixels}, refused from its header */
    PAGE_TOO_LARGE,
    /** the pages past {@code --max-pages} or {@code --max-file-pixels} */
    FILE_LIMIT,
    /** no registration marks found on the page */
    NO_REGISTRATION_MARKS,
    /** marks found, but the page fits none of the templates */
    NO_TEMPLATE_FITS,
    /** an unexpected failure of the product on this input (a bug to report), the batch goes on */
    PROCESSING_FAILED
}
