package org.digitocr.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.digitocr.extract.InputListing.SkipReason;
import org.digitocr.extract.InputListing.Skipped;
import org.digitocr.reject.RejectCode;

/**
 * Lists a run's inputs on any Hadoop file system: files, directories (recursively) and globs. Local inputs
 * ({@code file:}) are listed by the product's own {@link org.digitocr.extract.InputListing}, so the Spark job and
 * {@code extract} read the same files by the same rules (links followed once, {@code .name} and {@code _name}
 * skipped, FIFOs, broken links and unlistable folders kept as refusals for their reject rows); other file systems
 * skip the same names. An input that matches nothing is an error naming it, so a mistyped path never yields an
 * empty run that looks successful.
 */
public final class InputListing {
    /** Typical bytes of one scanned page, used to estimate the pages of a multi-page TIFF from its size. */
    static final long BYTES_PER_PAGE_GUESS = 250_000;

    private InputListing() {
    }

    /** The files a run reads (or rejects, with the reason), sorted by path, and what it skips. */
    public record Listed(List<InputFile> files, List<Skipped> skipped) {
    }

    public static Listed list(List<String> inputs, Configuration conf) throws IOException {
        TreeMap<String, InputFile> files = new TreeMap<>();
        List<Skipped> skipped = new ArrayList<>();
        for (String in : inputs) {
            Path p = new Path(in);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matched = fs.globStatus(p);
            if (matched == null || matched.length == 0) {
                throw new IOException(in + ": no such file or directory");
            }
            for (FileStatus st : matched) {
                if (fs instanceof LocalFileSystem) {
                    listLocal(java.nio.file.Path.of(fs.makeQualified(st.getPath()).toUri()), files, skipped);
                } else if (st.isDirectory()) {
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(st.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus f = it.next();
                        if (hidden(st.getPath(), f.getPath())) {
                            skipped.add(new Skipped(f.getPath().toString(), SkipReason.HIDDEN_NAME));
                        } else {
                            add(files, f.getPath().toString(), f.getLen(), f.getModificationTime(), null, null, skipped);
                        }
                    }
                } else {
                    add(files, st.getPath().toString(), st.getLen(), st.getModificationTime(), null, null, skipped);
                }
            }
        }
        return new Listed(List.copyOf(files.values()), List.copyOf(skipped));
    }

    private static void listLocal(java.nio.file.Path root, TreeMap<String, InputFile> files, List<Skipped> skipped)
            throws IOException {
        org.digitocr.extract.InputListing.Listing listing = org.digitocr.extract.InputListing.list(List.of(root));
        for (org.digitocr.extract.InputListing.Entry e : listing.entries()) {
            long bytes = e.refused() ? 0 : java.nio.file.Files.size(e.path());
            long modified = e.refused() ? -1 : java.nio.file.Files.getLastModifiedTime(e.path()).toMillis();
            add(files, new Path(e.path().toUri()).toString(), bytes, modified, e.code(), e.refusal(), skipped);
        }
        skipped.addAll(listing.skipped());
    }

    private static void add(TreeMap<String, InputFile> files, String path, long bytes, long modified,
                            RejectCode code, String refusal, List<Skipped> skipped) {
        if (files.putIfAbsent(path, new InputFile(path, bytes, weight(path, bytes), modified, code, refusal)) != null) {
            skipped.add(new Skipped(path, SkipReason.DUPLICATE));
        }
    }

    static double weight(String path, long bytes) {
        String name = path.toLowerCase(Locale.ROOT);
        boolean tiff = name.endsWith(".tif") || name.endsWith(".tiff");
        return tiff ? Math.max(1.0, (double) bytes / BYTES_PER_PAGE_GUESS) : 1.0;
    }

    private static boolean hidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            if (org.digitocr.extract.InputListing.hidden(p.getName())) {
                return true;
            }
        }
        return false;
    }
}
