package org.digitocr.train;

import org.digitocr.sample.FontDigits;

import org.digitocr.sample.HandStyles;

import java.nio.file.Path;

/**
 * Everything that decides a training run. Saved in the run directory so that {@code --resume} continues the
 * same run, and copied into the model card.
 *
 * @param maxEpochs        upper bound on epochs; early stopping may end sooner
 * @param batchSize        examples per Adam step
 * @param maxLearningRate  Adam rate at the start of the cosine schedule
 * @param minLearningRate  rate the cosine schedule ends at
 * @param patience         epochs without a better validation loss before stopping
 * @param seed             seeds initialisation, shuffling and augmentation
 * @param trainLimit       use only the first N training examples (0 = all); for quick runs and tests
 * @param augmentation     distortions applied on the fly
 * @param runDir           where checkpoints, history and the final model go
 * @param initModel        model directory to fine-tune instead of starting from random weights, or null
 * @param scannedForms     generated forms whose digits, read back through the forms pipeline, join the training
 *                         data (and a tenth as many the validation data); 0 for MNIST alone
 * @param handStyles       share (0..1) of the training digits that also join training rewritten in other hands
 *                         ({@link org.digitocr.sample.HandStyles}); when above 0 the validation digits join validation rewritten too,
 *                         so that early stopping, calibration and review thresholds see shifted writing
 * @param fontDigits       digits drawn from handwriting fonts ({@link org.digitocr.sample.FontDigits}) that join training (not
 *                         validation: calibration stays on writing); 0 for none
 * @param fontsDir         folder the fonts are looked for under (null: {@link org.digitocr.sample.FontDigits#SYSTEM_FONTS})
 * @param notDigitMarks    marks that are not digits ({@link org.digitocr.sample.NotDigitMarks}: symbols, struck-out
 *                         digits) that join training taught as no digit; 0 for none
 */
public record TrainingConfig(
        int maxEpochs,
        int batchSize,
        double maxLearningRate,
        double minLearningRate,
        int patience,
        long seed,
        int trainLimit,
        AugmentationConfig augmentation,
        Path runDir,
        Path initModel,
        int scannedForms,
        double handStyles,
        int fontDigits,
        Path fontsDir,
        int notDigitMarks) {

    /** A run from random weights on MNIST alone. */
    public TrainingConfig(int maxEpochs, int batchSize, double maxLearningRate, double minLearningRate, int patience,
                          long seed, int trainLimit, AugmentationConfig augmentation, Path runDir) {
        this(maxEpochs, batchSize, maxLearningRate, minLearningRate, patience, seed, trainLimit, augmentation, runDir,
                null, 0, 0, 0, null, 0);
    }

    public TrainingConfig {
        if (maxEpochs < 1 || batchSize < 1 || patience < 1) {
            throw new IllegalArgumentException("epochs, batch size and patience must be positive");
        }
        if (scannedForms < 0) {
            throw new IllegalArgumentException("scannedForms must not be negative");
        }
        if (fontDigits < 0 || notDigitMarks < 0) {
            throw new IllegalArgumentException("fontDigits and notDigitMarks must not be negative");
        }
        if (!(handStyles >= 0 && handStyles <= 1)) {
            throw new IllegalArgumentException("handStyles must be a share from 0 to 1, got " + handStyles);
        }
        if (!(maxLearningRate > 0) || minLearningRate < 0 || minLearningRate > maxLearningRate) {
            throw new IllegalArgumentException("need 0 <= minLearningRate <= maxLearningRate, 0 < maxLearningRate");
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    static final String FILE = "training-config.json";

    /** Saves this configuration in its run directory, so that a resumed run continues with the same settings. */
    public void save() throws java.io.IOException {
        java.nio.file.Files.createDirectories(runDir);
        JSON.writeValue(runDir.resolve(FILE).toFile(), this);
    }

    /** The configuration saved in a run directory, with that directory as run directory. */
    public static TrainingConfig load(Path runDir) throws java.io.IOException {
        Path f = runDir.resolve(FILE);
        if (!java.nio.file.Files.exists(f)) {
            throw new IllegalArgumentException(runDir + ": no " + FILE + " (not a training run directory)");
        }
        TrainingConfig c = JSON.readValue(f.toFile(), TrainingConfig.class);
        return new TrainingConfig(c.maxEpochs, c.batchSize, c.maxLearningRate, c.minLearningRate, c.patience, c.seed,
                c.trainLimit, c.augmentation, runDir, c.initModel, c.scannedForms, c.handStyles, c.fontDigits,
                c.fontsDir, c.notDigitMarks);
    }

    /** The same run with a different epoch budget (to extend or shorten a resumed run). */
    public TrainingConfig withMaxEpochs(int epochs) {
        return new TrainingConfig(epochs, batchSize, maxLearningRate, minLearningRate, patience, seed, trainLimit,
                augmentation, runDir, initModel, scannedForms, handStyles, fontDigits, fontsDir, notDigitMarks);
    }

    /** The same run with another early-stopping patience (to let a resumed run go on). */
    public TrainingConfig withPatience(int epochs) {
        return new TrainingConfig(maxEpochs, batchSize, maxLearningRate, minLearningRate, epochs, seed, trainLimit,
                augmentation, runDir, initModel, scannedForms, handStyles, fontDigits, fontsDir, notDigitMarks);
    }

    /** Cosine decay from the maximum to the minimum rate over {@code maxEpochs}, fixed per epoch (0-based). */
    public double learningRate(int epoch) {
        return cosine(epoch, maxEpochs, maxLearningRate, minLearningRate);
    }

    /** The cosine schedule shared by every trainer: {@code max} at epoch 0 down to {@code min} at the last. */
    public static double cosine(int epoch, int epochs, double max, double min) {
        double t = epochs == 1 ? 0 : (double) epoch / (epochs - 1);
        return min + 0.5 * (max - min) * (1 + Math.cos(Math.PI * t));
    }
}
