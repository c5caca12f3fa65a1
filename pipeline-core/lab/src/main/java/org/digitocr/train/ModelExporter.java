package org.digitocr.train;

import org.digitocr.sample.FontDigits;

import org.digitocr.sample.HandStyles;
import org.digitocr.sample.NotDigitMarks;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.calibrate.TemperatureScaling;
import org.digitocr.calibrate.ValidationForms;
import org.digitocr.eval.Evaluation;
import org.digitocr.eval.Evaluator;
import org.digitocr.eval.OtherWriters;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.calibrate.ReviewPolicyFitter;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.model.DigitClassifier;
import org.digitocr.normalize.PenNormalization;
import org.digitocr.model.DigitPrediction;
import org.digitocr.model.ModelBundle;
import org.digitocr.engine.ReferenceCnn;
import org.digitocr.provenance.BuildInfo;
import org.digitocr.provenance.DataFile;
import org.digitocr.provenance.ModelCard;
import org.digitocr.provenance.TrainingRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished training run, or several joined as an ensemble, into a shippable model bundle: fits the
 * calibration temperature on the validation split, evaluates once on the untouched test set, and writes
 * network(s), card and history.
 */
public final class ModelExporter {
    private static final Logger LOG = LoggerFactory.getLogger(ModelExporter.class);
    public static final String TEST_EVALUATION = "evaluation-mnist-test.json";
    /** The evaluation on real digits of other writers ({@link OtherWriters}), when that set was at hand. */
    public static final String OTHER_WRITERS_EVALUATION = "evaluation-other-writers.json";
    /** Folder of the evaluation report written next to every exported model. */
    public static final String REPORT = "report";
    public static final String PRODUCER = "digit-ocr " + BuildInfo.current().version() + " (org.digitocr.train.Trainer)";
    public static final String FRAMEWORK = "DL4J/ND4J " + BuildInfo.current().dl4j() + ", "
            + BuildInfo.current().nd4jBackend() + ", float32";
    private static final String NAME = "reference-cnn";

    private ModelExporter() {
    }

    /**
     * The exported card, the test-set evaluation and what an evaluation report shows of it (the apps render it):
     * the test digits, their logits, the training history and the default review threshold.
     */
    public record Exported(ModelCard card, Evaluation test, LabelledDigits testDigits, double[][] testLogits,
                           List<EpochStats> history, double reviewThreshold) {
    }

    /**
     * How a network was made, for its card: who produced it, from which data files and split, and the
     * training settings and timings.
     */
    public record Provenance(String producer, List<DataFile> data, String split, TrainingRecord training) {
    }

    /** Exports a run of the single-machine {@link Trainer} on MNIST. */
    public static Exported export(Trainer.TrainingOutcome outcome, TrainingConfig cfg, Mnist mnist, TrainingSets sets,
                                  LabelledDigits test, OtherWriters others, ModelBundle out) throws IOException {
        TrainingRecord.Recipe recipe = new TrainingRecord.Recipe(cfg.seed(), cfg.maxEpochs(), cfg.batchSize(), "Adam",
                TrainingSteps.engineName(), schedule(cfg.maxLearningRate(), cfg.minLearningRate()), cfg.patience(),
                cfg.augmentation().settings());
        boolean forms = cfg.scannedForms() > 0;
        boolean styles = cfg.handStyles() > 0;
        boolean fonts = sets.fontTrain() > 0;
        TrainingRecord.Examples examples = new TrainingRecord.Examples(sets.train().size(), null,
                forms ? cfg.scannedForms() : null, forms ? sets.scannedTrain() : null,
                forms ? sets.notDigits() : null, forms ? sets.scannedValidation() : null,
                styles ? HandStyles.DESCRIPTION : null, styles ? sets.styledTrain() : null,
                styles ? sets.styledValidation() : null, fonts ? FontDigits.DESCRIPTION : null,
                fonts ? sets.fontTrain() : null, sets.markTrain() > 0 ? NotDigitMarks.DESCRIPTION : null,
                sets.markTrain() > 0 ? sets.markTrain() : null);
        TrainingRecord training = TrainingRecord.of(recipe, examples);
        if (cfg.initModel() != null) {
            training = training.withInitialModel(start(new ModelBundle(cfg.initModel()), cfg.initModel().toString(),
                    ReferenceCnn.FROZEN_WHEN_FINE_TUNING));
        }
        Provenance p = new Provenance(PRODUCER, dataFiles(mnist),
                "MNIST training file split 55,000 train / 5,000 validation with seed " + Mnist.SPLIT_SEED
                        + (cfg.scannedForms() > 0 ? ", each part joined by its own digits written on generated forms"
                        + " (seed " + cfg.seed() + ") and read back through the forms pipeline" : "")
                        + (cfg.handStyles() > 0 ? ", and by its own digits rewritten in other hands (train: "
                        + sets.styledTrain() + ", validation: " + sets.styledValidation() + ")" : "")
                        + (sets.fontTrain() > 0 ? "; training joined by " + sets.fontTrain()
                        + " digits drawn from handwriting fonts" : "")
                        + (sets.markTrain() > 0 ? "; training joined by " + sets.markTrain()
                        + " marks that are not digits (symbols, struck-out training digits), taught as no digit" : "")
                        + "; the 10,000 test images used once, for the final evaluation",
                training);
        return export(outcome.network(), outcome.state(), p, sets.validation(), test, others,
                Trainer.history(cfg.runDir()), out);
    }

