package org.digitocr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.digitocr.extract.ExtractionConfig;
import org.digitocr.extract.FieldResult;
import org.digitocr.extract.FormExtractor;
import org.digitocr.extract.InputListing;
import org.digitocr.extract.JsonlWriter;
import org.digitocr.extract.OutputPlace;
import org.digitocr.extract.RunOutput;
import org.digitocr.extract.Reject;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.extract.SkippedInputs;
import org.digitocr.extract.SourceResult;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.provenance.BuildInfo;
import org.digitocr.register.RegistrationConfig;
import org.digitocr.report.RunCounts;
import org.digitocr.report.RunReport;
import org.digitocr.report.RunStats;
import org.digitocr.report.RunStatsCollector;
import org.digitocr.review.ReviewFiles;
import org.digitocr.review.ReviewRun;
import org.digitocr.validate.CheckDigits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code digit-ocr extract}: scanned forms in; {@code fields.jsonl} (the crops and digit images of fields to review
 * in {@code review/}), {@code rejects.jsonl}, {@code summary.json} and the run report ({@code report/report.html}) out.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Read the digit fields of scanned forms (PNG, JPEG, TIFF) into fields.jsonl and rejects.jsonl,"
                + " with summary.json and a run report (report/report.html).")
final class ExtractCommand implements Callable<Integer> {
    static final String SUMMARY = "summary.json";
    static final String FIELDS = ReviewRun.FIELDS;
    static final String REJECTS = "rejects.jsonl";
    static final String REPORT = "report";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--templates", required = true, split = ",", paramLabel = "DIR_OR_FILE",
            description = "Form template JSON files or directories of them.")
    List<Path> templates;
    @Option(names = "--input", required = true, split = ",", paramLabel = "DIR_OR_FILE",
            description = "Scans: files or directories (searched recursively).")
    List<Path> inputs;
    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Directory for fields.jsonl, rejects.jsonl, summary.json and report/.")
    Path output;
    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: the bundled forms model, data/models/forms-cnn).")
    Path model;
    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id on every row, what corrections are keyed by (default: the UTC start time, e.g. 20261124T220000Z).")
    String runId;
    @Mixin
    ReviewAndLimitOptions limits = new ReviewAndLimitOptions();

    /** A path as the file system resolves it (links followed where it exists), for comparing outputs with inputs. */
    private static String place(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    @Override
    public Integer call() throws IOException {
        limits.validated();
        OutputPlace.conflict(place(output), inputs.stream().map(ExtractCommand::place).toList(), true)
                .ifPresent(problem -> {
                    throw new IllegalArgumentException(problem);
                });
        CheckDigits checks = CheckDigits.standard();
        List<FormTemplate> forms = new TemplateReader(checks.names()).readAll(templates);
        ModelBundle bundle = new ModelBundle(model != null ? model : Defaults.formsModel());
        ReviewPolicy policy = bundle.readReviewPolicy();
        try (RunOutput out = RunOutput.open(output)) {
            InputListing.Listing listing = InputListing.list(inputs, output);
            List<InputListing.Entry> files = listing.entries();
            System.out.printf("Extracting %d files with %d templates (%s), model %s%n", files.size(), forms.size(),
                    String.join(", ", forms.stream().map(FormTemplate::name).toList()), bundle.dir());
            SkippedInputs skipped = SkippedInputs.of(listing.skipped());
            if (skipped.count() > 0) {
                System.out.printf("Skipped %d entries, listed in %s: %s%n", skipped.count(), output.resolve(SUMMARY),
                        skipped.byReason());
            }
            double threshold = policy.threshold(limits.targetError());
            RunStatsCollector stats = new RunStatsCollector();
            String started = Instant.now().toString();
            double secs;
            Files.createDirectories(out.staged(ReviewFiles.DIR));
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("run_id", runId != null ? runId : RUN_ID.format(Instant.now()));
            provenance.putAll(JsonlWriter.provenance(bundle.identity()));
            try (FormExtractor extractor = FormExtractor.open(bundle, 1, forms,
                    new ExtractionConfig(limits.decodeLimits(), RegistrationConfig.defaults(), threshold));
                 JsonlWriter fieldOut = new JsonlWriter(out.staged(FIELDS), provenance);
                 JsonlWriter rejectOut = new JsonlWriter(out.staged(REJECTS), provenance)) {
                ProgressBar bar = new ProgressBar(System.out, "extract", files.size());
                long t0 = System.nanoTime();
                int done = 0;
                for (InputListing.Entry f : files) {
                    SourceResult r = f.refused() ? SourceResult.rejected(f.path().toString(), f.code(), f.refusal())
                            : extractor.extract(f.path());
                    for (FieldResult fr : r.fields()) {
                        fieldOut.write(fr, r.facts(), ReviewFiles.write(out.staged(ReviewFiles.DIR), fr));
                    }
                    for (Reject rj : r.rejects()) {
                        rejectOut.write(rj, r.facts());
                    }
                    stats.add(r);
                    RunCounts c = stats.counts(0);
                    bar.update(++done, String.format(Locale.ROOT, "%d fields, %d rejects", c.fields(), c.rejects()));
                }
                secs = (System.nanoTime() - t0) / 1e9;
                RunCounts c = stats.counts(secs);
                bar.finish(String.format(Locale.ROOT,
                        "%d files, %d pages, %d fields: %d accepted, %d to review; %d rejects; %.2f pages/s",
                        c.files(), c.pages(), c.fields(), c.accepted(), c.review(), c.rejects(), c.pagesPerSecond()));
                System.out.println("Time by stage: " + c.stageShares());
            }
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("started", started);
            facts.put("input", inputs.toString());
            facts.put("templates", String.join(", ", forms.stream().map(FormTemplate::name).toList()));
            facts.put("model", bundle.dir() + " (" + provenance.get("model_id") + ")");
            facts.put("target error", String.valueOf(limits.targetError()));
            facts.put("digit-ocr", BuildInfo.current().version());
            RunStats run = stats.stats("Extraction run " + started, facts, secs, threshold);
            RunCounts.Verdict verdict = RunCounts.verdict(run.counts().files(), run.counts().fields(),
                    run.counts().filesWithRejects(), limits.maxRejectRate());
            ObjectNode summary = JSON.valueToTree(run.counts());
            summary.set("skipped", JSON.valueToTree(skipped));
            JSON.writeValue(out.staged(SUMMARY).toFile(), summary);
            RunReport.write(run, out.staged(REPORT));
            out.publish(List.of(ReviewFiles.DIR, FIELDS, REJECTS, REPORT, SUMMARY));
            System.out.println("Wrote " + output.resolve(FIELDS) + ", " + output.resolve(REJECTS) + " and "
                    + output.resolve(SUMMARY));
            System.out.println("Report: " + output.resolve(REPORT).resolve(RunReport.HTML));
            if (verdict.problem() != null) {
                System.err.println("error: " + verdict.problem() + " (see " + output.resolve(REJECTS) + ")");
            }
            return verdict.exitCode();
        }
    }
}
