package org.digitocr.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


/**
 * Logits from a {@link FoldedCnn}. Each call splits its images over up to {@code threadsPerCall} runners, the
 * caller's thread working on the first share; concurrent callers each get their own runners from the pool. While
 * any such engine is open, OpenBLAS runs each sgemm on one thread ({@link SingleThreadedBlas}).
 */
final class FoldedLogits implements LogitsEngine {
    private final BlockingQueue<FoldedCnnRunner> runners;
    private final List<FoldedCnnRunner> all = new ArrayList<>();
    private final int threadsPerCall;
    private final ExecutorService helpers;
    private boolean closed;

    FoldedLogits(FoldedCnn cnn, int replicas, int threadsPerCall) {
        this.threadsPerCall = threadsPerCall;
        SingleThreadedBlas.acquire();
        int count = replicas * threadsPerCall;
        runners = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            FoldedCnnRunner r = new FoldedCnnRunner(cnn);
            all.add(r);
            runners.add(r);
        }
        helpers = threadsPerCall == 1 ? null : Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "digit-ocr-inference");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public float[] logits(float[] pixels, int n) {
        float[] out = new float[n * 10];
        List<FoldedCnnRunner> mine = new ArrayList<>();
        mine.add(Pools.take(runners));
        int wanted = Math.min(threadsPerCall, (n + FoldedCnnRunner.GROUP - 1) / FoldedCnnRunner.GROUP);
        for (FoldedCnnRunner r; mine.size() < wanted && (r = runners.poll()) != null; ) {
            mine.add(r);
        }
        try {
            int share = (n + mine.size() - 1) / mine.size();
            List<Future<?>> others = new ArrayList<>();
            for (int i = 1; i < mine.size(); i++) {
                FoldedCnnRunner r = mine.get(i);
                int from = i * share;
                int count = Math.min(share, n - from);
                if (count > 0) {
                    others.add(helpers.submit(() -> r.logits(pixels, from, count, out)));
                }
            }
            mine.get(0).logits(pixels, 0, Math.min(share, n), out);
            for (Future<?> f : others) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during inference", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("inference failed", e.getCause());
        } finally {
            runners.addAll(mine);
        }
        return out;
    }

    @Override
    public InferenceEngine kind() {
        return InferenceEngine.FOLDED;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (helpers != null) {
            helpers.shutdownNow();
        }
        all.forEach(FoldedCnnRunner::close);
        SingleThreadedBlas.release();
    }
}
