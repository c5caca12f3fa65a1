package org.digitocr.backprop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.bytedeco.javacpp.FloatPointer;
import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.CnnParameters;
import org.digitocr.engine.SingleThreadedBlas;
import org.digitocr.engine.VectorApi;

/**
 * Trains a {@link CnnLayout} network with minibatch Adam, faster than DL4J's {@code fit} on CPU: each step splits
 * the minibatch over {@code threads} {@link Shard}s (one per thread, OpenBLAS single-threaded, no allocation per
 * step), which run im2col + sgemm forward and backward in NHWC layout. BatchNorm uses the statistics of the whole
 * minibatch, exactly as in DL4J (the shards' per-channel sums are combined between phases), and updates the running
 * statistics with each BatchNorm's decay. The loss is softmax cross-entropy against target distributions, averaged
 * over the minibatch; dropout is inverted dropout. The bias of a layer followed by BatchNorm gets no gradient (the
 * normalisation cancels it). Not thread-safe.
 */
public final class BackpropEngine implements AutoCloseable {
    private final CnnParameters params;
    private final CnnLayout layout;
    private final Adam adam;
    private final Shard[] shards;
    private final FloatPointer[] weights;
    private final float[] gradient;
    private final ExecutorService helpers;
    private final int maxBatch;
    private final int threads;
    /** Most images per shard: a shard's activations then stay small enough to be mostly cache-resident. */
    static final int SHARD_IMAGES = 32;
    private final float[][] mean;
    private final float[][] inv;
    /** Per block: the shards' partial sums added up, per channel. */
    private final double[][][] totals;
    /** Per block: the BatchNorm backward coefficients and the gamma and beta gradients, per channel. */
    private final float[][][] coefficients;
    private boolean closed;

    /**
     * @param params   the parameters to train, updated in place
     * @param adam     optimiser state (a fresh one, or one loaded to resume)
     * @param maxBatch the largest minibatch {@link #step} will get
     * @param threads  threads per step
     * @param seed     seeds dropout
     */
    public BackpropEngine(CnnParameters params, Adam adam, int maxBatch, int threads, long seed) {
        this(params, adam, maxBatch, threads, seed, VectorApi.available());
    }

