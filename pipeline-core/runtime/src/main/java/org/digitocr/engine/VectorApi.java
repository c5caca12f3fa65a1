package org.digitocr.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the JDK's Vector API can run in this JVM. It is an incubating module, present only when the JVM starts
 * with {@code --add-modules=jdk.incubator.vector} (the launchers, the test runner and {@code conf/spark-defaults.conf}
 * pass it). Without it training runs its per-channel loops in scalar code and inference its convolutions as
 * im2col products, both slower.
 */
public final class VectorApi {
    private static final Logger LOG = LoggerFactory.getLogger(VectorApi.class);
    /** The JVM option that makes the Vector API available. */
    public static final String JVM_OPTION = "--add-modules=jdk.incubator.vector";
    private static final boolean AVAILABLE = probe();

    private VectorApi() {
    }

    /** Whether the Vector API is there to use. */
    public static boolean available() {
        return AVAILABLE;
    }

    private static boolean probe() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.warn("no Vector API: training and inference run slower code paths; start the JVM with {}", JVM_OPTION);
            return false;
        }
        try {
            Winograd.fits(1);
            return true;
        } catch (LinkageError e) {
            LOG.warn("the Vector API did not load ({}); training and inference run slower code paths", e.toString());
            return false;
        }
    }
}
