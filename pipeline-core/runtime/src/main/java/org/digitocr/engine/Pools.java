package org.digitocr.engine;

import java.util.concurrent.BlockingQueue;

/** Borrowing from the pools of per-thread resources (network replicas, runners) that make the engines thread-safe. */
final class Pools {
    private Pools() {
    }

    static <T> T take(BlockingQueue<T> pool) {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a free inference replica", e);
        }
    }
}
