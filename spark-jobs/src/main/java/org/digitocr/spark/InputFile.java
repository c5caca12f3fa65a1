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
    private final String refusal;

    public InputFile(String path, long bytes, double weight) {
        this(path, bytes, weight, null);
    }

    /** @param refusal why the listing refused it (a FIFO, a broken link, a folder that may not be listed), or null */
    public InputFile(String path, long bytes, double weight, String refusal) {
        this.path = path;
        this.bytes = bytes;
        this.weight = weight;
        this.refusal = refusal;
    }

    /** Why this entry is not read but rejected, or null for a file to read. */
    public String refusal() {
        return refusal;
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
