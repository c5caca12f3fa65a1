package org.digitocr.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists a run's inputs on any Hadoop file system: files, directories (recursively, skipping hidden and
 * {@code _}-prefixed entries) and globs. An input that matches nothing is an error naming it, so a mistyped
 * path never yields an empty run that looks successful.
 */
public final class InputListing {
    /** Typical bytes of one scanned page, used to estimate the pages of a multi-page TIFF from its size. */
    static final long BYTES_PER_PAGE_GUESS = 250_000;

    private InputListing() {
    }

    public static List<InputFile> list(List<String> inputs, Configuration conf) throws IOException {
        TreeMap<String, FileStatus> files = new TreeMap<>();
        for (String in : inputs) {
            Path p = new Path(in);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matched = fs.globStatus(p);
            if (matched == null || matched.length == 0) {
                throw new IOException(in + ": no such file or directory");
            }
            for (FileStatus st : matched) {
                if (st.isDirectory()) {
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(st.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus f = it.next();
                        if (!hidden(st.getPath(), f.getPath())) {
                            files.put(f.getPath().toString(), f);
                        }
                    }
                } else {
                    files.put(st.getPath().toString(), st);
                }
            }
        }
        List<InputFile> out = new ArrayList<>();
        files.forEach((path, st) -> out.add(new InputFile(path, st.getLen(), weight(path, st.getLen()))));
        return out;
    }

    static double weight(String path, long bytes) {
        String name = path.toLowerCase(Locale.ROOT);
        boolean tiff = name.endsWith(".tif") || name.endsWith(".tiff");
        return tiff ? Math.max(1.0, (double) bytes / BYTES_PER_PAGE_GUESS) : 1.0;
    }

    private static boolean hidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            String n = p.getName();
            if (n.startsWith(".") || n.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