    /** As above; {@code vector} picks {@link VectorLanes} or the scalar loops (both for tests). */
    BackpropEngine(CnnParameters params, Adam adam, int maxBatch, int threads, long seed, boolean vector) {
        if (maxBatch < 1 || threads < 1) {
            throw new IllegalArgumentException("need a positive batch size and thread count");
        }
        this.params = params;
        this.layout = params.layout();
        this.adam = adam;
        this.maxBatch = maxBatch;
        SingleThreadedBlas.acquire();
        int count = Math.max(Math.min(threads, maxBatch), (maxBatch + SHARD_IMAGES - 1) / SHARD_IMAGES);
        int capacity = (maxBatch + count - 1) / count;
        this.threads = Math.min(threads, count);
        shards = new Shard[count];
        for (int i = 0; i < count; i++) {
            shards[i] = new Shard(layout, capacity, seed * 1_000_003L + i, vector);
        }
        int blocks = layout.blocks().size();
        weights = new FloatPointer[blocks];
        mean = new float[blocks][];
        inv = new float[blocks][];
        totals = new double[blocks][][];
        coefficients = new float[blocks][][];
        for (int b = 0; b < blocks; b++) {
            CnnLayout.Block k = layout.blocks().get(b);
            weights[b] = new FloatPointer((long) k.k() * k.out());
            mean[b] = new float[k.out()];
            inv[b] = new float[k.out()];
            totals[b] = new double[2][k.out()];
            coefficients[b] = new float[5][k.out()];
        }
        gradient = new float[layout.parameters()];
        helpers = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, task -> {
            Thread t = new Thread(task, "digit-ocr-backprop");
            t.setDaemon(true);
            return t;
        });
    }

    public CnnParameters parameters() {
        return params;
    }

    public Adam adam() {
        return adam;
    }

    /**
     * Restarts dropout's random streams from {@code seed}, as the constructor seeds them: a run that reseeds at
     * every epoch draws the same masks whether it ran through or was resumed from a checkpoint.
     */
    public void reseed(long seed) {
        for (int i = 0; i < shards.length; i++) {
            shards[i].reseed(seed * 1_000_003L + i);
        }
    }

    /**
     * One Adam step on images {@code pixels} ({@code n x side*side}, 0..1) with {@code targets} ({@code n x classes}
     * probability rows); returns the minibatch's mean cross-entropy before the step.
     */
    public double step(float[] pixels, float[] targets, int n, double lr) {
        double loss = gradient(pixels, targets, n);
        adam.update(params.values(), gradient, lr);
        return loss;
    }

    /** Forward and backward only: fills {@link #lastGradient} and returns the mean loss. For tests and checks. */
    double gradient(float[] pixels, float[] targets, int n) {
        if (n < 1 || n > maxBatch) {
            throw new IllegalArgumentException("minibatch of " + n + " images, engine made for 1.." + maxBatch);
        }
        float[] values = params.values();
        int blocks = layout.blocks().size();
        for (int b = 0; b < blocks; b++) {
            CnnLayout.Block k = layout.blocks().get(b);
            weights[b].put(values, k.weights(), k.k() * k.out());
        }
        int share = (n + shards.length - 1) / shards.length;
        List<Shard> active = new ArrayList<>();
        for (int i = 0; i < shards.length && i * share < n; i++) {
            shards[i].load(pixels, targets, i * share, Math.min(share, n - i * share));
            active.add(shards[i]);
        }
        for (int b = 0; b < blocks - 1; b++) {
            int block = b;
            run(active, s -> s.linear(block, weights[block]));
            statistics(active, b, n);
            run(active, s -> s.activate(block, mean[block], inv[block], values));
        }
        run(active, s -> s.output(weights[blocks - 1], values, n));
        double loss = 0;
        for (Shard s : active) {
            loss += s.loss;
        }
        for (int b = blocks - 2; b >= 0; b--) {
            int block = b;
            run(active, s -> s.backActivation(block, values));
            batchNormGradient(active, b, n);
            float[][] co = coefficients[b];
            run(active, s -> s.backLinear(block, weights[block], co[0], co[1], co[2]));
        }
        java.util.Arrays.fill(gradient, 0f);
        for (Shard s : active) {
            float[] g = s.gradient;
            for (int i = 0; i < g.length; i++) {
                gradient[i] += g[i];
            }
        }
        for (int b = 0; b < blocks - 1; b++) {
            CnnLayout.Block k = layout.blocks().get(b);
            System.arraycopy(coefficients[b][3], 0, gradient, k.gamma(), k.out());
            System.arraycopy(coefficients[b][4], 0, gradient, k.beta(), k.out());
        }
        return loss / n;
    }

    /** The gradient of the last {@link #gradient} call, in the flat parameter layout. */
    float[] lastGradient() {
        return gradient;
    }

    /** The minibatch mean and inverse deviation of block {@code b}; updates its running statistics. */
    private void statistics(List<Shard> active, int b, int n) {
        CnnLayout.Block k = layout.blocks().get(b);
        double count = (double) n * k.rows();
        double decay = k.decay();
        double[][] totals = totals(active, b);
        for (int c = 0; c < k.out(); c++) {
            double mu = totals[0][c] / count;
            double var = Math.max(0, totals[1][c] / count - mu * mu);
            mean[b][c] = (float) mu;
            inv[b][c] = (float) (1 / Math.sqrt(var + k.eps()));
            if (decay < 1) {
                double withBias = mu + params.values()[k.bias() + c];
                params.runningMean(b)[c] = (float) (decay * params.runningMean(b)[c] + (1 - decay) * withBias);
                params.runningVar(b)[c] = (float) (decay * params.runningVar(b)[c] + (1 - decay) * var);
            }
        }
    }

    /**
     * Per channel of block {@code b}, into {@link #coefficients}: gamma times inverse deviation, mean gradient, mean
     * gradient times xhat (for the shards' backward pass), and the gamma and beta gradients.
     */
    private void batchNormGradient(List<Shard> active, int b, int n) {
        CnnLayout.Block k = layout.blocks().get(b);
        double count = (double) n * k.rows();
        double[][] totals = totals(active, b);
        float[][] r = coefficients[b];
        for (int c = 0; c < k.out(); c++) {
            r[0][c] = params.values()[k.gamma() + c] * inv[b][c];
            r[1][c] = (float) (totals[0][c] / count);
            r[2][c] = (float) (totals[1][c] / count);
            r[3][c] = (float) totals[1][c];
            r[4][c] = (float) totals[0][c];
        }
    }

    /** The shards' per-channel partial sums of block {@code b}, added up. */
    private double[][] totals(List<Shard> active, int b) {
        double[][] t = this.totals[b];
        java.util.Arrays.fill(t[0], 0);
        java.util.Arrays.fill(t[1], 0);
        for (Shard sh : active) {
            for (int c = 0; c < t[0].length; c++) {
                t[0][c] += sh.sum[b][c];
                t[1][c] += sh.sumSquares[b][c];
            }
        }
        return t;
    }

    /** Runs one phase on every active shard, {@code threads} at a time, the caller's thread taking part. */
    private void run(List<Shard> active, Consumer<Shard> phase) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < active.size(); ) {
                phase.accept(active.get(i));
            }
        };
        int others = Math.min(threads, active.size()) - 1;
        List<Future<?>> running = new ArrayList<>(others);
        for (int i = 0; i < others; i++) {
            running.add(helpers.submit(worker));
        }
        worker.run();
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a training step", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a training step failed", e.getCause());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (helpers != null) {
            helpers.shutdownNow();
        }
        for (Shard s : shards) {
            s.close();
        }
        for (FloatPointer w : weights) {
            w.close();
        }
        SingleThreadedBlas.release();
    }
}
