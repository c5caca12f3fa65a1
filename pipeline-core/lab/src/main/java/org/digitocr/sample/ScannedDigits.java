package org.digitocr.sample;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.digitocr.decode.DecodeException;
import org.digitocr.decode.DecodeLimits;
import org.digitocr.decode.DecodedPage;
import org.digitocr.decode.PageDecoder;
import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FormTemplate;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.normalize.InkMap;
import org.digitocr.normalize.MnistNormalizer;
import org.digitocr.register.FormRegistrar;
import org.digitocr.register.GreyPage;
import org.digitocr.register.Registration;
import org.digitocr.register.RegistrationConfig;
import org.digitocr.register.RegistrationException;
import org.digitocr.segment.DigitCrop;
import org.digitocr.segment.FieldImage;
import org.digitocr.segment.FieldSegments;
import org.digitocr.segment.Segmenter;
import org.digitocr.validate.CheckDigits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training data that looks like what the classifier sees in production: MNIST digits written on generated
 * forms, scanned with distortions, saved as PNG or JPEG, and read back through decoding, registration,
 * segmentation and MNIST normalisation, each labelled with the digit that was written. Digits come from the split
 * it is given, so training, validation and test digits never mix. Only unambiguous cuts are kept (a field whose
 * segmentation had no doubt and found as many digits as were written), so no label lands on a wrong fragment.
 * Besides the digits it makes examples of what segmentation must not take for one digit, labelled
 * {@link LabelledDigits#NOT_A_DIGIT}: two neighbouring digits of a field pushed together until they touch or
 * overlap a little (a cut missed), and the left or right part of a digit cut through (a cut too many; never of
 * a 1, whose parts are still a 1).
 */
public final class ScannedDigits {
    private static final Logger LOG = LoggerFactory.getLogger(ScannedDigits.class);

    private ScannedDigits() {
    }

    /** Share of neighbouring digit pairs also made into a touching-pair example. */
    private static final double PAIR_SHARE = 0.25;
    /** Share of digits (other than 1) also made into a fragment example. */
    private static final double FRAGMENT_SHARE = 0.1;

    /** The digits read off the forms, and the touching pairs and fragments made from them (not digits). */
    public record Harvest(LabelledDigits digits, LabelledDigits notDigits) {
    }

    /** Digits read off {@code forms} generated pages, deterministic for a given seed; spreads over the cores. */
    public static Harvest harvest(LabelledDigits source, List<FormTemplate> templates, int forms, long seed) {
        SampleFormGenerator gen = new SampleFormGenerator(source, CheckDigits.standard(), ScanDistortion.wide(), 0.0);
        FormRegistrar registrar = new FormRegistrar(templates, RegistrationConfig.defaults());
        PageDecoder decoder = new PageDecoder(DecodeLimits.DEFAULTS);
        List<List<Labelled>> perForm = IntStream.range(0, forms).parallel()
                .mapToObj(i -> read(gen, registrar, decoder, templates.get(i % templates.size()),
                        new SplittableRandom(seed * 1_000_003L + i)))
                .toList();
        List<Labelled> digits = new ArrayList<>();
        List<Labelled> notDigits = new ArrayList<>();
        for (List<Labelled> page : perForm) {
            for (Labelled d : page) {
                (d.label == LabelledDigits.NOT_A_DIGIT ? notDigits : digits).add(d);
            }
        }
        long unread = perForm.stream().filter(List::isEmpty).count();
        LOG.info("Read {} labelled digits off {} generated forms ({} gave none), made {} touching pairs and fragments",
                digits.size(), forms, unread, notDigits.size());
        return new Harvest(block(digits), block(notDigits));
    }

    private static LabelledDigits block(List<Labelled> examples) {
        return new LabelledDigits(DigitImages.fromFloats(examples.stream().map(Labelled::pixels).toList()),
                examples.stream().mapToInt(Labelled::label).toArray());
    }

    private static List<Labelled> read(SampleFormGenerator gen, FormRegistrar registrar, PageDecoder decoder,
                                       FormTemplate template, SplittableRandom rnd) {
        GeneratedForm form = gen.generate(template, rnd);
        GreyPage page;
        try {
            byte[] file = rnd.nextBoolean() ? SampleBatchWriter.png(SampleBatchWriter.grey(form.page()))
                    : SampleBatchWriter.jpeg(form.page(), 0.35 + 0.6 * rnd.nextDouble());
            page = GreyPage.of(((DecodedPage.Image) decoder.decode("generated", file).get(0)).image());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DecodeException e) {
            throw new IllegalStateException("a generated page did not decode", e);
        }
        Registration reg;
        try {
            reg = registrar.register(page);
        } catch (RegistrationException e) {
            return List.of();
        }
        Segmenter segmenter = new Segmenter();
        List<Labelled> out = new ArrayList<>();
        for (FieldSpec field : reg.template().fields()) {
            String value = form.values().get(field.name());
            FieldSegments segs = segmenter.segment(FieldImage.cut(page, reg, field, Segmenter.pad(field)), field);
            List<DigitCrop> digits = segs.digits();
            if (segs.doubt() || digits.size() != value.length()) {
                continue;
            }
            for (int i = 0; i < digits.size(); i++) {
                out.add(new Labelled(MnistNormalizer.normalize(digits.get(i).ink()), value.charAt(i) - '0'));
                if (i > 0 && rnd.nextDouble() < PAIR_SHARE) {
                    out.add(new Labelled(MnistNormalizer.normalize(touching(digits.get(i - 1), digits.get(i), rnd)),
                            LabelledDigits.NOT_A_DIGIT));
                }
                if (value.charAt(i) != '1' && rnd.nextDouble() < FRAGMENT_SHARE) {
                    InkMap part = fragment(digits.get(i).ink(), rnd);
                    if (part != null) {
                        out.add(new Labelled(MnistNormalizer.normalize(part), LabelledDigits.NOT_A_DIGIT));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Two digits side by side in one image, the second moved so that the gap between their boxes is between a
     * sixth of their height of overlap and a twentieth of it apart, aligned as they were written.
     */
    static InkMap touching(DigitCrop left, DigitCrop right, SplittableRandom rnd) {
        Box a = left.where();
        Box b = right.where();
        int h = Math.max(a.height(), b.height());
        int gap = (int) Math.round(h * (-1.0 / 6 + (1.0 / 6 + 1.0 / 20) * rnd.nextDouble()));
        // an overlap wider than a narrow left digit (a 1) starts the right one at the left edge, never before it
        int bx = Math.max(0, a.width() + gap);
        int top = Math.min(a.y(), b.y());
        int w = Math.max(a.width(), bx + b.width());
        int height = Math.max(a.y() + a.height(), b.y() + b.height()) - top;
        float[] ink = new float[w * height];
        paste(ink, w, left.ink(), 0, a.y() - top);
        paste(ink, w, right.ink(), bx, b.y() - top);
        return new InkMap(ink, w, height);
    }

    /**
     * The part left or right of a column between 30% and 70% across a digit's ink, or null when that part holds
     * under a fifth of the ink (a speck, not a fragment a wrong cut would leave).
     */
    static InkMap fragment(InkMap digit, SplittableRandom rnd) {
        int cut = (int) Math.round(digit.width() * (0.3 + 0.4 * rnd.nextDouble()));
        boolean left = rnd.nextBoolean();
        int from = left ? 0 : cut;
        int to = left ? cut : digit.width();
        float[] ink = new float[(to - from) * digit.height()];
        double kept = 0;
        double total = 0;
        for (int y = 0; y < digit.height(); y++) {
            for (int x = 0; x < digit.width(); x++) {
                float v = digit.at(x, y);
                total += v;
                if (x >= from && x < to) {
                    ink[y * (to - from) + x - from] = v;
                    kept += v;
                }
            }
        }
        return to - from < 1 || kept < 0.2 * total ? null : new InkMap(ink, to - from, digit.height());
    }

    private static void paste(float[] into, int width, InkMap ink, int x0, int y0) {
        for (int y = 0; y < ink.height(); y++) {
            for (int x = 0; x < ink.width(); x++) {
                int i = (y0 + y) * width + x0 + x;
                into[i] = Math.max(into[i], ink.at(x, y));
            }
        }
    }

    private record Labelled(float[] pixels, int label) {
    }
}
