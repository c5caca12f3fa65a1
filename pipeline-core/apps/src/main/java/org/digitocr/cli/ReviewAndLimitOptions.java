package org.digitocr.cli;

import org.digitocr.decode.PageDecoder;
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
    @Option(names = "--max-pixels", defaultValue = "" + PageDecoder.DEFAULT_MAX_PIXELS,
            description = "Refuse pages with more pixels than this (default: ${DEFAULT-VALUE}).")
    long maxPixels;
    @Option(names = "--max-file-bytes", defaultValue = "" + PageDecoder.DEFAULT_MAX_FILE_BYTES,
            description = "Refuse files larger than this many bytes, before reading them (default: ${DEFAULT-VALUE}).")
    long maxFileBytes;

    /** The options checked as every front end checks them, before any work: a one-line error naming the option. */
    public ReviewAndLimitOptions validated() {
        if (!(targetError > 0 && targetError < 1)) {
            throw new IllegalArgumentException("--target-error must be in (0, 1), got " + targetError);
        }
        if (maxPixels <= 0 || maxFileBytes <= 0) {
            throw new IllegalArgumentException("--max-pixels and --max-file-bytes must be positive");
        }
        return this;
    }

    public double targetError() {
        return targetError;
    }

    public long maxPixels() {
        return maxPixels;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }
}
