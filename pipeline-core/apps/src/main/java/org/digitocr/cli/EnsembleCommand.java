package org.digitocr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.digitocr.calibrate.ValidationForms;
import org.digitocr.eval.OtherWriters;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.model.ModelBundle;
import org.digitocr.normalize.PenNormalization;
import org.digitocr.report.EvaluationReport;
import org.digitocr.train.ModelExporter;
import org.digitocr.train.TrainingSets;
import org.digitocr.validate.CheckDigits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code digit-ocr ensemble}: joins trained models into one that averages their logits, calibrated anew; given one
 * model, calibrates it anew.
 */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = "Join models trained with different seeds into an ensemble (mean of their logits): fits its "
                + "temperature on the validation split and digits read off forms written with it, and its review "
                + "thresholds on the fields of more such forms, evaluates it on MNIST test (from MNIST_DIR) and "
                + "writes one model directory. Given one model, calibrates it anew the same way.")
final class EnsembleCommand implements Callable<Integer> {
    @Option(names = "--members", split = ",", required = true, paramLabel = "DIR",
            description = "Model directories of the members, all trained on the product's split (one model alone, or one ensemble, is calibrated anew).")
    List<Path> members;
    @Option(names = "--model-out", required = true, paramLabel = "DIR", description = "Where to write the ensemble.")
    Path modelOut;
    @Option(names = "--validation-forms", defaultValue = "250", paramLabel = "N",
            description = "Forms written with validation digits and read back, whose digits join validation (default: ${DEFAULT-VALUE}).")
    int validationForms;
    @Option(names = "--policy-forms", defaultValue = "1000", paramLabel = "N",
            description = "More forms written with validation digits (seed + 1), read through the whole forms pipeline by the calibrated model: the review thresholds are fitted on their fields; 0 fits them on synthetic fields of validation digits instead (default: ${DEFAULT-VALUE}).")
    int policyForms;
    @Option(names = "--seed", defaultValue = "43", description = "Seed of those forms (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--hand-styles", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "The validation digits also join validation rewritten in other hands (a flag and foot on 1s, crossed 7s, other pens, coarse bilevel capture), so that temperature and review thresholds are fitted on shifted writing too (default: ${DEFAULT-VALUE}).")
    boolean handStyles;
    @Option(names = "--pen-normalization", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Digits written with a broader pen than 90%% of MNIST's validation digits are also read thinned by one pixel, the two answers averaged (default: ${DEFAULT-VALUE}).")
    boolean penNormalization;
    @Option(names = "--templates", split = ",", paramLabel = "DIR_OR_FILE",
            description = "Form templates for the validation forms (default: conf/templates of the installation).")
    List<Path> templates;

    @Override
    public Integer call() throws Exception {
        Mnist mnist = Defaults.mnist();
        LabelledDigits digits = Mnist.split(mnist.train()).validation();
        LabelledDigits validation = digits;
        String name = "the MNIST validation split (" + digits.size() + " digits, split seed " + Mnist.SPLIT_SEED + ")";
        if (handStyles) {
            System.out.printf("Rewriting the %d validation digits in other hands...%n", digits.size());
            validation = validation.concat(TrainingSets.styledValidation(digits, seed));
            name += " and the same digits rewritten in other hands (seed " + seed + ")";
        }
        List<FormTemplate> forms = new TemplateReader(CheckDigits.standard().names())
                .readAll(templates != null ? templates : List.of(Defaults.home().resolve("conf/templates")));
        ValidationForms policy = policyForms > 0 ? new ValidationForms(validation, name, forms, policyForms, seed + 1)
                : null;
        if (validationForms > 0) {
            System.out.printf("Writing, scanning and reading back %d forms of validation digits...%n", validationForms);
            LabelledDigits scanned = TrainingSets.scannedValidation(validation, forms, validationForms, seed);
            name += ", and " + scanned.size() + " of these digits read back off " + validationForms
                    + " generated forms (seed " + seed + ")";
            validation = validation.concat(scanned);
        }
        System.out.printf("Calibrating %d members on %s, evaluating on MNIST test...%n", members.size(), name);
        ModelBundle out = new ModelBundle(modelOut);
        PenNormalization pen = penNormalization
                ? PenNormalization.fit(digits.images(), "the MNIST validation split") : null;
        ModelExporter.Exported done = ModelExporter.exportEnsemble(members.stream().map(ModelBundle::new).toList(),
                validation, name, policy, pen, mnist, OtherWriters.fromEnvironment(), out);
        EvaluationReport.write(done, out);
        System.out.printf(Locale.ROOT, "Test accuracy %.4f, top-2 %.4f, ECE %.4f -> %.4f (T=%.3f)%n",
                done.test().accuracy(), done.test().top2Accuracy(), done.test().eceUncalibrated(), done.test().ece(),
                done.card().temperature());
        System.out.println("Ensemble written to " + modelOut);
        return 0;
    }
}
