package org.digitocr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.digitocr.TestData;
import org.digitocr.extract.RunOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract} killed with SIGKILL in the middle of a run, in its own JVM: the output folder still shows the
 * previous complete run, byte for byte, and nothing of the killed one; the next run completes.
 */
class ExtractKillTest {
    private static final List<String> OUTPUTS = List.of("fields.jsonl", "rejects.jsonl", "summary.json");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aKilledRunLeavesThePreviousCompleteOutputAndNothingOfItsOwn(@TempDir Path dir) throws Exception {
        Path root = TestData.projectRoot();
        Path samples = root.resolve("data/samples");
        Path out = dir.resolve("out");
        List<String> args = List.of("extract", "--templates", root.resolve("conf/templates").toString(), "--output",
                out.toString(), "--model", TestData.formsModel().dir().toString(), "--input");

        assertEquals(0, extract(args, samples).waitFor(), "the first run completes");
        List<byte[]> before = new ArrayList<>();
        for (String f : OUTPUTS) {
            before.add(Files.readAllBytes(out.resolve(f)));
        }

        Path many = Files.createDirectories(dir.resolve("many"));
        for (int copy = 0; copy < 8; copy++) {
            try (Stream<Path> files = Files.list(samples)) {
                for (Path f : files.toList()) {
                    Files.copy(f, many.resolve(copy + "-" + f.getFileName()));
                }
            }
        }
        Process second = extract(args, many);
        Path staged = out.resolve(RunOutput.STAGING).resolve("fields.jsonl");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (second.isAlive() && !(Files.exists(staged) && Files.size(staged) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(second.isAlive(), "the second run is still going when it is killed");
        second.destroyForcibly().waitFor();
        assertEquals(137, second.exitValue(), "killed by SIGKILL");

        for (int i = 0; i < OUTPUTS.size(); i++) {
            assertArrayEquals(before.get(i), Files.readAllBytes(out.resolve(OUTPUTS.get(i))),
                    OUTPUTS.get(i) + " is the previous complete run's");
        }
        try (Stream<Path> visible = Files.list(out)) {
            assertEquals(List.of("fields.jsonl", "rejects.jsonl", "report", "review", "summary.json"), visible
                    .map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList(),
                    "only the previous run's outputs are visible; the killed run's are in the hidden staging folder");
        }

        assertEquals(0, extract(args, samples).waitFor(), "the next run completes");
        assertTrue(!Files.exists(out.resolve(RunOutput.STAGING)), "and cleans up what the killed run left");
        assertEquals(new String(before.get(0)).lines().count(), Files.readAllLines(out.resolve("fields.jsonl")).size());
    }

    private static Process extract(List<String> args, Path input) throws Exception {
        List<String> all = new ArrayList<>(args);
        all.add(input.toString());
        return ChildJvm.start(all, null);
    }
}
