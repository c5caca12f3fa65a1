package org.digitocr.calibrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.digitocr.decode.DecodeLimits;
import org.digitocr.extract.ExtractionConfig;
import org.digitocr.extract.FieldResult;
import org.digitocr.extract.FormExtractor;
import org.digitocr.extract.ReviewReason;
import org.digitocr.form.FormTemplate;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.register.RegistrationConfig;
import org.digitocr.sample.GeneratedForm;
import org.digitocr.sample.SampleBatchWriter;
import org.digitocr.sample.SampleFormGenerator;
import org.digitocr.sample.ScanDistortion;
import org.digitocr.validate.CheckDigits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Review thresholds fitted where they are used: on the fields of generated forms written with validation digits,
 * scanned as usual, filed as PNG, JPEG or fax, and read by the whole forms pipeline with the calibrated model. A
 * field's confidence there carries what digits alone do not: the scan's blur and turn, a template's field
 * lengths, fields that segmentation or validation send to review anyway.
 *
 * @param digits    the validation digits the forms are written with (none the model trained on)
 * @param digitsName what they are, for the policy's record
 * @param templates the forms' layouts
 * @param forms     how many pages
 * @param seed      of the pages' writing and scanning
 */
public record ValidationForms(LabelledDigits digits, String digitsName, List<FormTemplate> templates, int forms,
                              long seed) {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationForms.class);

    /** What the policy was fitted on, for the model card. */
    public String describe() {
        return "the fields of " + forms + " generated forms (seed " + seed + ") written with " + digitsName
                + ", read by the calibrated model through the forms pipeline";
    }

    /** Reads the forms with {@code classifier} (thread-safe, spread over the cores) and fits the policy. */
    public ReviewPolicy fit(DigitClassifier classifier) {
        SampleFormGenerator gen = new SampleFormGenerator(digits, CheckDigits.standard(), ScanDistortion.typical(), 0);
        ExtractionConfig cfg = new ExtractionConfig(DecodeLimits.DEFAULTS, RegistrationConfig.defaults(), 1.0);
        List<Outcome> read;
        try (FormExtractor extractor = new FormExtractor(templates, classifier, CheckDigits.standard(), cfg)) {
            read = IntStream.range(0, forms).parallel()
                    .mapToObj(i -> read(gen, extractor, i)).flatMap(List::stream).toList();
        }
        int written = IntStream.range(0, forms).map(i -> templates.get(i % templates.size()).fields().size()).sum();
        double[] conf = read.stream().mapToDouble(Outcome::confidence).toArray();
        boolean[] right = new boolean[read.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = read.get(i).right();
        }
        long wrong = read.stream().filter(o -> !o.right()).count();
        LOG.info("Fitting review thresholds on {} of {} fields of {} forms that only confidence could send to review "
                + "({} of them wrong)", conf.length, written, forms, wrong);
        return ReviewPolicyFitter.fit(conf, right, written, describe());
    }

    private record Outcome(double confidence, boolean right) {
    }

    /** Each field of form {@code i} that only its confidence may hold back: how sure, and whether right. */
    private List<Outcome> read(SampleFormGenerator gen, FormExtractor extractor, int i) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
        GeneratedForm form = gen.generate(templates.get(i % templates.size()), rnd);
        byte[] file;
        try {
            file = SampleBatchWriter.scanFile(form.page(), ScanDistortion.typical(), rnd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Outcome> out = new ArrayList<>();
        for (FieldResult f : extractor.extract("validation-form-" + i, file).fields()) {
            if (f.reasons().stream().allMatch(r -> r.code() == ReviewReason.Code.LOW_CONFIDENCE)) {
                out.add(new Outcome(f.confidence(), f.value().equals(form.values().get(f.field()))));
            }
        }
        return out;
    }
}
