package org.digitocr.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.digitocr.backprop.Adam;
import org.digitocr.backprop.TrainingVector;
import org.digitocr.engine.CnnParameters;
import org.digitocr.model.ModelBundle;
import org.digitocr.report.EvaluationReport;
import org.digitocr.engine.ReferenceCnn;
import org.digitocr.sample.HandStyles;
import org.digitocr.provenance.BuildInfo;
import org.digitocr.provenance.TrainingRecord;
import org.digitocr.eval.OtherWriters;
import org.digitocr.train.AugmentationConfig;
import org.digitocr.train.AugmentedBatches;
import org.digitocr.train.EpochStats;
import org.digitocr.train.ModelExporter;
import org.digitocr.train.Score;
import org.digitocr.train.TrainingState;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the reference CNN on Spark with parameter averaging: each epoch the executors build augmented
 * minibatches from the broadcast digits, workers step on them (the product's backprop engine, or DL4J's
 * {@code fit}) and their parameters, BatchNorm statistics and Adam state are averaged every
 * {@code averagingFrequency} minibatches. The driver scores each epoch on the validation split, keeps
 * the best network, and exports it calibrated and evaluated exactly as single-machine training does.
 */
public final class DistributedTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);
    private static final int TRAIN_ACCURACY_SAMPLE = 2_000;

    private DistributedTrainer() {
    }

    /** What a run produced: the exported card and test evaluation, and the per-epoch history. */
    public record Result(ModelExporter.Exported exported, TrainingState state, String output) {
    }

    public static Result run(SparkSession spark, TrainJobOptions o) throws IOException {
        java.nio.file.Path work = Files.createTempDirectory("digit-ocr-train-");
        try {
            return run(spark, o, work);
        } finally {
            FileUtil.fullyDelete(work.toFile());
        }
    }

    /** Trains, exports into the driver's {@code work} directory and publishes to the output location. */
    private static Result run(SparkSession spark, TrainJobOptions o, java.nio.file.Path work) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrainingData data = TrainingData.load(spark, o, work);
        TrainingRecord.Start init = null;
        MultiLayerNetwork net;
        if (o.initModel() != null) {
            ModelSource source = ModelSource.read(o.initModel(), spark.sparkContext().hadoopConfiguration());
            ModelBundle start = source.unpack(work.resolve("init"));
            net = start.readNetwork();
            ReferenceCnn.freezeBatchNormStatistics(net);
            init = ModelExporter.start(start, o.initModel(), ReferenceCnn.FROZEN_WHEN_FINE_TUNING);
        } else {
            net = ReferenceCnn.create(o.seed(), o.maxLearningRate());
        }
        LOG.info("Training on {} examples ({} validation, {} test) with {} workers, batch {} per worker, averaging"
                        + " every {} minibatches, {} epochs{}", data.train().size(), data.validation().size(),
                data.test().size(), o.workers(), o.batchSizePerWorker(), o.averagingFrequency(), o.epochs(),
                init == null ? "" : ", fine-tuning " + init.id());

        Broadcast<AugmentPartition.Digits> digits = jsc.broadcast(new AugmentPartition.Digits(data.train()));
        EpochSteps steps = o.engine() == TrainJobOptions.Engine.BACKPROP
                ? new BackpropEpochs(jsc, net, digits, o, init != null)
                : new Dl4jEpochs(jsc, net, digits, o);
        TrainingState state = TrainingState.fresh();
        MultiLayerNetwork best = net.clone();
        TrainingCheckpoint checkpoint = new TrainingCheckpoint(o.output(), spark.sparkContext().hadoopConfiguration());
        if (o.resume()) {
            if (!(steps instanceof BackpropEpochs b) || !checkpoint.exists()) {
                throw new IllegalArgumentException(steps instanceof BackpropEpochs
                        ? "nothing to resume: no checkpoint in " + checkpoint.location()
                        : "--resume needs --engine backprop");
            }
            b.restore(checkpoint.vector());
            state = checkpoint.state();
            best = checkpoint.best();
            LOG.info("Resuming after epoch {} (best epoch {}) from {}", state.epochsDone(), state.bestEpoch(),
                    checkpoint.location());
        }
        try {
            for (int epoch = state.epochsDone(); epoch < o.epochs(); epoch++) {
                double lr = o.learningRate(epoch);
                long t0 = System.nanoTime();
                double trainLoss = steps.epoch(epoch, lr);
                double seconds = (System.nanoTime() - t0) / 1e9;
                MultiLayerNetwork current = steps.network();
                Score val = Score.of(current, data.validation());
                Score trainScore = Score.of(current, data.train().head(Math.min(TRAIN_ACCURACY_SAMPLE, data.train().size())));
                EpochStats stats = new EpochStats(epoch + 1, lr, trainLoss, trainScore.accuracy(),
                        val.loss(), val.accuracy(), seconds, data.train().size() / seconds);
                boolean improved = val.loss() < state.bestValidationLoss();
                state = state.plus(stats);
                if (improved) {
                    best = current.clone();
                }
                if (steps instanceof BackpropEpochs b) {
                    checkpoint.save(b.vector(), state, improved ? best : null);
                }
                LOG.info("epoch {}/{}: lr {} train loss {} | val loss {} acc {} | {} s ({} img/s){}", epoch + 1,
                        o.epochs(), String.format("%.2e", lr), f(stats.trainLoss()), f(val.loss()),
                        f(val.accuracy()), Math.round(seconds), Math.round(stats.imagesPerSecond()),
                        improved ? " *best*" : "");
            }
        } finally {
            digits.destroy();
        }
        java.nio.file.Path history = work.resolve(ModelBundle.HISTORY);
        state.writeHistory(history);
        ModelBundle local = new ModelBundle(work.resolve("model"));
        ModelExporter.Exported exported = ModelExporter.export(best, state, provenance(spark, o, data, init),
                data.validation(), data.test(), OtherWriters.fromEnvironment(), history, local);
        EvaluationReport.write(exported, local);
        publish(local, o.output(), spark);
        return new Result(exported, state, o.output());
    }

    /** How one epoch is trained on the cluster; returns the epoch's mean training loss. */
    private interface EpochSteps {
        double epoch(int epoch, double lr);

        /** The network as trained so far. */
        MultiLayerNetwork network();
    }

    /** DL4J's own parameter averaging ({@code --engine dl4j}): workers step through DL4J's {@code fit}. */
    private static final class Dl4jEpochs implements EpochSteps {
        private final JavaSparkContext jsc;
        private final SparkDl4jMultiLayer sparkNet;
        private final Broadcast<AugmentPartition.Digits> digits;
        private final TrainJobOptions o;
        private final int examples;

        Dl4jEpochs(JavaSparkContext jsc, MultiLayerNetwork net, Broadcast<AugmentPartition.Digits> digits,
                   TrainJobOptions o) {
            this.jsc = jsc;
            this.digits = digits;
            this.o = o;
            this.examples = digits.value().size();
            ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(o.workers(),
                    o.batchSizePerWorker())
                    .batchSizePerWorker(o.batchSizePerWorker())
                    .averagingFrequency(o.averagingFrequency())
                    .workerPrefetchNumBatches(2)
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .rngSeed(o.seed())
                    .build();
            this.sparkNet = new SparkDl4jMultiLayer(jsc, net, master);
        }

        @Override
        public double epoch(int epoch, double lr) {
            sparkNet.getNetwork().setLearningRate(lr);
            JavaRDD<DataSet> batches = jsc.parallelize(slices(examples, o, epoch), o.workers())
                    .mapPartitions(new AugmentPartition(digits, o.batchSizePerWorker(), o.augment(),
                            o.seed() * 1_000_003L + epoch));
            sparkNet.fit(batches);
            return sparkNet.getScore();
        }

        @Override
        public MultiLayerNetwork network() {
            return sparkNet.getNetwork();
        }
    }

    /**
     * Parameter averaging with the product's backprop engine ({@code --engine backprop}, the default): every
     * {@code averagingFrequency} minibatches the driver broadcasts one {@link TrainingVector} (parameters, BatchNorm
     * statistics, Adam state), each worker steps on its slice ({@link BackpropRound}), and Spark's
     * {@code treeAggregate} sums the workers' vectors for the driver to average.
     */
    private static final class BackpropEpochs implements EpochSteps {
        private final JavaSparkContext jsc;
        private final MultiLayerNetwork net;
        private final Broadcast<AugmentPartition.Digits> digits;
        private final TrainJobOptions o;
        private final boolean frozen;
        private final CnnParameters params;
        private final Adam adam;
        private final int threads;
        private float[] vector;

        BackpropEpochs(JavaSparkContext jsc, MultiLayerNetwork net, Broadcast<AugmentPartition.Digits> digits,
                       TrainJobOptions o, boolean frozen) {
            this.jsc = jsc;
            this.net = net;
            this.digits = digits;
            this.o = o;
            this.frozen = frozen;
            this.params = CnnParameters.of(net, BackpropRound.layout(frozen));
            this.adam = new Adam(params.layout().parameters());
            this.threads = Math.max(1, jsc.getConf().getInt("spark.task.cpus", 1));
            this.vector = TrainingVector.pack(params, adam, 0, 0);
        }

        @Override
        public double epoch(int epoch, double lr) {
            List<int[]> slices = slices(digits.value().size(), o, epoch);
            double loss = 0;
            long steps = 0;
            for (int from = 0; from < slices.size(); from += o.workers()) {
                List<int[]> round = slices.subList(from, Math.min(slices.size(), from + o.workers()));
                Broadcast<float[]> start = jsc.broadcast(vector);
                try {
                    float[] sum = jsc.parallelize(round, round.size())
                            .map(new BackpropRound(digits, start, o.batchSizePerWorker(), o.augment(), frozen, lr,
                                    o.seed() * 1_000_003L + epoch, threads))
                            .treeAggregate(new float[vector.length], TrainingVector::add, TrainingVector::add);
                    vector = TrainingVector.average(sum, round.size());
                } finally {
                    start.destroy();
                }
                loss += TrainingVector.lossSum(vector);
                steps += TrainingVector.steps(vector);
            }
            TrainingVector.unpack(vector, params, adam);
            params.writeTo(net);
            return loss / Math.max(1, steps);
        }

        @Override
        public MultiLayerNetwork network() {
            return net;
        }

        /** The averaged state after the last round. */
        float[] vector() {
            return vector;
        }

        /** Continues from a checkpoint's state. */
        void restore(float[] saved) {
            TrainingVector.unpack(saved, params, adam);
            params.writeTo(net);
            vector = saved;
        }
    }

    /** Slices of the epoch's shuffled order, each the examples one worker fits between two averagings. */
    static List<int[]> slices(int n, TrainJobOptions o, int epoch) {
        int[] order = AugmentedBatches.shuffled(n, new SplittableRandom(o.seed() * 1_000_003L + epoch));
        int size = o.batchSizePerWorker() * o.averagingFrequency();
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += size) {
            out.add(Arrays.copyOfRange(order, from, Math.min(n, from + size)));
        }
        return out;
    }

    private static ModelExporter.Provenance provenance(SparkSession spark, TrainJobOptions o, TrainingData data,
                                                       TrainingRecord.Start init) {
        TrainingRecord.Recipe recipe = new TrainingRecord.Recipe(o.seed(), o.epochs(), o.batchSizePerWorker(), "Adam",
                o.engine() == TrainJobOptions.Engine.BACKPROP
                        ? "digit-ocr BackpropEngine on each worker, " + Math.max(1, spark.sparkContext().getConf()
                        .getInt("spark.task.cpus", 1)) + " thread(s)"
                        : "DL4J " + BuildInfo.current().dl4j() + " MultiLayerNetwork.fit",
                ModelExporter.schedule(o.maxLearningRate(), o.minLearningRate()), null,
                (o.augment() ? AugmentationConfig.defaults() : AugmentationConfig.none()).settings());
        TrainingRecord.Examples examples = data.styledTrain() == 0 ? TrainingRecord.Examples.mnist(data.train().size())
                : new TrainingRecord.Examples(data.train().size(), data.validation().size(), null, null, null, null,
                HandStyles.DESCRIPTION, data.styledTrain(), data.styledValidation(), null, null, null, null);
        TrainingRecord training = TrainingRecord.of(recipe, examples)
                .withDistributed(new TrainingRecord.Distributed(o.engine() == TrainJobOptions.Engine.BACKPROP
                        ? "parameter averaging (parameters, BatchNorm statistics, Adam state) through Spark's treeAggregate"
                        : "DL4J Spark parameter averaging (dl4j-spark3)",
                        o.workers(), o.batchSizePerWorker(), o.averagingFrequency(), spark.version(),
                        spark.sparkContext().master()))
                .withInitialModel(init);
        return new ModelExporter.Provenance("digit-ocr " + BuildInfo.current().version()
                + " (org.digitocr.spark.TrainJob)", data.files(), data.split(), training);
    }

    /**
     * Copies the exported model directory to its Hadoop destination, replacing what was there but the run's
     * checkpoint, so a finished run can be continued with more epochs ({@code --resume}).
     */
    private static void publish(ModelBundle local, String output, SparkSession spark) throws IOException {
        Path dst = new Path(output);
        FileSystem fs = dst.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path tmp = new Path(dst.getParent(), "_" + dst.getName() + "-" + UUID.randomUUID());
        fs.copyFromLocalFile(false, true, new Path(local.dir().toUri()), tmp);
        Path checkpoint = new Path(dst, TrainingCheckpoint.DIR);
        if (fs.exists(checkpoint) && !fs.rename(checkpoint, new Path(tmp, TrainingCheckpoint.DIR))) {
            throw new IOException("cannot keep the checkpoint " + checkpoint);
        }
        if (fs.exists(dst)) {
            fs.delete(dst, true);
        }
        if (!fs.rename(tmp, dst)) {
            throw new IOException("cannot move the model into " + dst);
        }
        LOG.info("Model written to {}", dst);
    }

    private static String f(double v) {
        return String.format("%.4f", v);
    }
}
