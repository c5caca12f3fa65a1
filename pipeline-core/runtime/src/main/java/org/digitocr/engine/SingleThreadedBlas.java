package org.digitocr.engine;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps OpenBLAS on one thread per call while any engine that splits work over its own threads is open (splitting
 * images over threads is nearly twice as fast as splitting each small GEMM, and both at once oversubscribe the
 * cores). The last engine to release restores OpenBLAS's thread count.
 */
public final class SingleThreadedBlas {
    private static final Logger LOG = LoggerFactory.getLogger(SingleThreadedBlas.class);
    private static int open;
    private static int threadsBefore;

    private SingleThreadedBlas() {
    }

    public static synchronized void acquire() {
        if (open++ == 0) {
            threadsBefore = Nd4j.factory().blas().getMaxThreads();
            if (threadsBefore != 1) {
                Nd4j.factory().blas().setMaxThreads(1);
                LOG.debug("OpenBLAS set to 1 thread (was {}) while an engine with its own threads is open", threadsBefore);
            }
        }
    }

    public static synchronized void release() {
        if (--open == 0 && threadsBefore > 1) {
            Nd4j.factory().blas().setMaxThreads(threadsBefore);
        }
    }
}
