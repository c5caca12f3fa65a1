package org.digitocr.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.digitocr.extract.InputListing.SkipReason;
import org.digitocr.extract.InputListing.Skipped;

/**
 * What an incremental run reads of the listed files: those the tables do not hold, and those they hold in
 * another version (another size or modification time: the scan was replaced), whose earlier rows the run
 * replaces. A file held in the same version is skipped without being opened, the quick check rsync makes;
 * its SHA-256 is on the rows already.
 *
 * @param toRead    the files to read
 * @param changed   the sources among them the tables hold in another version
 * @param unchanged the files skipped, for the summary
 */
record Increment(List<InputFile> toRead, Set<String> changed, List<Skipped> unchanged) {

    static Increment of(List<InputFile> listed, List<RunTables.HeldSource> held) {
        Map<String, List<RunTables.HeldSource>> bySource = new HashMap<>();
        held.forEach(h -> bySource.computeIfAbsent(h.source(), k -> new ArrayList<>()).add(h));
        List<InputFile> toRead = new ArrayList<>();
        Set<String> changed = new TreeSet<>();
        List<Skipped> unchanged = new ArrayList<>();
        for (InputFile f : listed) {
            List<RunTables.HeldSource> versions = bySource.get(f.path());
            if (versions == null) {
                toRead.add(f);
            } else if (versions.stream().allMatch(v -> same(v, f))) {
                unchanged.add(new Skipped(f.path(), SkipReason.UNCHANGED));
            } else {
                toRead.add(f);
                changed.add(f.path());
            }
        }
        return new Increment(List.copyOf(toRead), Set.copyOf(changed), List.copyOf(unchanged));
    }

    private static boolean same(RunTables.HeldSource h, InputFile f) {
        Long modified = f.modifiedAt() == null ? null : f.modifiedAt().toEpochMilli();
        return h.bytes() == f.bytes() && modified != null && Objects.equals(h.modifiedMillis(), modified);
    }
}
