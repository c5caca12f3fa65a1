package org.digitocr.spark;

import java.io.Serializable;
import java.time.Instant;

import org.digitocr.reject.RejectCode;

/**
 * One scan file listed on the driver. {@code weight} estimates its work in pages, so partitions can be
 * balanced before anything is decoded. A plain class rather than a record because Spark's Kryo serializer
 * cannot build records.
 */
public final class InputFile implements Serializable {
    private final String path;
    private final long bytes;
    private final double weight;
    private final long modifiedMillis;
    private final RejectCode refusalCode;
    private final String refusal;

    public InputFile(String path, long bytes, double weight) {
        this(path, bytes, weight, -1, null, null);
    }

    /**
     * @param modifiedMillis its modification time (milliseconds since the epoch), or -1 when unknown
     * @param refusalCode    why the listing refused it, as a code, or null
     * @param refusal     why the listing refused it (a FIFO, a broken link, a folder that may not be listed), or null
     */
    public InputFile(String path, long bytes, double weight, long modifiedMillis, RejectCode refusalCode,
                     String refusal) {
        this.modifiedMillis = modifiedMillis;
        this.refusalCode = refusalCode;
        this.path = path;
        this.bytes = bytes;
        this.weight = weight;
        this.refusal = refusal;
    }

    /** When the file was last modified, or null when the file system did not say. */
    public Instant modifiedAt() {
        return modifiedMillis < 0 ? null : Instant.ofEpochMilli(modifiedMillis);
    }

    public RejectCode refusalCode() {
        return refusalCode;
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
