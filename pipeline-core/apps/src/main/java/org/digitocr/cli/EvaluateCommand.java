package org.digitocr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.digitocr.eval.DigitFolder;
import org.digitocr.eval.Evaluation;
import org.digitocr.eval.Evaluator;
import org.digitocr.eval.NotDigitReading;
import org.digitocr.eval.OtherWriters;
import org.digitocr.eval.ScanRoundTrip;
import org.digitocr.eval.WritingVariations;
import org.digitocr.form.TemplateReader;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.report.EvaluationReport;
import org.digitocr.sample.FontDigits;
import org.digitocr.sample.NotDigitMarks;
import org.digitocr.train.EpochStats;
import org.digitocr.train.TrainingState;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.validate.CheckDigits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code digit-ocr evaluate}: accuracy, top-2, per-class metrics, confusion matrix and ECE on labelled digits. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on labelled digits: MNIST test (default), an IDX pair, or a folder 0/..9/ of images.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: the bundled model).")
    Path model;
    @ArgGroup(exclusive = true)
    Source source;
    @Option(names = "--limit", defaultValue = "0", description = "Evaluate only the first N examples (0 = all).")
    int limit;
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;
    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write an HTML report with plots and galleries (report.html and PNGs) into DIR.")
    Path report;
    @Option(names = "--scanned-forms", paramLabel = "N", defaultValue = "0",
            description = "Also write the digits read right, and those read wrong, on N generated forms apart (and N/3),"
                    + " scan and read them back, and report what scanning costs (0 = not).")
    int scannedForms;
    @Option(names = "--writing-variations",
            description = "Also read the digits redrawn with finer and broader pens, slanted further and with other"
                    + " hands' strokes (OpenCV), and captured on a coarse black-and-white grid, to see how the model"
                    + " holds up to other hands and captures than MNIST's.")
    boolean writingVariations;
    @Option(names = "--not-digits", paramLabel = "N", defaultValue = "0",
            description = "Also read N marks of each kind that are not digits (symbols of handwriting fonts that"
                    + " training never draws from, the evaluated digits crossed out and scribbled out) and report how"
                    + " many would be accepted as a one-digit field at the default target error (0 = not).")
    int notDigits;
    @Option(names = "--gate", paramLabel = "DIR",
            description = "For --not-digits: a second model (e.g. one trained with --not-digit-marks) that must also"
                    + " read a mark at --gate-level or more for it to count as accepted, a \"not a digit\" signal beside"
                    + " the classifier; also counts how many of the evaluated digits both read surely.")
    Path gate;
    @Option(names = "--gate-level", paramLabel = "P", defaultValue = "0.8",
            description = "Calibrated confidence the --gate model must reach (default: 0.8).")
    double gateLevel;
    @Option(names = "--fonts", paramLabel = "DIR", description = "Folder the handwriting fonts are looked for under,"
            + " for --not-digits (default: /usr/share/fonts).")
    Path fontsDir;
    @Option(names = "--other-writers", paramLabel = "DIR",
            description = "Folder with an IDX pair of real digits by writers who are not MNIST's; evaluated beside MNIST"
                    + " test, side by side, when MNIST test is evaluated (default: $" + OtherWriters.ENV
                    + ", else data/other-writers; left out when absent).")
    Path otherWriters;
    @Option(names = "--templates", split = ",", paramLabel = "DIR_OR_FILE",
            description = "Form templates for --scanned-forms (default: conf/templates).")
    List<Path> templates;

    static final class Source {
        @ArgGroup(exclusive = false)
        IdxPair idx;
        @Option(names = "--folder", paramLabel = "DIR", description = "Folder with sub-folders 0-9 of PNG/JPEG digit images.")
        Path folder;
    }

    static final class IdxPair {
        @Option(names = "--images", required = true, paramLabel = "FILE", description = "IDX image file (.gz or not).")
        Path images;
        @Option(names = "--labels", required = true, paramLabel = "FILE", description = "IDX label file (.gz or not).")
        Path labels;
    }

    @Override
    public Integer call() throws Exception {
        LabelledDigits data;
        String name;
        boolean mnistTest = false;
        if (source != null && source.folder != null) {
            DigitFolder.Loaded loaded = DigitFolder.load(source.folder);
            loaded.rejected().forEach(r -> System.out.println("skipped " + r));
            data = loaded.digits();
            name = "folder " + source.folder;
        } else if (source != null && source.idx != null) {
            data = Mnist.load(source.idx.images, source.idx.labels);
            name = source.idx.images.getFileName().toString();
        } else {
            Mnist mnist = Defaults.mnist();
            data = mnist.test();
            name = "MNIST test (" + mnist.testImages() + ")";
            mnistTest = true;
        }
        if (limit > 0) {
            data = data.head(limit);
        }
        Path dir = model != null ? model : Defaults.bundledModel();
        System.out.printf("Evaluating %s on %d images of %s%n", dir, data.size(), name);
        ModelBundle bundle = new ModelBundle(dir);
        double threshold = notDigits > 0 || report != null
                ? bundle.readReviewPolicy().threshold(ReviewPolicy.DEFAULT_TARGET) : Double.NaN;
        Evaluation result;
        double[][] logits;
        try (DigitClassifier classifier = DigitClassifier.load(bundle)) {
            long t0 = System.nanoTime();
            logits = classifier.logits(data.images());
            double seconds = (System.nanoTime() - t0) / 1e9;
            result = Evaluator.fromLogits(logits, data.labels(), classifier.temperature(), name,
                    data.size() / Math.max(seconds, 1e-9));
            System.out.print(result.toText());
            OtherWriters others = otherWriters != null ? new OtherWriters(otherWriters) : OtherWriters.fromEnvironment();
            if (mnistTest && limit == 0 && others.present()) {
                LabelledDigits o = others.load();
                Evaluation other = Evaluator.fromLogits(classifier.logits(o.images()), o.labels(),
                        classifier.temperature(), "other writers (" + others.name() + ")", 0);
                System.out.println();
                System.out.print(other.toText());
                System.out.println();
                System.out.print(sideBySide(result, other));
            } else if (mnistTest && otherWriters != null) {
                System.out.println("Other writers left out: " + others.absence());
            }
            if (scannedForms > 0) {
                printRoundTrip(ScanRoundTrip.measure(classifier, data, new TemplateReader(CheckDigits.standard().names())
                        .readAll(templates != null ? templates : List.of(Defaults.home().resolve("conf/templates"))),
                        scannedForms, 1));
            }
            if (notDigits > 0) {
                FontDigits fonts = null;
                try {
                    fonts = NotDigitMarks.heldOutFonts(
                            FontDigits.under(fontsDir != null ? fontsDir : FontDigits.SYSTEM_FONTS));
                } catch (IllegalArgumentException e) {
                    System.out.println("Symbols left out: " + e.getMessage());
                }
                System.out.printf(Locale.ROOT, "Marks that are not digits, read as a digit at %.4f or more (accepted"
                        + " as a one-digit field at the default target)%s:%n", threshold, gate == null ? ""
                        : String.format(Locale.ROOT, " and by the gate %s at %.2f or more", gate, gateLevel));
                try (DigitClassifier g = gate == null ? null : DigitClassifier.load(new ModelBundle(gate))) {
                    NotDigitReading.Gate withGate = g == null ? null : new NotDigitReading.Gate(g, gateLevel);
                    for (NotDigitReading.Row r : NotDigitReading.measure(classifier, withGate, fonts, data, notDigits,
                            threshold, 7)) {
                        System.out.printf(Locale.ROOT, "  %-28s %.4f (%d/%d) %s%n", r.name(), r.share(), r.sure(),
                                r.total(), r.detail());
                    }
                }
            }
            if (writingVariations) {
                System.out.println("Written otherwise (accuracy):");
                for (WritingVariations.Variation v : WritingVariations.measure(classifier, data)) {
                    System.out.printf(Locale.ROOT, "  %-28s %.4f (%d/%d)%n", v.name(), v.accuracy(), v.right(), v.total());
                }
            }
        }
        if (json != null) {
            result.writeJson(json);
            System.out.println("JSON written to " + json);
        }
        if (report != null) {
            List<EpochStats> history = Files.exists(bundle.history())
                    ? TrainingState.readHistory(bundle.history()).history() : List.of();
            Path html = EvaluationReport.write(new EvaluationReport.Input("Evaluation of " + dir.getFileName()
                    + " on " + name, data, logits, result, history, threshold), report);
            System.out.println("Report written to " + html);
        }
        return 0;
    }

    /** MNIST test and other writers' headline numbers in two columns. */
    private static String sideBySide(Evaluation mnist, Evaluation other) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-22s %12s %14s%n", "", "MNIST test",
                "other writers"));
        b.append(String.format(Locale.ROOT, "%-22s %12d %14d%n", "digits", mnist.examples(), other.examples()));
        b.append(String.format(Locale.ROOT, "%-22s %12.4f %14.4f%n", "accuracy", mnist.accuracy(), other.accuracy()));
        b.append(String.format(Locale.ROOT, "%-22s %12.4f %14.4f%n", "top-2 accuracy", mnist.top2Accuracy(),
                other.top2Accuracy()));
        b.append(String.format(Locale.ROOT, "%-22s %12.4f %14.4f%n", "ECE (calibrated)", mnist.ece(), other.ece()));
        b.append(String.format(Locale.ROOT, "%-22s %12.4f %14.4f%n", "ECE (uncalibrated)", mnist.eceUncalibrated(),
                other.eceUncalibrated()));
        b.append(String.format(Locale.ROOT, "%-22s %12.4f %14.4f%n", "mean confidence", mnist.meanConfidence(),
                other.meanConfidence()));
        return b.toString();
    }

    private static void printRoundTrip(ScanRoundTrip.Result r) {
        System.out.printf(Locale.ROOT, "Written on scanned forms and read back: %d of %d digits read right alone were"
                        + " wrong off the form (%.2f%%); %d of %d read wrong alone were still wrong (%.1f%%)%n",
                r.easyWrong(), r.easyRead(), 100 * r.lostByScanning(), r.hardWrong(), r.hardRead(), 100 * r.stillWrong());
        System.out.printf(Locale.ROOT, "Error per digit alone %.2f%%, off scanned forms %.2f%%%n", 100 * r.rawError(),
                100 * r.scannedError());
    }
}
