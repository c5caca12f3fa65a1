package org.digitocr.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's output appears whole at the end, or the previous run's stays as it was. */
class RunOutputTest {
    @Test
    void aRunThatDiesBeforePublishingLeavesThePreviousOutputUntouched(@TempDir Path dir) throws Exception {
        RunOutput first = RunOutput.open(dir);
        Files.writeString(first.staged("fields.jsonl"), "run 1\n");
        Files.createDirectories(first.staged("report"));
        Files.writeString(first.staged("report").resolve("report.html"), "report 1");
        Files.writeString(first.staged("summary.json"), "{\"run\": 1}");
        first.publish(List.of("fields.jsonl", "report", "summary.json"));
        first.close();
        assertEquals(List.of("fields.jsonl", "report", "summary.json"), visible(dir));

        RunOutput killed = RunOutput.open(dir);
        Files.writeString(killed.staged("fields.jsonl"), "run 2, half a li");
        assertEquals("run 1\n", Files.readString(dir.resolve("fields.jsonl")), "nothing of run 2 visible");
        assertEquals(List.of("fields.jsonl", "report", "summary.json"), visible(dir));
        killed.close(); // as the operating system lets a killed process's lock go

        RunOutput third = RunOutput.open(dir);
        assertFalse(Files.exists(third.staged("fields.jsonl")), "the killed run's staged files are cleared");
        Files.writeString(third.staged("fields.jsonl"), "run 3\n");
        Files.createDirectories(third.staged("report"));
        Files.writeString(third.staged("report").resolve("report.html"), "report 3");
        Files.writeString(third.staged("summary.json"), "{\"run\": 3}");
        third.publish(List.of("fields.jsonl", "report", "summary.json"));
        third.close();
        assertEquals("run 3\n", Files.readString(dir.resolve("fields.jsonl")));
        assertEquals("report 3", Files.readString(dir.resolve("report/report.html")));
        assertFalse(Files.exists(dir.resolve(RunOutput.STAGING)), "staging removed after publishing");
    }

    @Test
    void aSecondRunIntoTheSameOutputFailsAtOnceNamingTheFirst(@TempDir Path dir) throws Exception {
        try (RunOutput first = RunOutput.open(dir)) {
            Files.writeString(first.staged("fields.jsonl"), "run 1\n");
            IOException e = assertThrows(IOException.class, () -> RunOutput.open(dir));
            assertTrue(e.getMessage().contains("another run is writing this output (process "
                    + ProcessHandle.current().pid()), e.getMessage());
            assertEquals("run 1\n", Files.readString(first.staged("fields.jsonl")), "the first run's files untouched");
            first.publish(List.of("fields.jsonl"));
        }
        try (RunOutput next = RunOutput.open(dir)) {
            assertTrue(Files.isDirectory(dir.resolve(RunOutput.STAGING)), "taken once the first let it go");
        }
    }

    @Test
    void anOutputPathThatIsAFileIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "x");
        IOException e = assertThrows(IOException.class, () -> RunOutput.open(file));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }

    @Test
    void anOutputFolderInsideTheInputIsNeverReadBack(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.png"), "a");
        Path out = Files.createDirectories(in.resolve("out"));
        Files.writeString(out.resolve("fields.jsonl"), "{}");
        Files.createDirectories(out.resolve("report"));
        Files.writeString(out.resolve("report/confidence.png"), "png");
        List<InputListing.Entry> e = InputListing.list(List.of(in), out).entries();
        assertEquals(List.of(in.resolve("a.png")), e.stream().map(InputListing.Entry::path).toList());
    }

    private static List<String> visible(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