    /** The MNIST files a model of the product is made and tested from, with their MD5 sums. */
    private static List<DataFile> dataFiles(Mnist mnist) {
        return List.of(DataFile.of("train+validation images", mnist.trainImages()),
                DataFile.of("train+validation labels", mnist.trainLabels()),
                DataFile.of("test images", mnist.testImages()),
                DataFile.of("test labels", mnist.testLabels()));
    }

    /** The card's wording of a cosine learning-rate schedule. */
    public static String schedule(double max, double min) {
        return String.format("cosine per epoch from %.2e to %.2e", max, min);
    }

    /**
     * What a fine-tuned model started from: its identity, where it was read from, which network file, what
     * fine-tuning kept fixed ({@code null}: nothing) and that model's own training record.
     */
    public static TrainingRecord.Start start(ModelBundle start, String source, String frozen) throws IOException {
        ModelCard card = start.readCard();
        return new TrainingRecord.Start(start.identity().id(), source,
                DataFile.of("network", start.network()), frozen, card.training());
    }

    /**
     * Calibrates a trained network on {@code validation}, evaluates it once on {@code test} (MNIST test in
     * the product's own runs) and, beside it, on {@code others} when present, and writes the bundle: network,
     * card, history, evaluations, review policy.
     */
    public static Exported export(MultiLayerNetwork net, TrainingState state, Provenance provenance,
                                  LabelledDigits validation, LabelledDigits test, OtherWriters others, Path historyCsv,
                                  ModelBundle out) throws IOException {
        double secs = state.history().stream().mapToDouble(EpochStats::seconds).sum();
        TrainingRecord base = provenance.training();
        TrainingRecord training = new TrainingRecord(base.recipe(), base.examples().withValidation(validation.size()),
                base.distributed(), base.initialModel(), null, new TrainingRecord.Outcome(state.epochsDone(),
                state.bestEpoch(), Math.round(secs), Math.round(secs / Math.max(1, state.epochsDone())),
                Math.round(state.history().stream().mapToDouble(EpochStats::imagesPerSecond).average().orElse(0))));
        return write(List.of(net), NAME, ReferenceCnn.DESCRIPTION, ReferenceCnn.TRAINABLE_PARAMETERS,
                new Provenance(provenance.producer(), provenance.data(), provenance.split(), training),
                validation, test, others, null, null, state.history(), historyCsv, out);
    }

