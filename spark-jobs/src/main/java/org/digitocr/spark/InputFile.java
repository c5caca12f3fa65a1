package org.digitocr.spark;

import java.io.Serializable;

/**
 * One scan file listed on the driver. {@code weight} estimates its work in pages, so partitions can be
 * balanced before anything is decoded. A plain class rather than a record because Spark's Kryo serializer
 * cannot build records.
 */
public final class InputFile implements Serializable {
    private final String path;
    private final long bytes;
    private final double weight;

    public InputFile(String path, long bytes, double weight) {
        this.path = path;
        this.bytes = bytes;
        this.weight = weight;
    }

    public String path() {
        return path;
    }

    public long bytes() {
        return bytes;
    }

    public double weight() {
        return weight;
    }

    @Override
    public String toString() {
        return path + " (" + bytes + " bytes, weight " + weight + ")";
    }
}
