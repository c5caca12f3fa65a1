package org.digitocr.extract;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder a single-machine run writes into. Everything is written to a hidden staging folder inside it and
 * moved into place only when the run is complete, the summary last, so a crashed or killed run leaves the
 * previous complete output (or nothing), never a partial file beside an old summary. The staging folder's name
 * starts with a dot, so a run whose output lies inside its input never reads it back.
 */
public final class RunOutput {
    /** Where files wait until the run is complete. */
    public static final String STAGING = ".digit-ocr-staging";

    private final Path dir;
    private final Path staging;

    private RunOutput(Path dir, Path staging) {
        this.dir = dir;
        this.staging = staging;
    }

    /** Prepares {@code dir} (created if missing; a staging folder left by a crashed run is removed). */
    public static RunOutput open(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + ": the output path is a file, not a folder");
        }
        Files.createDirectories(dir);
        Path staging = dir.resolve(STAGING);
        delete(staging);
        Files.createDirectories(staging);
        return new RunOutput(dir, staging);
    }

    public Path dir() {
        return dir;
    }

    /** Where the run writes {@code name} until {@link #publish}. */
    public Path staged(String name) {
        return staging.resolve(name);
    }

    /** Moves the staged files and folders into place in the given order (the last one marks completion). */
    public void publish(List<String> names) throws IOException {
        for (String name : names) {
            Path target = dir.resolve(name);
            if (Files.isDirectory(target)) {
                Path old = staging.resolve(name + ".previous");
                Files.move(target, old);
            }
            try {
                Files.move(staging.resolve(name), target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        delete(staging);
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
