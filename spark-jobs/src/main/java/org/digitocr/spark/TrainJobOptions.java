package org.digitocr.spark;

import java.util.List;

import org.digitocr.train.TrainingConfig;

/**
 * One distributed training run. Training data: MNIST's IDX files in {@code mnist} (55k train / 5k
 * validation split), labelled-digit Parquet {@code tables} (10% held out for validation), or both. The
 * final evaluation uses MNIST's test files in {@code testMnist}. Paths are Hadoop paths.
 *
 * @param initModel          model directory to fine-tune, or null to train from scratch
 * @param workers            Spark partitions trained in parallel between averagings
 * @param averagingFrequency minibatches each worker fits between parameter averagings
 * @param trainLimit         use only the first N training examples (0 = all)
 * @param testLimit          evaluate on the first N test images (0 = all 10,000)
 * @param engine             what steps the workers: the product's backprop engine or DL4J's fit
 * @param resume             continue from the checkpoint under {@code output} (backprop engine)
 * @param corrections        reviewers' corrections to train on ({@link CorrectedDigits}), or null
 * @param correctedFields    the fields table those corrections are of (Iceberg table folder or Parquet)
 * @param handStyles         share (0..1) of MNIST's training digits that also join training rewritten in other hands
 *                           (restyled on the executors), the validation digits then joining validation rewritten too
 */
public record TrainJobOptions(String mnist, List<String> tables, String testMnist, String output, String initModel,
                              int workers, int batchSizePerWorker, int averagingFrequency, int epochs,
                              double maxLearningRate, double minLearningRate, long seed, int trainLimit,
                              int testLimit, boolean augment, Engine engine, boolean resume, String corrections,
                              String correctedFields, double handStyles) {
    /** What takes the workers' steps. */
    public enum Engine {
        /** the product's CPU training engine ({@code backprop.BackpropEngine}), averaged through treeAggregate */
        BACKPROP,
        /** DL4J's {@code ParameterAveragingTrainingMaster} and {@code MultiLayerNetwork.fit} */
        DL4J
    }

    public TrainJobOptions {
        tables = List.copyOf(tables);
        if (engine == null) {
            throw new IllegalArgumentException("an engine is needed: backprop or dl4j");
        }
        if (mnist == null && tables.isEmpty() && corrections == null) {
            throw new IllegalArgumentException("no training data: give MNIST's directory, labelled-digits tables or"
                    + " corrections");
        }
        if (!(handStyles >= 0 && handStyles <= 1)) {
            throw new IllegalArgumentException("--hand-styles is a share from 0 to 1, got " + handStyles);
        }
        if ((corrections == null) != (correctedFields == null)) {
            throw new IllegalArgumentException("--corrections and --corrected-fields go together");
        }
        if (testMnist == null) {
            throw new IllegalArgumentException("the final evaluation needs MNIST's test files (test MNIST directory)");
        }
        if (workers < 1 || batchSizePerWorker < 1 || averagingFrequency < 1 || epochs < 1) {
            throw new IllegalArgumentException("workers, batch size, averaging frequency and epochs must be >= 1");
        }
        if (!(maxLearningRate > 0) || minLearningRate < 0 || minLearningRate > maxLearningRate) {
            throw new IllegalArgumentException("need 0 <= min learning rate <= max learning rate, max > 0");
        }
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("limits must be >= 0");
        }
    }

    /** Cosine decay from the maximum to the minimum learning rate over the epochs (as single-machine training). */
    public double learningRate(int epoch) {
        return TrainingConfig.cosine(epoch, epochs, maxLearningRate, minLearningRate);
    }
}
