package org.digitocr.extract;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.digitocr.reject.RejectCode;

/**
 * How a run's inputs on a local disk become its files, the same for {@code extract} and the Spark job: folders
 * are searched recursively following symbolic links (a link back up the tree is not followed twice); entries
 * whose names start with {@code .} or {@code _} below an input are skipped; a file reached several ways is read
 * once; each entry not read is listed with its {@link SkipReason}; what cannot be read as a file (a FIFO or device, a broken link, a folder that may not be
 * listed) is kept with the reason, for its reject row, and never stops the run; the run's own output folder is
 * never entered. An input that does not exist is an error naming it, so a mistyped path never looks like an empty
 * night.
 */
public final class InputListing {
    /** A file to read, or an entry refused with the reason ({@code code} and {@code refusal} null for a file to read). */
    public record Entry(Path path, RejectCode code, String refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    /** Why an entry below an input is not read (and gets no row): stable codes for the run summary. */
    public enum SkipReason {
        /** a name starting with {@code .} or {@code _} (hidden files, {@code _SUCCESS}, {@code _temporary}) */
        HIDDEN_NAME,
        /** the run's own output folder inside an input */
        OUTPUT_FOLDER,
        /** a symbolic link back up the tree, which would list the same files again */
        LINK_LOOP,
        /** a file already listed under another path (a link to it, or two inputs that overlap) */
        DUPLICATE,
        /** read by an earlier run in the same version (size and modification time): an incremental run skips it */
        UNCHANGED
    }

    /** An entry below an input that the run does not read, with the reason; listed in the run summary. */
    public record Skipped(String path, SkipReason reason) {
    }

    /**
     * @param entries what the run reads or rejects, sorted by path
     * @param skipped what it does not read, with the reason, in the order met
     */
    public record Listing(List<Entry> entries, List<Skipped> skipped) {
    }

    private InputListing() {
    }

    /** Whether a file or folder below an input is skipped: names starting with {@code .} or {@code _}. */
    public static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** Lists files and folders given on a command line. */
    public static Listing list(List<Path> inputs) throws IOException {
        return list(inputs, null);
    }

    /**
     * Lists files and folders given on a command line, never entering {@code output} (the run's own output folder,
     * or null) even when it lies inside an input.
     *
     * @throws NoSuchFileException naming the first input that does not exist
     */
    public static Listing list(List<Path> inputs, Path output) throws IOException {
        Path outputReal = output != null && Files.isDirectory(output) ? output.toRealPath() : null;
        TreeMap<String, Entry> entries = new TreeMap<>();
        Set<Path> seen = new HashSet<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path in : inputs) {
            if (!Files.exists(in) && !Files.isSymbolicLink(in)) {
                throw new NoSuchFileException(in.toString(), null, "no such file or directory");
            }
            Files.walkFileTree(in, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new Walker(in, outputReal, entries, seen, skipped));
        }
        return new Listing(List.copyOf(entries.values()), List.copyOf(skipped));
    }

    private static final class Walker extends SimpleFileVisitor<Path> {
        private final Path root;
        private final Path output;
        private final TreeMap<String, Entry> entries;
        private final Set<Path> seen;
        private final List<Skipped> skipped;

        Walker(Path root, Path output, TreeMap<String, Entry> entries, Set<Path> seen, List<Skipped> skipped) {
            this.root = root;
            this.output = output;
            this.entries = entries;
            this.seen = seen;
            this.skipped = skipped;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && hidden(dir.getFileName().toString())) {
                return skip(dir, SkipReason.HIDDEN_NAME);
            }
            if (output != null && output.equals(real(dir))) {
                return skip(dir, SkipReason.OUTPUT_FOLDER);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!file.equals(root) && hidden(file.getFileName().toString())) {
                skip(file, SkipReason.HIDDEN_NAME);
            } else if (attrs.isSymbolicLink()) {
                refuse(file, RejectCode.BROKEN_LINK, "broken symbolic link (its target does not exist)");
            } else if (!attrs.isRegularFile()) {
                refuse(file, RejectCode.NOT_A_REGULAR_FILE, "not a regular file (a FIFO, socket or device)");
            } else if (seen.add(real(file))) {
                entries.putIfAbsent(file.toString(), new Entry(file, null, null));
            } else {
                skip(file, SkipReason.DUPLICATE);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
                skip(file, SkipReason.LINK_LOOP);
            } else if (e instanceof AccessDeniedException) {
                refuse(file, RejectCode.PERMISSION_DENIED, Files.isDirectory(file) ? "cannot list folder: permission denied"
                        : "cannot read: permission denied");
            } else {
                refuse(file, RejectCode.UNREADABLE_FILE, "cannot read: " + e);
            }
            return FileVisitResult.CONTINUE;
        }

        private FileVisitResult skip(Path path, SkipReason reason) {
            skipped.add(new Skipped(path.toString(), reason));
            return FileVisitResult.SKIP_SUBTREE;
        }

        private void refuse(Path file, RejectCode code, String reason) {
            if (seen.add(file.toAbsolutePath().normalize())) {
                entries.putIfAbsent(file.toString(), new Entry(file, code, reason));
            }
        }

        private static Path real(Path file) {
            try {
                return file.toRealPath();
            } catch (IOException e) {
                return file.toAbsolutePath().normalize();
            }
        }
    }
}
