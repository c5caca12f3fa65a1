package org.digitocr.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.engine.Batches;
import org.digitocr.train.AugmentationConfig;
import org.digitocr.train.AugmentedBatches;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Builds one epoch's training minibatches on the executors, from the broadcast digits and a slice of the
 * epoch's shuffled order, with the same on-the-fly augmentation as single-machine training; only indices
 * travel with the tasks.
 */
final class AugmentPartition implements FlatMapFunction<Iterator<int[]>, DataSet> {
    private final Broadcast<Digits> digits;
    private final int batchSize;
    private final boolean augment;
    private final long seed;

    AugmentPartition(Broadcast<Digits> digits, int batchSize, boolean augment, long seed) {
        this.digits = digits;
        this.batchSize = batchSize;
        this.augment = augment;
        this.seed = seed;
    }

    @Override
    public Iterator<DataSet> call(Iterator<int[]> slices) {
        LabelledDigits data = digits.value().toLabelled();
        AugmentedBatches batches = new AugmentedBatches(augment ? AugmentationConfig.defaults() : AugmentationConfig.none());
        List<DataSet> out = new ArrayList<>();
        while (slices.hasNext()) {
            int[] order = slices.next();
            SplittableRandom rnd = new SplittableRandom(seed ^ (31L * order[0] + order.length));
            for (int from = 0; from < order.length; from += batchSize) {
                AugmentedBatches.Batch b = batches.make(data, order, from, batchSize, rnd.split());
                out.add(new DataSet(Batches.features(b.pixels(), b.size()), Batches.oneHot(b.labels())));
            }
        }
        return out.iterator();
    }

    /** Training digits as a broadcast value: a plain class, because Spark's Kryo cannot build records. */
    static final class Digits implements Serializable {
        private final byte[] pixels;
        private final int[] labels;

        Digits(LabelledDigits d) {
            this.pixels = d.images().pixels();
            this.labels = d.labels();
        }

        int size() {
            return labels.length;
        }

        LabelledDigits toLabelled() {
            return new LabelledDigits(new DigitImages(pixels, labels.length), labels);
        }
    }
}
