package org.digitocr.engine;

import org.bytedeco.opencv.global.opencv_core;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the threads ND4J, its BLAS and OpenCV use per call. When several callers share a JVM (Spark task slots), each
 * call must use only its share of the cores, or the threads of concurrent calls oversubscribe the machine.
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

    private NativeThreads() {
    }

    /** The threads one call may use: what {@link #limit} set, else ND4J's from {@code OMP_NUM_THREADS}, else all cores. */
    public static int current() {
        return Math.max(1, Nd4j.getEnvironment().maxThreads());
    }

    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        opencv_core.setNumThreads(threads);
        LOG.info("ND4J, BLAS and OpenCV limited to {} thread(s) per call", threads);
    }
}