    /**
     * Joins trained models of the reference shape into an ensemble that answers with the mean of their logits
     * (a member that is an ensemble itself gives all its networks and their members' records, so an ensemble can
     * also be calibrated anew alone; one single network is calibrated anew, keeping its own record and history):
     * fits the ensemble's own temperature and review thresholds on {@code validation} (which none of the members
     * may have trained on), with {@code pen} (null: none) applied throughout, evaluates it once on MNIST test and
     * writes the bundle with every member's record. With {@code policyForms} (null: none) the review thresholds
     * are fitted on the fields of those forms instead, read with the calibrated ensemble.
     */
    public static Exported exportEnsemble(List<ModelBundle> members, LabelledDigits validation, String validationName,
                                          ValidationForms policyForms, PenNormalization pen, Mnist mnist,
                                          OtherWriters others, ModelBundle out) throws IOException {
        String fittedOn = policyForms == null ? "temperature and review thresholds fitted on " + validationName
                : "temperature fitted on " + validationName + ", review thresholds on " + policyForms.describe();
        if (members.size() == 1 && members.get(0).networks().size() == 1) {
            return recalibrate(members.get(0), validation, fittedOn, policyForms, pen, mnist, others, out);
        }
        List<MultiLayerNetwork> nets = new ArrayList<>();
        List<TrainingRecord.Member> records = new ArrayList<>();
        for (ModelBundle m : members) {
            nets.addAll(m.readNetworks());
            ModelCard card = m.readCard();
            if (card.training() != null && card.training().ensemble() != null) {
                records.addAll(card.training().ensemble().members());
            } else {
                records.add(new TrainingRecord.Member(m.dir().toString(), card.createdAt(),
                        m.networks().stream().map(f -> DataFile.of("network", f)).toList(), card.split(),
                        card.training(), card.metrics()));
            }
        }
        TrainingRecord training = new TrainingRecord(null, null, null, null, new TrainingRecord.Ensemble(
                "mean of the logits of " + nets.size() + " independently trained networks", validation.size(),
                List.copyOf(records)), null);
        String split = "members trained as their records say; the ensemble's " + fittedOn
                + "; the 10,000 MNIST test images used once, for the final evaluation";
        return write(nets, NAME + "-ensemble", nets.size() + " x (" + ReferenceCnn.DESCRIPTION + "), logits averaged",
                (long) nets.size() * ReferenceCnn.TRAINABLE_PARAMETERS,
                new Provenance(PRODUCER, dataFiles(mnist), split, training), validation, mnist.test(), others, pen,
                policyForms, List.of(), null, out);
    }

    /** One trained network with a new temperature, pen normalisation and review policy; its own record and history. */
    private static Exported recalibrate(ModelBundle model, LabelledDigits validation, String fittedOn,
                                        ValidationForms policyForms, PenNormalization pen, Mnist mnist,
                                        OtherWriters others, ModelBundle out) throws IOException {
        ModelCard card = model.readCard();
        Path historyCsv = Files.isRegularFile(model.history()) ? model.history() : null;
        List<EpochStats> history = historyCsv != null ? TrainingState.readHistory(historyCsv).history() : List.of();
        String split = card.split() + "; calibrated anew from " + model.dir() + " (" + card.createdAt()
                + "): " + (pen != null ? "pen normalisation; " : "") + fittedOn;
        return write(model.readNetworks(), card.name(), card.architecture(), card.trainableParameters(),
                new Provenance(PRODUCER, dataFiles(mnist), split, card.training()), validation, mnist.test(), others, pen,
                policyForms, history, historyCsv, out);
    }

