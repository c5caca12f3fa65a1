package org.digitocr.spark;

import java.io.Serializable;

/**
 * One scan file listed on the driver. {@code weight} estimates its work in pages, so partitions can be
 * balanced before anything is decoded.
 */
public record InputFile(String path, long bytes, double weight) implements Serializable {
}
