package org.digitocr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.image.LabelledDigits;
import org.digitocr.mnist.Mnist;
import org.digitocr.sample.PaperDamage;
import org.digitocr.sample.SampleBatchWriter;
import org.digitocr.sample.SampleFormGenerator;
import org.digitocr.sample.ScanDistortion;
import org.digitocr.validate.CheckDigits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code digit-ocr samples}: renders a batch of filled, scanned-looking forms from MNIST test digits. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "Generate sample scans: templates filled with MNIST test digits (or any IDX pair), distorted like real scans, plus bad inputs.")
final class SamplesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--templates", required = true, split = ",", paramLabel = "DIR_OR_FILE", description = "Form templates.")
    List<Path> templates;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the batch.")
    Path out;
    @Option(names = "--truth", paramLabel = "FILE", description = "Ground-truth JSON (default: OUT-truth.json beside OUT).")
    Path truthFile;
    @Option(names = "--forms", defaultValue = "12", description = "Number of form pages (default: ${DEFAULT-VALUE}).")
    int forms;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--digits-images", paramLabel = "FILE",
            description = "IDX images (gzipped or not) of the digits to write (default: MNIST test from MNIST_DIR); with --digits-labels.")
    Path digitsImages;
    @Option(names = "--digits-labels", paramLabel = "FILE", description = "IDX labels of --digits-images.")
    Path digitsLabels;
    @Option(names = "--empty-fields", defaultValue = "0.05", description = "Share of fields left empty (default: ${DEFAULT-VALUE}).")
    double emptyFields;
    @Option(names = "--writing-size", defaultValue = "1.0", paramLabel = "FACTOR",
            description = "How large the digits are written, relative to the usual 55-80%% of a cell's height; 1.4 writes"
                    + " big, over the box lines (default: ${DEFAULT-VALUE}).")
    double writingSize;
    @Option(names = "--damage", split = ",", paramLabel = "KIND",
            description = "Damage each form's paper with one of these, drawn at random: fold, stain, crease, shadow,"
                    + " rescan (default: none).")
    List<String> damage = List.of();

    @Override
    public Integer call() throws Exception {
        if ((digitsImages == null) != (digitsLabels == null)) {
            throw new ParameterException(spec.commandLine(), "--digits-images and --digits-labels go together");
        }
        CheckDigits checks = CheckDigits.standard();
        List<FormTemplate> t = new TemplateReader(checks.names()).readAll(templates);
        LabelledDigits digits = digitsImages != null ? Mnist.load(digitsImages, digitsLabels) : Defaults.mnist().test();
        if (!(writingSize > 0)) {
            throw new ParameterException(spec.commandLine(), "--writing-size must be positive, got " + writingSize);
        }
        List<PaperDamage> kinds;
        try {
            kinds = damage.stream().map(PaperDamage::of).toList();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--damage: " + e.getMessage());
        }
        SampleFormGenerator gen = new SampleFormGenerator(digits, checks, ScanDistortion.typical(), emptyFields,
                writingSize).withDamage(kinds);
        var truth = SampleBatchWriter.write(gen, t, forms, seed, out, ScanDistortion.typical());
        Path tf = truthFile != null ? truthFile : out.toAbsolutePath().resolveSibling(out.getFileName() + "-truth.json");
        SampleBatchWriter.writeTruth(truth, tf);
        System.out.printf("Wrote %d form pages and 5 bad inputs to %s; ground truth in %s%n", truth.size(), out, tf);
        return 0;
    }
}
