package org.digitocr.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder as careless operators and attackers leave it: every entry is read once, skipped or refused, never lost. */
class InputListingTest {
    /**
     * Builds {@code a.png}, {@code sub/b.png}, a name with colons, hidden files and folders, a link loop
     * ({@code loop -> .}, {@code sub/up -> ..}), a broken link and a FIFO.
     */
    static Path hostileTree(Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.png"), "a");
        Files.createDirectories(in.resolve("sub"));
        Files.writeString(in.resolve("sub/b.png"), "b");
        Files.writeString(in.resolve("scan 2026-11-24 10:30:00.png"), "c");
        Files.writeString(in.resolve(".hidden.png"), "h");
        Files.createDirectories(in.resolve("_tmp"));
        Files.writeString(in.resolve("_tmp/x.png"), "x");
        Files.createDirectories(in.resolve(".git"));
        Files.writeString(in.resolve(".git/y.png"), "y");
        Files.createSymbolicLink(in.resolve("loop"), Path.of("."));
        Files.createSymbolicLink(in.resolve("sub/up"), Path.of(".."));
        Files.createSymbolicLink(in.resolve("dangling.png"), Path.of("nowhere.png"));
        Process p = new ProcessBuilder("mkfifo", in.resolve("scan.png").toString()).start();
        assertEquals(0, p.waitFor(), "mkfifo");
        return in;
    }

    static Map<String, String> byName(Path root, List<InputListing.Entry> entries) {
        Map<String, String> m = new TreeMap<>();
        entries.forEach(e -> m.put(root.relativize(e.path()).toString(), e.refused() ? e.refusal() : "read"));
        return m;
    }

    @Test
    void readsEachFileOnceSkipsHiddenAndLoopsAndRefusesWhatIsNoFile(@TempDir Path dir) throws Exception {
        Path in = hostileTree(dir);
        InputListing.Listing l = InputListing.list(List.of(in, in.resolve("a.png"), in.resolve("sub/..")));
        Map<String, String> got = byName(in, l.entries());
        assertEquals(Map.of("a.png", "read", "sub/b.png", "read", "scan 2026-11-24 10:30:00.png", "read",
                "dangling.png", "broken symbolic link (its target does not exist)",
                "scan.png", "not a regular file (a FIFO, socket or device)"), got);
        Map<String, java.util.Set<InputListing.SkipReason>> skipped = new TreeMap<>();
        l.skipped().forEach(x -> skipped.computeIfAbsent(Path.of(x.path()).getFileName().toString(),
                k -> java.util.EnumSet.noneOf(InputListing.SkipReason.class)).add(x.reason()));
        assertEquals(java.util.EnumSet.of(InputListing.SkipReason.HIDDEN_NAME), skipped.get(".hidden.png"));
        assertEquals(java.util.EnumSet.of(InputListing.SkipReason.HIDDEN_NAME), skipped.get("_tmp"));
        assertEquals(java.util.EnumSet.of(InputListing.SkipReason.HIDDEN_NAME), skipped.get(".git"));
        assertEquals(java.util.EnumSet.of(InputListing.SkipReason.LINK_LOOP), skipped.get("loop"));
        assertEquals(java.util.EnumSet.of(InputListing.SkipReason.LINK_LOOP), skipped.get("up"));
        assertEquals(java.util.EnumSet.of(InputListing.SkipReason.DUPLICATE), skipped.get("a.png"),
                "a.png given again, and again through sub/..");
        SkippedInputs summary = SkippedInputs.of(l.skipped());
        assertEquals(l.skipped().size(), summary.count());
        assertEquals(summary.count(), summary.byReason().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void anInputThatDoesNotExistIsAnErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("mistyped");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> InputListing.list(List.of(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void anInputNamedExplicitlyIsReadEvenIfItsNameLooksHidden(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve(".scan.png"), "x");
        assertEquals(List.of(new InputListing.Entry(f, null, null)), InputListing.list(List.of(f)).entries());
    }
}
