package org.digitocr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job lists a local folder exactly as {@code extract} does, and can open every file it lists. */
class InputListingTest {
    @Test
    void localFoldersAreListedByTheSameRulesAsExtract(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.png"), "a");
        Files.createDirectories(in.resolve("sub"));
        Files.writeString(in.resolve("sub/b.png"), "bb");
        Files.writeString(in.resolve("scan 2026-11-24 10:30:00.png"), "ccc");
        Files.writeString(in.resolve(".hidden.png"), "h");
        Files.createDirectories(in.resolve(".dot"));
        Files.writeString(in.resolve(".dot/y.png"), "y");
        Files.createSymbolicLink(in.resolve("loop"), Path.of("."));
        Files.createSymbolicLink(in.resolve("sub/up"), Path.of(".."));
        Files.createSymbolicLink(in.resolve("dangling.png"), Path.of("nowhere.png"));
        assertEquals(0, new ProcessBuilder("mkfifo", in.resolve("scan.png").toString()).start().waitFor());

        Configuration conf = new Configuration();
        InputListing.Listed listed = InputListing.list(List.of(in.toString()), conf);
        List<InputFile> spark = listed.files();
        Map<String, String> sparkView = new TreeMap<>();
        for (InputFile f : spark) {
            Path p = Path.of(new org.apache.hadoop.fs.Path(f.path()).toUri());
            sparkView.put(in.relativize(p).toString(), f.refusal() == null ? "read" : f.refusal());
        }
        Map<String, String> extractView = new TreeMap<>();
        org.digitocr.extract.InputListing.Listing local = org.digitocr.extract.InputListing.list(List.of(in));
        local.entries().forEach(e ->
                extractView.put(in.relativize(e.path()).toString(), e.refused() ? e.refusal() : "read"));
        assertEquals(extractView, sparkView);
        assertEquals(5, sparkView.size(), sparkView.toString());
        Map<String, String> skipped = new TreeMap<>();
        listed.skipped().forEach(x -> skipped.put(in.relativize(Path.of(x.path())).toString(), x.reason().name()));
        assertEquals(Map.of(".hidden.png", "HIDDEN_NAME", ".dot", "HIDDEN_NAME", "loop", "LINK_LOOP", "sub/up",
                "LINK_LOOP"), skipped, "what both modes skip, with the reason, for the run summary");
        assertEquals(local.skipped(), listed.skipped());

        FileSystem raw = ((LocalFileSystem) FileSystem.getLocal(conf)).getRawFileSystem();
        for (InputFile f : spark) {
            if (f.refusal() == null) {
                try (InputStream s = raw.open(new org.apache.hadoop.fs.Path(f.path()))) {
                    assertArrayEquals(Files.readAllBytes(Path.of(new org.apache.hadoop.fs.Path(f.path()).toUri())),
                            s.readAllBytes(), f.path());
                }
                assertEquals(f.bytes(), Files.size(Path.of(new org.apache.hadoop.fs.Path(f.path()).toUri())));
            }
        }
    }
}
