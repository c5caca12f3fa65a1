package org.digitocr.train;

/**
 * One row of the training history: losses and accuracies after an epoch. Train loss is the mean minibatch
 * loss on augmented data with dropout on; train accuracy is measured in inference mode on a fixed clean
 * sample of the training set, so it compares directly with validation accuracy.
 */
public record EpochStats(int epoch, double learningRate, double trainLoss, double trainAccuracy,
                         double validationLoss, double validationAccuracy, double seconds, double imagesPerSecond) {

    public static final String CSV_HEADER =
            "epoch,learning_rate,train_loss,train_accuracy,val_loss,val_accuracy,seconds,images_per_second";

    public String toCsv() {
        return String.format(java.util.Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.6f,%.6f,%.1f,%.1f", epoch, learningRate,
                trainLoss, trainAccuracy, validationLoss, validationAccuracy, seconds, imagesPerSecond);
    }

    public static EpochStats fromCsv(String line) {
        String[] f = line.split(",");
        return new EpochStats(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                Double.parseDouble(f[6]), Double.parseDouble(f[7]));
    }
}
