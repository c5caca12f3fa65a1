package org.digitocr.extract;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.digitocr.extract.InputListing.SkipReason;
import org.digitocr.extract.InputListing.Skipped;

/**
 * What a run's listing did not read, for its summary: how many entries per {@link SkipReason}, and the first
 * {@link #LISTED} of them by path, so that a folder of millions of hidden files keeps the summary small.
 *
 * @param count    entries skipped
 * @param byReason entries skipped per reason
 * @param listed   the first {@link #LISTED} skipped entries, with their reason
 */
public record SkippedInputs(long count, Map<SkipReason, Long> byReason, List<Skipped> listed) {
    /** How many skipped entries a summary names at most. */
    public static final int LISTED = 1000;

    public static SkippedInputs of(List<Skipped> skipped) {
        Map<SkipReason, Long> byReason = new EnumMap<>(SkipReason.class);
        skipped.forEach(s -> byReason.merge(s.reason(), 1L, Long::sum));
        return new SkippedInputs(skipped.size(), byReason, List.copyOf(skipped.subList(0, Math.min(LISTED,
                skipped.size()))));
    }
}
