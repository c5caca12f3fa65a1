package org.digitocr.model;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the threads ND4J and its BLAS use per call. When several callers share a JVM (Spark task slots), each
 * call must use only its share of the cores, or the threads of concurrent calls oversubscribe the machine.
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

    private NativeThreads() {
    }

    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        LOG.info("ND4J and BLAS limited to {} thread(s) per call", threads);
    }
}
