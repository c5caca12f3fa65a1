package org.digitocr.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.digitocr.train.TrainingState;

/**
 * A distributed run's state at the end of its last epoch, on the cluster's file system under
 * {@code OUTPUT/_checkpoint/}: the averaged {@code TrainingVector} (parameters, BatchNorm statistics, Adam state),
 * the history so far and the best network. {@code --resume} continues from it, after a failure or with more
 * epochs; the finished model replaces the rest of the output folder. Each file is written beside and renamed
 * into place.
 */
final class TrainingCheckpoint {
    static final String DIR = "_checkpoint";
    private static final String VECTOR = "training-vector.bin";
    private static final String HISTORY = "history.csv";
    private static final String BEST = "best.zip";

    private final FileSystem fs;
    private final Path dir;

    TrainingCheckpoint(String output, Configuration conf) throws IOException {
        this.dir = new Path(output, DIR);
        this.fs = dir.getFileSystem(conf);
    }

    boolean exists() throws IOException {
        return fs.exists(new Path(dir, VECTOR)) && fs.exists(new Path(dir, HISTORY)) && fs.exists(new Path(dir, BEST));
    }

    Path location() {
        return dir;
    }

    /** Saves an epoch's end; {@code improvedBest} is the new best network, or null when the best did not change. */
    void save(float[] vector, TrainingState state, MultiLayerNetwork improvedBest) throws IOException {
        fs.mkdirs(dir);
        Path tmp = new Path(dir, "_" + VECTOR);
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(fs.create(tmp, true)))) {
            out.writeInt(vector.length);
            for (float f : vector) {
                out.writeFloat(f);
            }
        }
        replace(tmp, new Path(dir, VECTOR));
        java.nio.file.Path local = Files.createTempFile("digit-ocr-checkpoint-", ".tmp");
        try {
            state.writeHistory(local);
            copy(local, HISTORY);
            if (improvedBest != null) {
                ModelSerializer.writeModel(improvedBest, local.toFile(), true);
                copy(local, BEST);
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    float[] vector() throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(fs.open(new Path(dir, VECTOR))))) {
            float[] v = new float[in.readInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
            return v;
        }
    }

    TrainingState state() throws IOException {
        java.nio.file.Path local = Files.createTempFile("digit-ocr-history-", ".csv");
        try {
            Files.delete(local);
            fs.copyToLocalFile(false, new Path(dir, HISTORY), new Path(local.toUri()), true);
            return TrainingState.readHistory(local);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    MultiLayerNetwork best() throws IOException {
        java.nio.file.Path local = Files.createTempFile("digit-ocr-best-", ".zip");
        try {
            Files.delete(local);
            fs.copyToLocalFile(false, new Path(dir, BEST), new Path(local.toUri()), true);
            return ModelSerializer.restoreMultiLayerNetwork(local.toFile(), true);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private void copy(java.nio.file.Path local, String name) throws IOException {
        Path tmp = new Path(dir, "_" + name);
        fs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp);
        replace(tmp, new Path(dir, name));
    }

    private void replace(Path tmp, Path dst) throws IOException {
        fs.delete(dst, false);
        if (!fs.rename(tmp, dst)) {
            throw new IOException("cannot move " + tmp + " to " + dst);
        }
    }
}
