package org.digitocr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.ModelBundle;
import org.digitocr.engine.ReferenceCnn;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the reference CNN with Adam, a per-epoch cosine learning-rate schedule, on-the-fly augmentation and
 * early stopping on validation loss. On the CPU the steps run on {@link org.digitocr.backprop.BackpropEngine}
 * (DL4J's arithmetic, several times faster than {@code MultiLayerNetwork.fit}; see {@link TrainingSteps}); the
 * network stays a DL4J network between epochs. After every epoch it writes a checkpoint (network and optimiser
 * state) and the history, so an interrupted run resumes where it stopped; the best epoch is kept separately.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    static final String CHECKPOINT = "checkpoint.zip";
    static final String BEST = "best.zip";
    static final String HISTORY = "history.csv";
    private static final int TRAIN_ACCURACY_SAMPLE = 3_000;

    private final TrainingConfig cfg;
    private final TrainingListener listener;
    private final AugmentedBatches batches;

    public Trainer(TrainingConfig cfg, TrainingListener listener) {
        this.cfg = cfg;
        this.listener = listener;
        this.batches = new AugmentedBatches(cfg.augmentation());
    }

    /** Where the best network of a run directory is stored. */
    public static Path bestModel(Path runDir) {
        return runDir.resolve(BEST);
    }

    public static Path history(Path runDir) {
        return runDir.resolve(HISTORY);
    }

    /**
     * Trains (or resumes training in {@code cfg.runDir()}) until {@code maxEpochs} or early stopping, and
     * returns the best network with the run's history.
     */
    public TrainingOutcome train(LabelledDigits train, LabelledDigits validation) throws IOException {
        Files.createDirectories(cfg.runDir());
        MultiLayerNetwork net;
        TrainingState state;
        Path checkpoint = cfg.runDir().resolve(CHECKPOINT);
        boolean resumed = Files.exists(checkpoint) && Files.exists(history(cfg.runDir()));
        if (resumed) {
            net = ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), !Nd4j.getEnvironment().isCPU());
            state = TrainingState.readHistory(history(cfg.runDir()));
            LOG.info("Resuming {} after epoch {} (best epoch {})", cfg.runDir(), state.epochsDone(), state.bestEpoch());
        } else {
            cfg.save();
            if (cfg.initModel() == null) {
                net = ReferenceCnn.create(cfg.seed(), cfg.maxLearningRate());
            } else {
                net = new ModelBundle(cfg.initModel()).readNetwork();
                ReferenceCnn.freezeBatchNormStatistics(net);
            }
            state = TrainingState.fresh();
            LOG.info("New run in {}{}: {} parameters, {} train / {} validation examples", cfg.runDir(),
                    cfg.initModel() == null ? "" : ", fine-tuning " + cfg.initModel(), net.numParams(), train.size(),
                    validation.size());
        }
        LabelledDigits trainSample = train.head(TRAIN_ACCURACY_SAMPLE);
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "augment-prefetch");
            t.setDaemon(true);
            return t;
        });
        try (TrainingSteps steps = TrainingSteps.open(net, cfg, resumed)) {
            while (state.epochsDone() < cfg.maxEpochs() && !patienceExhausted(state)) {
                int epoch = state.epochsDone();
                double lr = cfg.learningRate(epoch);
                steps.startEpoch(~(cfg.seed() * 1_000_003L + epoch));
                long t0 = System.nanoTime();
                double trainLoss = runEpoch(steps, train, epoch, lr, prefetch);
                double seconds = (System.nanoTime() - t0) / 1e9;
                steps.sync();
                net.incrementEpochCount();
                Score trainScore = Score.of(net, trainSample);
                Score valScore = Score.of(net, validation);
                EpochStats stats = new EpochStats(epoch + 1, lr, trainLoss, trainScore.accuracy(),
                        valScore.loss(), valScore.accuracy(), seconds, train.size() / seconds);
                boolean improved = valScore.loss() < state.bestValidationLoss();
                state = state.plus(stats);
                save(net, steps, state, improved);
                LOG.info("epoch {}: lr {} train loss {} acc {} | val loss {} acc {} | {} s ({} img/s){}",
                        stats.epoch(), String.format("%.2e", lr), fmt(trainLoss), fmt(trainScore.accuracy()),
                        fmt(valScore.loss()), fmt(valScore.accuracy()), Math.round(seconds),
                        Math.round(stats.imagesPerSecond()), improved ? " *best*" : "");
                listener.onEpochEnd(stats, improved);
            }
        } finally {
            prefetch.shutdownNow();
        }
        MultiLayerNetwork best = ModelSerializer.restoreMultiLayerNetwork(bestModel(cfg.runDir()).toFile(), false);
        return new TrainingOutcome(best, state);
    }

    private boolean patienceExhausted(TrainingState state) {
        boolean stop = state.bestEpoch() >= 0 && state.epochsDone() - state.bestEpoch() >= cfg.patience();
        if (stop) {
            LOG.info("Early stop: no better validation loss for {} epochs (best epoch {})", cfg.patience(), state.bestEpoch());
        }
        return stop;
    }

    private double runEpoch(TrainingSteps steps, LabelledDigits train, int epoch, double lr, ExecutorService prefetch) {
        SplittableRandom rnd = new SplittableRandom(cfg.seed() * 1_000_003L + epoch);
        int[] order = AugmentedBatches.shuffled(train.size(), rnd);
        int batches = (train.size() + cfg.batchSize() - 1) / cfg.batchSize();
        listener.onEpochStart(epoch + 1, cfg.maxEpochs(), batches);
        double lossSum = 0;
        Future<AugmentedBatches.Batch> next = prefetch.submit(() -> this.batches.make(train, order, 0, cfg.batchSize(), rnd.split()));
        for (int b = 0; b < batches; b++) {
            AugmentedBatches.Batch current = await(next);
            if (b + 1 < batches) {
                int from = (b + 1) * cfg.batchSize();
                SplittableRandom r = rnd.split();
                next = prefetch.submit(() -> this.batches.make(train, order, from, cfg.batchSize(), r));
            }
            double loss = steps.step(current.pixels(), current.labels(), current.size(), lr);
            lossSum += loss;
            listener.onBatch(epoch + 1, b + 1, batches, loss);
        }
        return lossSum / batches;
    }

    private void save(MultiLayerNetwork net, TrainingSteps steps, TrainingState state, boolean improved) throws IOException {
        Path dir = cfg.runDir();
        if (improved) {
            atomicWrite(net, dir.resolve(BEST), false);
        }
        atomicWrite(net, dir.resolve(CHECKPOINT), steps.updaterInNetwork());
        steps.saveState(dir);
        state.writeHistory(history(dir));
    }

    private static void atomicWrite(MultiLayerNetwork net, Path target, boolean withUpdater) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        ModelSerializer.writeModel(net, tmp.toFile(), withUpdater);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static AugmentedBatches.Batch await(Future<AugmentedBatches.Batch> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("preparing a training batch failed", e.getCause());
        }
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }

    /** The best network of a run and the run's history. */
    public record TrainingOutcome(MultiLayerNetwork network, TrainingState state) {
    }
}
