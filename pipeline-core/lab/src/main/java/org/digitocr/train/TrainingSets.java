package org.digitocr.train;

import org.digitocr.sample.FontDigits;

import org.digitocr.sample.HandStyles;
import org.digitocr.sample.NotDigitMarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.digitocr.form.FormTemplate;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.sample.ScannedDigits;

/**
 * The examples a run trains and validates on: the fixed MNIST train/validation split of the training file, each
 * part joined, when the run asks for it, by digits read back off forms written with that part's own digits
 * ({@link ScannedDigits}), so that neither validation nor test digits leak into training, and by the same part's
 * digits rewritten in other hands ({@link HandStyles}) and digits of handwriting fonts ({@link FontDigits}; the forms
 * are then written with those too). Touching pairs and fragments made from the training forms, and marks that are
 * no digit ({@link NotDigitMarks}), all {@link LabelledDigits#NOT_A_DIGIT}, join training only: validation,
 * calibration and review thresholds stay about digits.
 *
 * @param scannedTrain      how many of the training examples are digits read off generated forms
 * @param notDigits         how many of the training examples are touching pairs or fragments (not digits)
 * @param scannedValidation how many of the validation examples came off generated forms
 * @param styledTrain       how many of the training examples are training digits rewritten in other hands
 * @param styledValidation  how many of the validation examples are validation digits rewritten in other hands
 * @param fontTrain         how many of the training examples are digits drawn from handwriting fonts
 * @param markTrain         how many of the training examples are marks that are not digits (symbols, struck-out digits)
 */
public record TrainingSets(LabelledDigits train, LabelledDigits validation, int scannedTrain, int notDigits,
                           int scannedValidation, int styledTrain, int styledValidation,
                           int fontTrain, int markTrain) {

    public static TrainingSets of(TrainingConfig cfg, LabelledDigits trainingFile, List<FormTemplate> templates) {
        Mnist.Split split = Mnist.split(trainingFile);
        LabelledDigits digits = cfg.trainLimit() > 0 ? split.train().head(cfg.trainLimit()) : split.train();
        LabelledDigits validation = split.validation();
        LabelledDigits styled = null;
        LabelledDigits styledValidation = null;
        if (cfg.handStyles() > 0) {
            styled = HandStyles.restyleAll(digits.head((int) Math.round(cfg.handStyles() * digits.size())),
                    cfg.seed() + 2);
            styledValidation = styledValidation(validation, cfg.seed() + 3);
        }
        FontDigits fontFiles = cfg.fontDigits() > 0 || cfg.notDigitMarks() > 0 ? fonts(cfg) : null;
        LabelledDigits fonts = cfg.fontDigits() == 0 ? null : fontFiles.draw(cfg.fontDigits(), cfg.seed() + 4);
        LabelledDigits train = plus(plus(digits, styled), fonts);
        LabelledDigits marks = notDigitMarks(cfg, fontFiles, digits);
        LabelledDigits val = plus(validation, styledValidation);
        if (cfg.scannedForms() == 0) {
            return new TrainingSets(plus(train, marks), val, 0, 0, 0, sizeOf(styled),
                    sizeOf(styledValidation), sizeOf(fonts), sizeOf(marks));
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("scanned-form digits need at least one form template");
        }
        // the forms are written with the same digits, other hands' included, so scanning is learnt for those too
        ScannedDigits.Harvest harvest = ScannedDigits.harvest(train, templates, cfg.scannedForms(), cfg.seed());
        LabelledDigits scanned = scannedValidation(val, templates, Math.max(1, cfg.scannedForms() / 10),
                cfg.seed() + 1);
        return new TrainingSets(plus(train.concat(harvest.digits()).concat(harvest.notDigits()), marks),
                val.concat(scanned), harvest.digits().size(), harvest.notDigits().size(), scanned.size(), sizeOf(styled),
                sizeOf(styledValidation), sizeOf(fonts), sizeOf(marks));
    }

    /** Marks that are not digits: symbols of the fonts training may draw from, and {@code digits} struck out. */
    private static LabelledDigits notDigitMarks(TrainingConfig cfg, FontDigits fonts, LabelledDigits digits) {
        return cfg.notDigitMarks() == 0 ? null
                : NotDigitMarks.draw(NotDigitMarks.trainingFonts(fonts), digits, cfg.notDigitMarks(), cfg.seed() + 5);
    }

    private static FontDigits fonts(TrainingConfig cfg) {
        try {
            return FontDigits.under(cfg.fontsDir() != null ? cfg.fontsDir() : FontDigits.SYSTEM_FONTS);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the handwriting fonts", e);
        }
    }

    /** {@code a} joined by {@code b}, or {@code a} alone when the run made no {@code b}. */
    private static LabelledDigits plus(LabelledDigits a, LabelledDigits b) {
        return b == null ? a : a.concat(b);
    }

    private static int sizeOf(LabelledDigits d) {
        return d == null ? 0 : d.size();
    }

    /**
     * The validation digits rewritten in other hands ({@link HandStyles}): shifted writing that calibration and
     * review thresholds are fitted on besides MNIST's own, for a trained model or an ensemble of them.
     */
    public static LabelledDigits styledValidation(LabelledDigits validation, long seed) {
        return HandStyles.restyleAll(validation, seed);
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
