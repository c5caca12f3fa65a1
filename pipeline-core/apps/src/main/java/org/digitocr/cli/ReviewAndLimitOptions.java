package org.digitocr.cli;

import org.digitocr.decode.DecodeLimits;
import org.digitocr.model.ReviewPolicy;
import picocli.CommandLine.Option;

/**
 * The extraction options every front end shares (the {@code extract} command and the Spark job), as a
 * picocli mixin so their names, defaults and help text are declared once.
 */
public final class ReviewAndLimitOptions {
    @Option(names = "--target-error", defaultValue = "" + ReviewPolicy.DEFAULT_TARGET,
            description = "Largest share of wrong values among auto-accepted fields (default: ${DEFAULT-VALUE}).")
    double targetError;
    @Option(names = "--max-pixels", defaultValue = "" + DecodeLimits.DEFAULT_MAX_PIXELS,
            description = "Refuse pages with more pixels than this (default: ${DEFAULT-VALUE}).")
    long maxPixels;
    @Option(names = "--max-file-bytes", defaultValue = "" + DecodeLimits.DEFAULT_MAX_FILE_BYTES,
            description = "Refuse files larger than this many bytes, before reading them (default: ${DEFAULT-VALUE}).")
    long maxFileBytes;
    @Option(names = "--max-pages", defaultValue = "" + DecodeLimits.DEFAULT_MAX_PAGES,
            description = "Read at most this many pages of one file; the rest get one reject row (default: ${DEFAULT-VALUE}).")
    int maxPages;
    @Option(names = "--max-file-pixels", defaultValue = "" + DecodeLimits.DEFAULT_MAX_FILE_PIXELS,
            description = "Read at most this many pixels of one file, all pages together; the pages past it get one"
                    + " reject row (default: ${DEFAULT-VALUE}).")
    long maxFilePixels;

    @Option(names = "--max-reject-rate", defaultValue = "1",
            description = "Exit with code 3, after writing the output, when more than this share of the input files"
                    + " have reject rows: for a scheduler's alerting (default: ${DEFAULT-VALUE}, never).")
    double maxRejectRate;

    /** The options checked as every front end checks them, before any work: a one-line error naming the option. */
    public ReviewAndLimitOptions validated() {
        if (!(targetError > 0 && targetError < 1)) {
            throw new IllegalArgumentException("--target-error must be in (0, 1), got " + targetError);
        }
        if (!(maxRejectRate >= 0 && maxRejectRate <= 1)) {
            throw new IllegalArgumentException("--max-reject-rate must be in [0, 1], got " + maxRejectRate);
        }
        decodeLimits();
        return this;
    }

    public double maxRejectRate() {
        return maxRejectRate;
    }

    public double targetError() {
        return targetError;
    }

    public DecodeLimits decodeLimits() {
        return new DecodeLimits(maxPixels, maxFileBytes, maxPages, maxFilePixels);
    }
}
