package org.digitocr.backprop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether {@link VectorLanes} can run in this JVM: the Vector API is an incubating JDK module, present only when the
 * JVM starts with {@code --add-modules=jdk.incubator.vector} (the launchers, the test runner and
 * {@code conf/spark-defaults.conf} pass it). Without it training runs the same loops in scalar code, slower.
 */
public final class Lanes {
    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);
    /** The JVM option that makes the Vector API available. */
    public static final String JVM_OPTION = "--add-modules=jdk.incubator.vector";
    private static final boolean AVAILABLE = probe();

    private Lanes() {
    }

    /** Whether the Vector API is there to use. */
    public static boolean available() {
        return AVAILABLE;
    }

    private static boolean probe() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.warn("training runs its per-channel loops in scalar code: start the JVM with {} to vectorise them",
                    JVM_OPTION);
            return false;
        }
        try {
            VectorLanes.fits(1);
            return true;
        } catch (LinkageError e) {
            LOG.warn("the Vector API did not load ({}); training runs its per-channel loops in scalar code", e.toString());
            return false;
        }
    }
}
