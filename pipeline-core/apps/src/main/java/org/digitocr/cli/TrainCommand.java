package org.digitocr.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.digitocr.eval.OtherWriters;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.mnist.Mnist;
import org.digitocr.model.ModelBundle;
import org.digitocr.report.EvaluationReport;
import org.digitocr.train.AugmentationConfig;
import org.digitocr.train.EpochStats;
import org.digitocr.train.ModelExporter;
import org.digitocr.train.Trainer;
import org.digitocr.train.TrainingConfig;
import org.digitocr.train.TrainingListener;
import org.digitocr.train.TrainingSets;
import org.digitocr.validate.CheckDigits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code digit-ocr train}: trains the reference CNN on MNIST from {@code MNIST_DIR}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the reference CNN on MNIST (from MNIST_DIR), with augmentation, checkpoints and calibration.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--run-dir", description = "Directory for checkpoints and history (default: runs/train-<time>).")
    Path runDir;
    @Option(names = "--resume", paramLabel = "DIR", description = "Resume the run in DIR where it stopped.")
    Path resume;
    @Option(names = "--epochs", description = "Maximum epochs (default: 10; with --resume: the run's own, unless given).")
    Integer epochs;
    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "2e-3", description = "Initial Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--min-lr", defaultValue = "1e-5", description = "Final learning rate of the cosine schedule (default: ${DEFAULT-VALUE}).")
    double minLr;
    @Option(names = "--patience", description = "Early-stopping patience in epochs (default: 4; with --resume, the run's own unless given).")
    Integer patience;
    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--train-limit", defaultValue = "0", description = "Use only the first N training examples (0 = all).")
    int trainLimit;
    @Option(names = "--no-augment", description = "Train on MNIST as it is, without distortions.")
    boolean noAugment;
    @Option(names = "--init-model", paramLabel = "DIR", description = "Fine-tune this model (e.g. data/models/reference-cnn) instead of starting from random weights.")
    Path initModel;
    @Option(names = "--scanned-forms", defaultValue = "0", paramLabel = "N",
            description = "Also train on the digits of N generated forms written with training digits and read back through the forms pipeline (a tenth as many, from validation digits, join validation) (default: ${DEFAULT-VALUE}).")
    int scannedForms;
    @Option(names = "--hand-styles", defaultValue = "1", paramLabel = "SHARE",
            description = "Share of the training digits that also join training rewritten in other hands (a flag and foot on 1s, crossed 7s, closed 4s, other pens, coarse bilevel capture); with a share above 0 the validation digits join validation rewritten too (default: ${DEFAULT-VALUE}; 0 for MNIST's hands alone).")
    double handStyles;
    @Option(names = "--font-digits", defaultValue = "0", paramLabel = "N",
            description = "Also train on N digits drawn from the handwriting fonts Debian ships (fonts-bwht, fonts-dkg-handwriting, fonts-kristi and others; see docs/model.md), slanted, squeezed and thickened at random (default: ${DEFAULT-VALUE}).")
    int fontDigits;
    @Option(names = "--not-digit-marks", defaultValue = "0", paramLabel = "N",
            description = "Also train on N marks that are not digits, taught as no digit so that the model is unsure of them: currency signs and other symbols drawn from handwriting fonts, and training digits crossed or scribbled out (default: ${DEFAULT-VALUE}).")
    int notDigitMarks;
    @Option(names = "--fonts", paramLabel = "DIR", description = "Folder the handwriting fonts are looked for under (default: /usr/share/fonts).")
    Path fontsDir;
    @Option(names = "--templates", split = ",", paramLabel = "DIR_OR_FILE",
            description = "Form templates for --scanned-forms (default: conf/templates of the installation).")
    List<Path> templates;
    @Option(names = "--model-out", description = "Where to write the finished model bundle (default: RUN_DIR/model).")
    Path modelOut;

    @Override
    public Integer call() throws Exception {
        TrainingConfig cfg;
        if (resume != null) {
            cfg = TrainingConfig.load(resume);
            if (epochs != null) {
                cfg = cfg.withMaxEpochs(epochs);
            }
            if (patience != null) {
                cfg = cfg.withPatience(patience);
            }
        } else {
            Path dir = runDir != null ? runDir
                    : Path.of("runs", "train-" + LocalDateTime.now().withNano(0).toString().replace(':', '-'));
            cfg = new TrainingConfig(epochs != null ? epochs : 10, batch, lr, minLr, patience != null ? patience : 4,
                    seed, trainLimit,
                    noAugment ? AugmentationConfig.none() : AugmentationConfig.defaults(), dir, initModel, scannedForms, handStyles,
                    fontDigits, fontsDir, notDigitMarks);
        }
        Path dir = cfg.runDir();
        Mnist mnist = Defaults.mnist();
        System.out.printf("Training from %s into %s%n", mnist.dir().toAbsolutePath(), dir);
        List<FormTemplate> forms = cfg.scannedForms() == 0 ? List.of()
                : new TemplateReader(CheckDigits.standard().names())
                        .readAll(templates != null ? templates : List.of(Defaults.home().resolve("conf/templates")));
        if (cfg.scannedForms() > 0) {
            System.out.printf("Writing, scanning and reading back %d forms (and %d for validation)...%n",
                    cfg.scannedForms(), Math.max(1, cfg.scannedForms() / 10));
        }
        if (cfg.handStyles() > 0) {
            System.out.printf("Rewriting %.0f%% of the training digits and the validation digits in other hands...%n",
                    100 * cfg.handStyles());
        }
        TrainingSets sets = TrainingSets.of(cfg, mnist.train(), forms);
        if (sets.styledTrain() > 0) {
            System.out.printf("%d training and %d validation digits rewritten in other hands join training and"
                    + " validation%n", sets.styledTrain(), sets.styledValidation());
        }
        if (sets.fontTrain() > 0) {
            System.out.printf("%d digits drawn from handwriting fonts join training%n", sets.fontTrain());
        }
        if (sets.markTrain() > 0) {
            System.out.printf("%d marks that are not digits (symbols, struck-out digits) join training%n",
                    sets.markTrain());
        }
        if (sets.scannedTrain() > 0) {
            System.out.printf("%d digits and %d non-digits (touching pairs, fragments) off scanned forms join"
                    + " training, %d digits join validation%n", sets.scannedTrain(), sets.notDigits(),
                    sets.scannedValidation());
        }
        Trainer.TrainingOutcome outcome = new Trainer(cfg, new BarListener()).train(sets.train(), sets.validation());
        ModelBundle bundle = new ModelBundle(modelOut != null ? modelOut : dir.resolve("model"));
        System.out.println("Calibrating on the validation split and evaluating on the MNIST test set...");
        ModelExporter.Exported done = ModelExporter.export(outcome, cfg, mnist, sets, mnist.test(),
                OtherWriters.fromEnvironment(), bundle);
        EvaluationReport.write(done, bundle);
        System.out.printf(Locale.ROOT, "Best epoch %d of %d. Test accuracy %.4f, top-2 %.4f, ECE %.4f -> %.4f (T=%.3f)%n",
                outcome.state().bestEpoch(), outcome.state().epochsDone(), done.test().accuracy(),
                done.test().top2Accuracy(), done.test().eceUncalibrated(), done.test().ece(), done.card().temperature());
        System.out.println("Model written to " + bundle.dir());
        return 0;
    }

    /** Draws one progress bar per epoch and prints the epoch's numbers when it ends. */
    private static final class BarListener implements TrainingListener {
        private ProgressBar bar;

        @Override
        public void onEpochStart(int epoch, int maxEpochs, int batches) {
            bar = new ProgressBar(System.out, String.format("epoch %d/%d", epoch, maxEpochs), batches);
        }

        @Override
        public void onBatch(int epoch, int batch, int batches, double loss) {
            bar.update(batch, String.format(Locale.ROOT, "loss %.4f", loss));
        }

        @Override
        public void onEpochEnd(EpochStats s, boolean improved) {
            bar.finish(String.format(Locale.ROOT, "train loss %.4f acc %.4f | val loss %.4f acc %.4f | %.0f img/s%s",
                    s.trainLoss(), s.trainAccuracy(), s.validationLoss(), s.validationAccuracy(),
                    s.imagesPerSecond(), improved ? " (best so far)" : ""));
        }
    }
}
