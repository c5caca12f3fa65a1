package org.digitocr.train;

/** Progress callbacks from {@link Trainer}, so a CLI can draw a progress bar without the trainer printing. */
public interface TrainingListener {
    default void onEpochStart(int epoch, int maxEpochs, int batches) {
    }

    default void onBatch(int epoch, int batch, int batches, double loss) {
    }

    default void onEpochEnd(EpochStats stats, boolean improved) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
