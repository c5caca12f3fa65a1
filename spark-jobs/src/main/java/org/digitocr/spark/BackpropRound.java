package org.digitocr.spark;

import java.util.SplittableRandom;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.backprop.Adam;
import org.digitocr.backprop.BackpropEngine;
import org.digitocr.backprop.TrainingVector;
import org.digitocr.engine.Batches;
import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.CnnParameters;
import org.digitocr.engine.ReferenceCnn;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.train.AugmentationConfig;
import org.digitocr.train.AugmentedBatches;

/**
 * One worker's share of an averaging round: starts from the broadcast {@link TrainingVector} (parameters,
 * BatchNorm statistics, Adam state), takes Adam steps with the product's backprop engine on its slice of the
 * epoch's order (minibatches built and augmented here, from the broadcast digits), and returns its vector for
 * Spark to sum. The engine runs on {@code threads} threads, the task's cores.
 */
final class BackpropRound implements Function<int[], float[]> {
    private static volatile CnnLayout[] layouts = new CnnLayout[2];

    private final Broadcast<AugmentPartition.Digits> digits;
    private final Broadcast<float[]> start;
    private final int batchSize;
    private final boolean augment;
    private final boolean frozenStatistics;
    private final double learningRate;
    private final long seed;
    private final int threads;

    BackpropRound(Broadcast<AugmentPartition.Digits> digits, Broadcast<float[]> start, int batchSize, boolean augment,
                  boolean frozenStatistics, double learningRate, long seed, int threads) {
        this.digits = digits;
        this.start = start;
        this.batchSize = batchSize;
        this.augment = augment;
        this.frozenStatistics = frozenStatistics;
        this.learningRate = learningRate;
        this.seed = seed;
        this.threads = threads;
    }

    @Override
    public float[] call(int[] order) {
        Worker w = Worker.of(frozenStatistics, batchSize, threads);
        TrainingVector.unpack(start.value(), w.params, w.adam);
        LabelledDigits data = digits.value().toLabelled();
        AugmentedBatches batches = new AugmentedBatches(augment ? AugmentationConfig.defaults() : AugmentationConfig.none());
        long s = seed ^ (31L * order[0] + order.length);
        SplittableRandom rnd = new SplittableRandom(s);
        w.engine.reseed(s);
        double loss = 0;
        int steps = 0;
        for (int from = 0; from < order.length; from += batchSize) {
            AugmentedBatches.Batch b = batches.make(data, order, from, batchSize, rnd.split());
            loss += w.engine.step(b.pixels(), Batches.targets(b.labels()), b.size(), learningRate);
            steps++;
        }
        return TrainingVector.pack(w.params, w.adam, loss, steps);
    }

    /**
     * A task thread's engine with the parameters and Adam state it updates in place, kept for the rounds to come
     * (every round overwrites them from the broadcast state): its native buffers are made once per thread.
     */
    private record Worker(CnnParameters params, Adam adam, BackpropEngine engine, boolean frozen, int batch, int threads) {
        private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

        static Worker of(boolean frozen, int batch, int threads) {
            Worker w = CURRENT.get();
            if (w == null || w.frozen != frozen || w.batch != batch || w.threads != threads) {
                if (w != null) {
                    w.engine.close();
                }
                CnnLayout layout = layout(frozen);
                CnnParameters params = CnnParameters.zeros(layout);
                Adam adam = new Adam(layout.parameters());
                w = new Worker(params, adam, new BackpropEngine(params, adam, batch, threads, 0), frozen, batch, threads);
                CURRENT.set(w);
            }
            return w;
        }
    }

    /**
     * The reference CNN's layout (BatchNorm statistics updated, or frozen for fine-tuning), made once per JVM
     * from a fresh network: the executor needs the shape, never DL4J's training.
     */
    static CnnLayout layout(boolean frozen) {
        int k = frozen ? 1 : 0;
        CnnLayout l = layouts[k];
        if (l == null) {
            MultiLayerNetwork net = ReferenceCnn.create(0, 1e-3);
            if (frozen) {
                ReferenceCnn.freezeBatchNormStatistics(net);
            }
            l = CnnLayout.of(net, DigitImages.SIDE);
            CnnLayout[] next = layouts.clone();
            next[k] = l;
            layouts = next;
        }
        return l;
    }
}
