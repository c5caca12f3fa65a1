package org.digitocr.spark;

import java.io.IOException;
import java.util.UUID;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Makes a finished run visible: each table's {@code run_id=ID} partition, written complete under a staging
 * directory, appears by one directory rename. A previous run with the same id is first moved aside (Hadoop file
 * systems cannot rename onto a non-empty directory), so while a run is replaced a reader briefly sees neither;
 * Iceberg tables replace a run in one commit. Other runs are never touched; a failed run leaves nothing
 * visible. Renames are atomic on HDFS and local disks; on S3 they are copies.
 */
final class RunPublisher {
    static final String STAGING = "_staging";
    static final String SUCCESS = "_SUCCESS";

    private final FileSystem fs;
    private final Path output;
    private final String runId;

    RunPublisher(FileSystem fs, Path output, String runId) {
        this.fs = fs;
        this.output = output;
        this.runId = runId;
    }

    /** A fresh staging directory under the output (ignored by readers: it starts with an underscore). */
    Path newStaging() {
        return new Path(new Path(output, STAGING), runId + "-" + UUID.randomUUID());
    }

    Path partition(Path tableRoot) {
        return new Path(tableRoot, "run_id=" + runId);
    }

    /**
     * Marks {@code staging/TABLE/run_id=ID} done (its {@code _SUCCESS}, created also when the run had no rows for
     * the table) and moves it to {@code output/TABLE/run_id=ID}, replacing what was there: data and marker appear
     * by the one rename.
     */
    void publish(Path staging, String table) throws IOException {
        Path src = partition(new Path(staging, table));
        markDone(fs, src);
        Path dst = partition(new Path(output, table));
        Path old = new Path(staging, "replaced-" + table);
        boolean hadOld = fs.exists(dst);
        if (hadOld && !fs.rename(dst, old)) {
            throw new IOException("cannot move previous " + dst + " aside");
        }
        fs.mkdirs(dst.getParent());
        if (!fs.rename(src, dst)) {
            throw new IOException("cannot publish " + src + " as " + dst);
        }
        if (hadOld) {
            fs.delete(old, true);
        }
    }

    /**
     * Marks a run's output complete: an empty {@code _SUCCESS} file (the marker Hadoop's committers write) in each
     * of {@code dirs}, created when the run had no rows for it, for a scheduler to wait on.
     */
    static void markDone(FileSystem fs, Path... dirs) throws IOException {
        for (Path dir : dirs) {
            fs.create(new Path(dir, SUCCESS), true).close();
        }
    }

    void discard(Path staging) throws IOException {
        fs.delete(staging, true);
        Path root = new Path(output, STAGING);
        if (fs.exists(root) && fs.listStatus(root).length == 0) {
            fs.delete(root, false);
        }
    }
}
