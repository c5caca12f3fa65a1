package org.digitocr.train;

import java.util.List;

import org.digitocr.form.FormTemplate;
import org.digitocr.mnist.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.sample.ScannedDigits;

/**
 * The examples a run trains and validates on: the fixed MNIST train/validation split of the training file, each
 * part joined, when the run asks for it, by digits read back off forms written with that part's own digits
 * ({@link ScannedDigits}), so that neither validation nor test digits leak into training. Touching pairs and
 * fragments made from the training forms ({@link LabelledDigits#NOT_A_DIGIT}) join training only: validation,
 * calibration and review thresholds stay about digits.
 *
 * @param scannedTrain      how many of the training examples are digits read off generated forms
 * @param notDigits         how many of the training examples are touching pairs or fragments (not digits)
 * @param scannedValidation how many of the validation examples came off generated forms
 */
public record TrainingSets(LabelledDigits train, LabelledDigits validation, int scannedTrain, int notDigits,
                           int scannedValidation) {

    public static TrainingSets of(TrainingConfig cfg, LabelledDigits trainingFile, List<FormTemplate> templates) {
        Mnist.Split split = Mnist.split(trainingFile);
        LabelledDigits train = cfg.trainLimit() > 0 ? split.train().head(cfg.trainLimit()) : split.train();
        LabelledDigits validation = split.validation();
        if (cfg.scannedForms() == 0) {
            return new TrainingSets(train, validation, 0, 0, 0);
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("scanned-form digits need at least one form template");
        }
        ScannedDigits.Harvest scannedTrain = ScannedDigits.harvest(train, templates, cfg.scannedForms(), cfg.seed());
        LabelledDigits scannedVal = scannedValidation(validation, templates, Math.max(1, cfg.scannedForms() / 10),
                cfg.seed() + 1);
        return new TrainingSets(train.concat(scannedTrain.digits()).concat(scannedTrain.notDigits()),
                validation.concat(scannedVal), scannedTrain.digits().size(), scannedTrain.notDigits().size(),
                scannedVal.size());
    }

    /**
     * Digits read back off {@code forms} generated forms written with the validation split's own digits: what
     * calibration and review thresholds are fitted on, for a trained model or an ensemble of them.
     */
    public static LabelledDigits scannedValidation(LabelledDigits validation, List<FormTemplate> templates, int forms,
                                                   long seed) {
        return ScannedDigits.harvest(validation, templates, forms, seed).digits();
    }
}
