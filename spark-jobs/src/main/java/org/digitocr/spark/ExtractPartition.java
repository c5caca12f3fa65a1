package org.digitocr.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.digitocr.extract.FormExtractor;
import org.digitocr.extract.Reject;
import org.digitocr.extract.SourceFacts;
import org.digitocr.extract.SourceResult;
import org.digitocr.reject.RejectCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one Spark task: read each of its files from the Hadoop file system and run the core forms
 * pipeline on it. A file that cannot be read or processed becomes a reject row; it never fails the task.
 */
final class ExtractPartition implements FlatMapFunction<Iterator<List<InputFile>>, Row> {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractPartition.class);
    /** Test hook: partitions whose first attempt fails after doing its work, to prove retries add no rows. */
    static final String FAIL_FIRST_ATTEMPT = "spark.digitocr.test.failFirstAttemptOfPartitions";

    private final String runId;
    private final Broadcast<PipelineSpec> spec;
    private final HadoopConf conf;
    private final Set<Integer> failFirstAttempt;

    ExtractPartition(String runId, Broadcast<PipelineSpec> spec, HadoopConf conf, Set<Integer> failFirstAttempt) {
        this.runId = runId;
        this.spec = spec;
        this.conf = conf;
        this.failFirstAttempt = Set.copyOf(failFirstAttempt);
    }

    @Override
    public Iterator<Row> call(Iterator<List<InputFile>> groups) {
        TaskContext task = TaskContext.get();
        int taskCpus = Math.max(1, task.cpus());
        List<Row> rows = new ArrayList<>();
        FormExtractor extractor = null;
        while (groups.hasNext()) {
            for (InputFile f : groups.next()) {
                if (extractor == null) {
                    extractor = ExecutorPipelines.get(spec.value(), slots(taskCpus), taskCpus);
                }
                ResultRows.addAll(runId, spec.value().model(), extract(extractor, f), rows);
            }
        }
        if (task.attemptNumber() == 0 && failFirstAttempt.contains(task.partitionId())) {
            throw new IllegalStateException("injected failure of partition " + task.partitionId() + ", attempt 0");
        }
        return rows.iterator();
    }

    private SourceResult extract(FormExtractor extractor, InputFile f) {
        if (f.refusal() != null) {
            return rejected(f, f.refusalCode(), f.refusal());
        }
        String tooLarge = spec.value().limits().sizeRefusal(f.bytes());
        if (tooLarge != null) {
            return rejected(f, RejectCode.FILE_TOO_LARGE, tooLarge);
        }
        java.nio.file.Path copy = null;
        try {
            java.nio.file.Path local = localFile(f);
            if (local != null) {
                return extractor.extract(f.path(), local, f.modifiedAt());
            }
            copy = Files.createTempFile("digit-ocr-", ".scan");
            return extractor.extract(f.path(), copy, copyTo(f, copy));
        } catch (FileNotFoundException e) {
            return String.valueOf(e.getMessage()).contains("Permission denied")
                    ? rejected(f, RejectCode.PERMISSION_DENIED, "cannot read: permission denied")
                    : rejected(f, RejectCode.FILE_NOT_FOUND, "file not found (removed after listing?)");
        } catch (org.apache.hadoop.security.AccessControlException e) {
            return rejected(f, RejectCode.PERMISSION_DENIED, "cannot read: permission denied");
        } catch (IOException e) {
            return rejected(f, RejectCode.UNREADABLE_FILE, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            return rejected(f, RejectCode.PROCESSING_FAILED, "processing failed: " + e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    LOG.warn("cannot delete the local copy {} of {}", copy, f.path(), e);
                }
            }
        }
    }

    /** The file itself when it is on this machine's disk (read in place, as a stream), else null. */
    private java.nio.file.Path localFile(InputFile f) throws IOException {
        Path p = new Path(f.path());
        return p.getFileSystem(conf.get()) instanceof LocalFileSystem ? java.nio.file.Path.of(p.toUri()) : null;
    }

    /**
     * Streams a remote file (HDFS, S3) to {@code copy} on the executor's local disk, so that its pages are decoded
     * from a file with random access and never from one array in memory; its SHA-256 is taken on the way.
     */
    private SourceFacts copyTo(InputFile f, java.nio.file.Path copy) throws IOException {
        Path p = new Path(f.path());
        try (InputStream in = p.getFileSystem(conf.get()).open(p); OutputStream out = Files.newOutputStream(copy)) {
            return SourceFacts.read(in, out, f.modifiedAt(), SourceFacts.now());
        }
    }

    private static SourceResult rejected(InputFile f, RejectCode code, String reason) {
        return SourceResult.rejected(f.path(), SourceFacts.unread(f.bytes(), f.modifiedAt(), SourceFacts.now()), code,
                reason);
    }

    /** Tasks this executor runs at once: its cores (all of the machine's in local mode) over the task's cpus. */
    private static int slots(int taskCpus) {
        int cores = SparkEnv.get().conf().getInt("spark.executor.cores", Runtime.getRuntime().availableProcessors());
        return Math.max(1, cores / taskCpus);
    }
}