    private static Exported write(List<MultiLayerNetwork> nets, String name, String architecture, long trainable,
                                  Provenance provenance, LabelledDigits validation, LabelledDigits test,
                                  OtherWriters others, PenNormalization pen, ValidationForms policyForms,
                                  List<EpochStats> history, Path historyCsv, ModelBundle out)
            throws IOException {
        double[][] valLogits;
        double[][] testLogits;
        double[][] otherLogits = null;
        LabelledDigits otherDigits = others.present() ? others.load() : null;
        long t0;
        double testRate;
        try (DigitClassifier raw = DigitClassifier.of(nets, 1.0, pen)) {
            valLogits = raw.logits(validation.images());
            t0 = System.nanoTime();
            testLogits = raw.logits(test.images());
            testRate = test.size() / ((System.nanoTime() - t0) / 1e9);
            if (otherDigits != null) {
                otherLogits = raw.logits(otherDigits.images());
            }
        }
        double temperature = TemperatureScaling.fit(valLogits, validation.labels());
        Evaluation val = Evaluator.fromLogits(valLogits, validation.labels(), temperature, "validation split", 0);
        Evaluation tst = Evaluator.fromLogits(testLogits, test.labels(), temperature, "MNIST test (t10k)", testRate);
        LOG.info("Temperature {}: validation ECE {} -> {}, test ECE {} -> {}, test accuracy {}",
                String.format("%.4f", temperature), f(val.eceUncalibrated()), f(val.ece()),
                f(tst.eceUncalibrated()), f(tst.ece()), f(tst.accuracy()));

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("testAccuracy", tst.accuracy());
        metrics.put("testTop2Accuracy", tst.top2Accuracy());
        metrics.put("testEce", tst.ece());
        metrics.put("testEceUncalibrated", tst.eceUncalibrated());
        metrics.put("validationAccuracy", val.accuracy());
        metrics.put("validationEce", val.ece());
        metrics.put("validationEceUncalibrated", val.eceUncalibrated());
        metrics.put("testImagesPerSecond", (double) Math.round(testRate));
        Evaluation other = null;
        List<DataFile> data = new ArrayList<>(provenance.data());
        if (otherDigits != null) {
            other = Evaluator.fromLogits(otherLogits, otherDigits.labels(), temperature,
                    "other writers (" + others.name() + ")", 0);
            metrics.put("otherWritersAccuracy", other.accuracy());
            metrics.put("otherWritersTop2Accuracy", other.top2Accuracy());
            metrics.put("otherWritersEce", other.ece());
            metrics.put("otherWritersEceUncalibrated", other.eceUncalibrated());
            data.add(DataFile.of("other writers' images (measured only)", others.images()));
            data.add(DataFile.of("other writers' labels (measured only)", others.labels()));
            LOG.info("Other writers ({}): accuracy {}, ECE {} -> {}", others.name(), f(other.accuracy()),
                    f(other.eceUncalibrated()), f(other.ece()));
        } else {
            LOG.info("Card without other writers' figures: {}", others.absence());
        }

        ModelCard card = new ModelCard(
                name,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                provenance.producer(),
                FRAMEWORK,
                host(),
                architecture,
                nets.stream().mapToLong(MultiLayerNetwork::numParams).sum(),
                trainable,
                data,
                provenance.split(),
                provenance.training(),
                temperature,
                pen,
                metrics,
                "Temperature fitted on the validation split (NLL). Probabilities in predictions are calibrated.",
                null);
        out.write(nets, card, historyCsv);
        tst.writeJson(out.dir().resolve(TEST_EVALUATION));
        if (other != null) {
            other.writeJson(out.dir().resolve(OTHER_WRITERS_EVALUATION));
        }
        ReviewPolicy policy;
        if (policyForms != null) {
            try (DigitClassifier calibrated = DigitClassifier.load(out, Runtime.getRuntime().availableProcessors())) {
                policy = policyForms.fit(calibrated);
            }
        } else {
            policy = ReviewPolicyFitter.fit(predictions(valLogits, temperature), validation.labels(), 50_000, 10, 7,
                    "the validation split");
        }
        for (ReviewPolicy.Point p : policy.points()) {
            LOG.info("Review threshold {} for target error {}: accepts {} of the fields fitted on at {} error",
                    String.format("%.4f", p.threshold()), p.targetErrorRate(), f(p.acceptRate()), f(p.errorRate()));
        }
        policy.write(out.reviewPolicy());
        return new Exported(card, tst, test, testLogits, history, policy.threshold(ReviewPolicy.DEFAULT_TARGET));
    }

    private static List<DigitPrediction> predictions(double[][] logits, double temperature) {
        List<DigitPrediction> preds = new ArrayList<>(logits.length);
        for (double[] z : logits) {
            preds.add(DigitPrediction.ofLogits(z, temperature));
        }
        return preds;
    }

    private static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "unknown";
        }
        return String.format("%s, %d cores, %s %s, Java %s", name, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    }

    private static String f(double v) {
        return String.format("%.4f", v);
    }
}
