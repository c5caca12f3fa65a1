package org.digitocr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.digitocr.extract.ExtractionConfig;
import org.digitocr.extract.FieldResult;
import org.digitocr.extract.FormExtractor;
import org.digitocr.extract.InputFiles;
import org.digitocr.extract.JsonlWriter;
import org.digitocr.extract.Reject;
import org.digitocr.extract.ReviewPolicy;
import org.digitocr.extract.SourceResult;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.register.RegistrationConfig;
import org.digitocr.validate.CheckDigits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digit-ocr extract}: scanned forms in, {@code fields.jsonl} and {@code rejects.jsonl} out. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Read the digit fields of scanned forms (PNG, JPEG, TIFF) into fields.jsonl and rejects.jsonl.")
final class ExtractCommand implements Callable<Integer> {
    @Option(names = "--templates", required = true, split = ",", paramLabel = "DIR_OR_FILE",
            description = "Form template JSON files or directories of them.")
    List<Path> templates;
    @Option(names = "--input", required = true, split = ",", paramLabel = "DIR_OR_FILE",
            description = "Scans: files or directories (searched recursively).")
    List<Path> inputs;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for fields.jsonl and rejects.jsonl.")
    Path output;
    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: the bundled model).")
    Path model;
    @Mixin
    ReviewAndLimitOptions limits = new ReviewAndLimitOptions();

    @Override
    public Integer call() throws IOException {
        CheckDigits checks = CheckDigits.standard();
        List<FormTemplate> forms = new TemplateReader(checks.names()).readAll(templates);
        ModelBundle bundle = new ModelBundle(model != null ? model : Defaults.bundledModel());
        ReviewPolicy policy = bundle.readReviewPolicy();
        List<Path> files = InputFiles.expand(inputs);
        Files.createDirectories(output);
        System.out.printf("Extracting %d files with %d templates (%s), model %s%n", files.size(), forms.size(),
                String.join(", ", forms.stream().map(FormTemplate::name).toList()), bundle.dir());
        int pages = 0, fields = 0, accepted = 0, rejects = 0;
        try (DigitClassifier classifier = DigitClassifier.load(bundle);
             JsonlWriter fieldOut = new JsonlWriter(output.resolve("fields.jsonl"));
             JsonlWriter rejectOut = new JsonlWriter(output.resolve("rejects.jsonl"))) {
            FormExtractor extractor = new FormExtractor(forms, classifier, checks,
                    new ExtractionConfig(limits.maxPixels(), RegistrationConfig.defaults(), policy.threshold(limits.targetError())));
            ProgressBar bar = new ProgressBar(System.out, "extract", files.size());
            long t0 = System.nanoTime();
            int done = 0;
            for (Path f : files) {
                SourceResult r;
                try {
                    r = extractor.extract(f.toString(), Files.readAllBytes(f));
                } catch (NoSuchFileException e) {
                    r = new SourceResult(f.toString(), 0, List.of(), List.of(new Reject(f.toString(), null, "file not found")));
                } catch (IOException e) {
                    r = new SourceResult(f.toString(), 0, List.of(), List.of(new Reject(f.toString(), null, "cannot read: " + e.getMessage())));
                }
                for (FieldResult fr : r.fields()) {
                    fieldOut.write(fr);
                    accepted += fr.needsReview() ? 0 : 1;
                }
                for (Reject rj : r.rejects()) {
                    rejectOut.write(rj);
                }
                pages += r.pages();
                fields += r.fields().size();
                rejects += r.rejects().size();
                bar.update(++done, String.format(Locale.ROOT, "%d fields, %d rejects", fields, rejects));
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            bar.finish(String.format(Locale.ROOT,
                    "%d files, %d pages, %d fields: %d accepted, %d to review; %d rejects; %.2f pages/s",
                    files.size(), pages, fields, accepted, fields - accepted, rejects, pages / Math.max(secs, 1e-9)));
        }
        System.out.println("Wrote " + output.resolve("fields.jsonl") + " and " + output.resolve("rejects.jsonl"));
        return 0;
    }
}
