package org.digitocr.sample;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.digitocr.form.FieldSpec;
import org.digitocr.form.FormTemplate;
import org.digitocr.image.LabelledDigits;
import org.digitocr.validate.CheckDigits;

/**
 * Makes realistic forms: prints a template, fills its fields with handwritten MNIST digits in a random pen, and
 * scans it with random distortions. Deterministic for a given seed. Samples and tests write MNIST test digits;
 * {@link ScannedDigits} writes training digits to make training data.
 */
public final class SampleFormGenerator {
    private static final Color[] PENS = {new Color(20, 20, 25), new Color(20, 40, 140), new Color(35, 35, 90),
            new Color(60, 60, 60)};

    private final Handwriting handwriting;
    private final CheckDigits checks;
    private final ScanDistortion distortion;
    private final double emptyFieldProbability;
    private final List<PaperDamage> damage;

    public SampleFormGenerator(LabelledDigits digits, CheckDigits checks, ScanDistortion distortion,
                               double emptyFieldProbability) {
        this(digits, checks, distortion, emptyFieldProbability, Handwriting.USUAL_SIZE);
    }

    /** As above, with digits written {@code writingSize} times their usual size ({@link Handwriting}). */
    public SampleFormGenerator(LabelledDigits digits, CheckDigits checks, ScanDistortion distortion,
                               double emptyFieldProbability, double writingSize) {
        this(new Handwriting(digits, writingSize), checks, distortion, emptyFieldProbability, List.of());
    }

    private SampleFormGenerator(Handwriting handwriting, CheckDigits checks, ScanDistortion distortion,
                                double emptyFieldProbability, List<PaperDamage> damage) {
        this.handwriting = handwriting;
        this.checks = checks;
        this.distortion = distortion;
        this.emptyFieldProbability = emptyFieldProbability;
        this.damage = List.copyOf(damage);
    }

    /** The same generator, each form's paper given one of {@code kinds} (drawn at random; none when empty). */
    public SampleFormGenerator withDamage(List<PaperDamage> kinds) {
        return new SampleFormGenerator(handwriting, checks, distortion, emptyFieldProbability, kinds);
    }

    public GeneratedForm generate(FormTemplate template, SplittableRandom rnd) {
        int tone = distortion.maxPaperTone() == 0 ? 0 : rnd.nextInt(distortion.maxPaperTone() + 1);
        Color paper = new Color(255 - tone / 3, 255 - tone / 2, 255 - tone);
        BufferedImage form = FormRenderer.blank(template, paper);
        Color pen = PENS[rnd.nextInt(PENS.length)];
        Map<String, String> values = new LinkedHashMap<>();
        Graphics2D g = form.createGraphics();
        for (FieldSpec f : template.fields()) {
            String v = rnd.nextDouble() < emptyFieldProbability ? "" : FieldValues.random(f, checks, rnd);
            handwriting.write(g, f, v, pen, rnd);
            values.put(f.name(), v);
        }
        g.dispose();
        PaperDamage harm = damage.isEmpty() ? null : damage.get(rnd.nextInt(damage.size()));
        if (harm != null && harm.onPaper()) {
            form = harm.apply(form, rnd);
        }
        ScanSimulator.Scan scan = ScanSimulator.scan(form, distortion, rnd);
        BufferedImage page = harm != null && !harm.onPaper() ? harm.apply(scan.page(), rnd) : scan.page();
        return new GeneratedForm(page, template.name(), Collections.unmodifiableMap(values), scan.formToPage());
    }
}
