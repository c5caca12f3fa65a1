package org.digitocr.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;

/**
 * Real digits of writers who are not MNIST's, as one IDX pair in a folder ({@code OTHER_WRITERS_DIR}): the
 * product's development set for other hands. It is only ever measured on, beside MNIST test, so that every
 * figure the product states says how it reads people MNIST never saw; nothing is trained, calibrated or fitted
 * on it.
 *
 * @param dir the folder holding {@code *images-idx3-ubyte[.gz]} and {@code *labels-idx1-ubyte[.gz]}, or null
 */
public record OtherWriters(Path dir) {
    public static final String ENV = "OTHER_WRITERS_DIR";
    public static final Path DEFAULT_DIR = Path.of("data", "other-writers");
    /** No set: measurements of other writers are left out. */
    public static final OtherWriters NONE = new OtherWriters(null);

    /** The folder in {@code OTHER_WRITERS_DIR}, else {@code data/other-writers}. */
    public static OtherWriters fromEnvironment() {
        String env = System.getenv(ENV);
        return new OtherWriters(env == null || env.isBlank() ? DEFAULT_DIR : Path.of(env));
    }

    /** Whether the folder holds one image file and one label file. */
    public boolean present() {
        return dir != null && find("images-idx3-ubyte") != null && find("labels-idx1-ubyte") != null;
    }

    /** A short name for reports and cards: the folder's name. */
    public String name() {
        return dir == null ? "none" : String.valueOf(dir.toAbsolutePath().normalize().getFileName());
    }

    public Path images() {
        return required("images-idx3-ubyte");
    }

    public Path labels() {
        return required("labels-idx1-ubyte");
    }

    public LabelledDigits load() {
        return Mnist.load(images(), labels());
    }

    /** Why {@link #present()} is false, for a clear message. */
    public String absence() {
        return dir == null ? "no other writers' set given"
                : "no IDX pair (*images-idx3-ubyte[.gz], *labels-idx1-ubyte[.gz]) in " + dir.toAbsolutePath()
                + " (set " + ENV + ")";
    }

    private Path required(String kind) {
        Path p = find(kind);
        if (p == null) {
            throw new IllegalStateException(absence());
        }
        return p;
    }

    private Path find(String kind) {
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(kind) || n.endsWith(kind + ".gz");
            }).sorted().toList();
            return found.size() == 1 ? found.get(0) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
