package org.digitocr.engine;

/**
 * Lets DL4J run its layers through its oneDNN helpers (convolution, BatchNorm, pooling), about 4x faster on CPU
 * than its default im2col and gemm in Java. DL4J 1.0.0-M2.1 ships them switched off
 * ({@code org.eclipse.deeplearning4j.helpers.disable} defaults to true) and, even when switched on, cannot find
 * its own oneDNN switch; the shim {@code org.nd4j.nativeblas.Nd4jCpu} mends the second. A value the user set for
 * the property is kept.
 */
public final class Dl4jHelpers {
    /** DL4J's switch, read each time a layer is created. */
    public static final String DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private Dl4jHelpers() {
    }

    /** Allows the helpers for every DL4J layer created from now on, unless the user decided otherwise. */
    public static void allow() {
        if (System.getProperty(DISABLE) == null) {
            System.setProperty(DISABLE, "false");
        }
    }
}
