package org.digitocr.extract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder a single-machine run writes into. Everything is written to a hidden staging folder inside it and
 * moved into place only when the run is complete, the summary last, so a crashed or killed run leaves the
 * previous complete output (or nothing), never a partial file beside an old summary. The staging folder's name
 * starts with a dot, so a run whose output lies inside its input never reads it back. One run owns the folder at
 * a time: it holds a lock on {@link #LOCK} inside it (the operating system's, so a killed run leaves none behind), and
 * a second run into the same folder fails at once, naming the first, instead of deleting its staged files.
 */
public final class RunOutput implements AutoCloseable {
    /** Where files wait until the run is complete. */
    public static final String STAGING = ".digit-ocr-staging";
    /** The file the running run holds locked; it says which process that is. */
    public static final String LOCK = ".digit-ocr.lock";

    private final Path dir;
    private final Path staging;
    private final FileChannel lockFile;
    private final FileLock lock;

    private RunOutput(Path dir, Path staging, FileChannel lockFile, FileLock lock) {
        this.dir = dir;
        this.staging = staging;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Takes {@code dir} for this run (created if missing; a staging folder left by a crashed run is removed), or
     * fails naming the run that holds it.
     */
    public static RunOutput open(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + ": the output path is a file, not a folder");
        }
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = new String(Files.readAllBytes(dir.resolve(LOCK)), StandardCharsets.UTF_8).strip();
            ch.close();
            throw new IOException(dir + ": another run is writing this output ("
                    + (holder.isEmpty() ? "starting" : holder) + "); wait for it to finish or give another --output");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid() + ", since " + Instant.now())
                .getBytes(StandardCharsets.UTF_8)));
        Path staging = dir.resolve(STAGING);
        delete(staging);
        Files.createDirectories(staging);
        return new RunOutput(dir, staging, ch, lock);
    }

    /** Lets the folder go to the next run. */
    @Override
    public void close() throws IOException {
        if (lockFile.isOpen()) {
            lock.release();
            lockFile.close();
        }
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
