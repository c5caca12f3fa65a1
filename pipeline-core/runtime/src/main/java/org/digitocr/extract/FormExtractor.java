package org.digitocr.extract;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.digitocr.decode.DecodeException;
import org.digitocr.decode.DecodedPage;
import org.digitocr.decode.PageDecoder;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FieldType;
import org.digitocr.form.FormTemplate;
import org.digitocr.image.DigitImages;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.ModelBundle;
import org.digitocr.model.DigitPrediction;
import org.digitocr.normalize.MnistNormalizer;
import org.digitocr.register.FormRegistrar;
import org.digitocr.register.GreyPage;
import org.digitocr.register.Registration;
import org.digitocr.register.RegistrationException;
import org.digitocr.reject.RejectCode;
import org.digitocr.segment.DigitCrop;
import org.digitocr.segment.FieldImage;
import org.digitocr.segment.FieldSegments;
import org.digitocr.segment.PaperDoubt;
import org.digitocr.segment.Segmenter;
import org.digitocr.validate.AmountGrammar;
import org.digitocr.validate.CheckDigits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forms pipeline for one input file: decode its pages, identify and register each against the templates,
 * segment every field into digits, normalise them MNIST-style, classify all digits of the file in one batch,
 * then assemble, validate (repairing a value whose digits as read fail its check) and decide review. A failure on
 * one page becomes a reject row and never affects the other pages. Thread-safe: the classifier is, and everything
 * else is per call. {@link #open} is how the command-line tool and the Spark job build it.
 */
public final class FormExtractor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FormExtractor.class);

    private final FormRegistrar registrar;
    private final DigitClassifier classifier;
    private final PageDecoder decoder;
    private final FieldValidator validator;
    private final double reviewThreshold;
    private final Segmenter segmenter = new Segmenter();
    private final boolean ownsClassifier;

    /** A pipeline over a classifier the caller owns (and closes). */
    public FormExtractor(List<FormTemplate> templates, DigitClassifier classifier, CheckDigits checks,
                         ExtractionConfig cfg) {
        this(templates, classifier, checks, cfg, false);
    }

    private FormExtractor(List<FormTemplate> templates, DigitClassifier classifier, CheckDigits checks,
                          ExtractionConfig cfg, boolean ownsClassifier) {
        this.ownsClassifier = ownsClassifier;
        this.registrar = new FormRegistrar(templates, cfg.registration());
        this.classifier = classifier;
        this.decoder = new PageDecoder(cfg.limits());
        this.validator = new FieldValidator(checks);
        this.reviewThreshold = cfg.reviewThreshold();
    }

    /**
     * The pipeline of a model: its networks loaded with {@code replicas} replicas each (one per thread that
     * will call {@link #extract} at once), the standard check digits; closing it frees the networks.
     */
    public static FormExtractor open(ModelBundle model, int replicas, List<FormTemplate> templates,
                                     ExtractionConfig cfg) {
        return new FormExtractor(templates, DigitClassifier.load(model, replicas), CheckDigits.standard(), cfg, true);
    }

    @Override
    public void close() {
        if (ownsClassifier) {
            classifier.close();
        }
    }

    /**
     * Reads one file from a local disk, refusing it before reading when it is above the file size limit; a file
     * that cannot be read becomes a reject row with the reason, never an exception.
     */
    public SourceResult extract(Path file) {
        return extract(file.toString(), file, (Instant) null);
    }

    /**
     * Reads a file on a local disk, named {@code source} in its rows (e.g. the URI it was copied from), last
     * modified at {@code modifiedAt} (null: the local file's own time). The file is read as a stream, never held
     * whole in memory: once for its SHA-256, once page by page for the pipeline.
     */
    public SourceResult extract(String source, Path file, Instant modifiedAt) {
        Instant processed = SourceFacts.now();
        SourceFacts facts;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            Instant modified = modifiedAt != null ? modifiedAt : attrs.lastModifiedTime().toInstant();
            String tooLarge = decoder.limits().sizeRefusal(attrs.size());
            if (tooLarge != null) {
                return SourceResult.rejected(source, SourceFacts.unread(attrs.size(), modified, processed),
                        RejectCode.FILE_TOO_LARGE, tooLarge);
            }
            facts = SourceFacts.read(file, modified, processed);
        } catch (NoSuchFileException e) {
            return SourceResult.rejected(source, RejectCode.FILE_NOT_FOUND, "file not found (removed after listing?)");
        } catch (AccessDeniedException e) {
            return SourceResult.rejected(source, RejectCode.PERMISSION_DENIED, "cannot read: permission denied");
        } catch (IOException e) {
            return SourceResult.rejected(source, RejectCode.UNREADABLE_FILE, "cannot read: " + e.getMessage());
        }
        return extract(source, file, facts);
    }

    /**
     * Reads a file on a local disk whose facts (size, time, SHA-256) the caller took already, e.g. while copying
     * it from a remote file system; read page by page as a stream.
     */
    public SourceResult extract(String source, Path file, SourceFacts facts) {
        return read(source, facts, sink -> decoder.decode(source, file, sink));
    }

    public SourceResult extract(String source, byte[] bytes) {
        return read(source, SourceFacts.read(bytes, null, SourceFacts.now()), sink -> decoder.decode(source, bytes, sink));
    }

    /** Decodes a file's pages into a sink (from a file or from bytes). */
    private interface Pages {
        int decode(Consumer<DecodedPage> sink) throws DecodeException;
    }

    private SourceResult read(String source, SourceFacts facts, Pages pagesOf) {
        long t0 = System.nanoTime();
        Clock clock = new Clock();
        List<Reject> rejects = new ArrayList<>();
        List<PageFields> read = new ArrayList<>();
        int pages;
        try {
            // each page is registered and cut into fields as soon as it is decoded, and its pixels dropped
            pages = pagesOf.decode(p -> {
                long s = System.nanoTime();
                readOrReject(source, p, clock, read, rejects);
                clock.pageWork += System.nanoTime() - s;
            });
        } catch (DecodeException e) {
            return SourceResult.rejected(source, facts, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{}: unexpected decoding failure", source, e);
            return SourceResult.rejected(source, facts, RejectCode.CORRUPT_IMAGE, "cannot decode: " + e);
        }
        clock.decode = System.nanoTime() - t0 - clock.pageWork;
        long t1 = System.nanoTime();
        Batch batch = normalise(read);
        long t2 = System.nanoTime();
        List<FieldResult> fields = assembleFields(source, read, classify(batch));
        StageTimes times = new StageTimes(clock.decode, clock.register, clock.segment + (t2 - t1), System.nanoTime() - t2);
        return new SourceResult(source, pages, fields, rejects, times, facts);
    }

    private void readOrReject(String source, DecodedPage p, Clock clock, List<PageFields> read, List<Reject> rejects) {
        if (p instanceof DecodedPage.Failed f) {
            rejects.add(new Reject(source, f.page(), f.code(), f.reason()));
            return;
        }
        DecodedPage.Image img = (DecodedPage.Image) p;
        try {
            read.add(readPage(source, img, clock));
        } catch (RegistrationException e) {
            rejects.add(new Reject(source, img.page(), e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("{} page {}: failed", source, img.page(), e);
            rejects.add(new Reject(source, img.page(), RejectCode.PROCESSING_FAILED, "processing failed: " + e));
        }
    }

    /** Registers and segments one page, adding the time of each to the clock. */
    private PageFields readPage(String source, DecodedPage.Image img, Clock clock) throws RegistrationException {
        long t0 = System.nanoTime();
        GreyPage page = GreyPage.of(img.image());
        Registration reg;
        try {
            reg = registrar.register(page);
        } finally {
            clock.register += System.nanoTime() - t0;
        }
        long turned = 90 * Math.round(reg.rotationDegrees() / 90);
        if (turned != 0) {
            LOG.info("{} page {}: fed turned by {} degrees, read the right way round", source, img.page(), turned);
        }
        long t1 = System.nanoTime();
        List<FieldImage> cuts = new ArrayList<>();
        List<FieldSegments> segs = new ArrayList<>();
        for (FieldSpec f : reg.template().fields()) {
            FieldImage cut = FieldImage.cut(page, reg, f, Segmenter.pad(f));
            cuts.add(cut);
            segs.add(segmenter.segment(cut, f));
        }
        clock.segment += System.nanoTime() - t1;
        return new PageFields(img.page(), reg, cuts, segs);
    }

    /** Where a candidate reading of a field came from: the page (its index in the file's read pages) and field. */
    private record CandidateKey(int page, int field, int candidate) {
    }

    /** Every digit of every candidate reading of the file, MNIST-normalised, each with its candidate's key. */
    private record Batch(float[] pixels, List<CandidateKey> keys) {
    }

    private static Batch normalise(List<PageFields> pages) {
        List<CandidateKey> keys = new ArrayList<>();
        List<DigitCrop> crops = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            List<FieldSegments> segs = pages.get(p).segments();
            for (int f = 0; f < segs.size(); f++) {
                List<FieldSegments.Candidate> cands = segs.get(f).candidates();
                for (int c = 0; c < cands.size(); c++) {
                    for (DigitCrop d : cands.get(c).digits()) {
                        keys.add(new CandidateKey(p, f, c));
                        crops.add(d);
                    }
                }
            }
        }
        float[] pixels = new float[crops.size() * DigitImages.PIXELS];
        for (int k = 0; k < crops.size(); k++) {
            System.arraycopy(MnistNormalizer.normalize(crops.get(k).ink()), 0, pixels, k * DigitImages.PIXELS,
                    DigitImages.PIXELS);
        }
        return new Batch(pixels, keys);
    }

    /** The file's digits classified in one call, gathered per candidate reading in the order of its digits. */
    private Map<CandidateKey, List<DigitPrediction>> classify(Batch batch) {
        int count = batch.keys().size();
        List<DigitPrediction> preds = count == 0 ? List.of() : classifier.classify(batch.pixels(), count);
        Map<CandidateKey, List<DigitPrediction>> byCandidate = new HashMap<>();
        for (int k = 0; k < count; k++) {
            byCandidate.computeIfAbsent(batch.keys().get(k), x -> new ArrayList<>()).add(preds.get(k));
        }
        return byCandidate;
    }

    private List<FieldResult> assembleFields(String source, List<PageFields> pages,
                                             Map<CandidateKey, List<DigitPrediction>> read) {
        List<FieldResult> out = new ArrayList<>();
        for (int pi = 0; pi < pages.size(); pi++) {
            PageFields p = pages.get(pi);
            List<FieldSpec> specs = p.registration().template().fields();
            for (int i = 0; i < specs.size(); i++) {
                FieldSegments s = p.segments().get(i);
                List<List<DigitPrediction>> predictions = new ArrayList<>();
                List<List<DigitReading>> readings = new ArrayList<>();
                for (int c = 0; c < s.candidates().size(); c++) {
                    List<DigitPrediction> preds = read.getOrDefault(new CandidateKey(pi, i, c), List.of());
                    predictions.add(preds);
                    readings.add(preds.stream().map(DigitReading::of).toList());
                }
                FieldSpec spec = specs.get(i);
                ReadingChoice.Choice choice = ReadingChoice.best(s, readings, v -> validator.fitsPattern(spec, v));
                List<Integer> path = choice.path();
                List<DigitPrediction> digits = new ArrayList<>();
                List<DigitReading> digitReadings = new ArrayList<>();
                List<DigitCrop> crops = new ArrayList<>();
                for (int c : path) {
                    digits.addAll(predictions.get(c));
                    digitReadings.addAll(readings.get(c));
                    crops.addAll(s.candidates().get(c).digits());
                }
                List<String> notes = new ArrayList<>(s.notes());
                boolean doubt = s.doubt();
                List<FieldSegments.Candidate> preferredPath = s.preferredPath();
                if (choice.fitted()) {
                    notes.add("read as " + digits.size() + " digit(s) to fit the pattern, "
                            + digitCount(candidates(s, choice.mostProbable())) + " by recognition alone");
                    doubt = true;
                } else if (!candidates(s, path).equals(preferredPath)) {
                    int preferred = digitCount(preferredPath);
                    notes.add(digits.size() == preferred ? "strokes cut or joined otherwise by recognition"
                            : "read as " + digits.size() + " digit(s) instead of " + preferred + " by recognition");
                    doubt = true;
                }
                out.add(assemble(source, p, spec, p.cuts().get(i), doubt, notes, crops, digits, digitReadings,
                        s.separators(), s.paper()));
            }
        }
        return out;
    }

    private static List<FieldSegments.Candidate> candidates(FieldSegments s, List<Integer> path) {
        return path.stream().map(s.candidates()::get).toList();
    }

    private static int digitCount(List<FieldSegments.Candidate> path) {
        return path.stream().mapToInt(c -> c.digits().size()).sum();
    }

    private FieldResult assemble(String source, PageFields p, FieldSpec spec, FieldImage cut, boolean doubt,
                                 List<String> notes, List<DigitCrop> crops, List<DigitPrediction> predictions,
                                 List<DigitReading> digits, List<FieldSegments.Separator> separators,
                                 List<PaperDoubt> paper) {
        StringBuilder value = new StringBuilder();
        digits.forEach(d -> value.append(d.digit()));
        String read = value.toString();
        AmountGrammar.Reading amount = spec.type() instanceof FieldType.Amount && crops.size() == digits.size()
                ? AmountGrammar.read(written(read, crops, separators)) : null;
        List<double[]> distributions = predictions.stream().map(DigitPrediction::distribution).toList();
        List<ReviewReason.Code> readFailures = validator.failures(spec, read);
        String repair = readFailures.isEmpty() || digits.isEmpty() ? null
                : validator.repair(spec, read, distributions).orElse(null);
        String v = repair != null ? repair : amount != null ? amount.value() : read;
        List<ReviewReason.Code> failures = repair != null ? List.of() : readFailures;
        double confidence = validator.confidence(spec, repair != null ? repair : read, distributions);
        List<ReviewReason> reasons = new ArrayList<>();
        if (digits.isEmpty()) {
            reasons.add(ReviewReason.of(ReviewReason.Code.EMPTY));
        }
        failures.forEach(code -> reasons.add(ReviewReason.of(code)));
        if (repair != null) {
            reasons.add(new ReviewReason(ReviewReason.Code.REPAIRED, FieldValidator.describeRepair(read, repair,
                    readFailures, spec)));
        }
        if (amount != null && !amount.wellFormed()) {
            reasons.add(new ReviewReason(ReviewReason.Code.AMOUNT_GROUPING, amount.doubt()));
        }
        if (amount != null && amount.value().contains(".")) {
            // paise are rare, and a speck taken for the point makes the amount a hundredth of what is written
            notes.add("a decimal point");
            doubt = true;
        }
        if (doubt) {
            reasons.add(new ReviewReason(ReviewReason.Code.SEGMENTATION_DOUBT,
                    String.join(", ", notes.stream().distinct().toList())));
        }
        paper.forEach(d -> reasons.add(new ReviewReason(switch (d.kind()) {
            case STRAY_LINE -> ReviewReason.Code.STRAY_LINE;
            case UNEVEN_PAPER -> ReviewReason.Code.UNEVEN_PAPER;
        }, d.detail())));
        if (!digits.isEmpty() && confidence < reviewThreshold) {
            reasons.add(ReviewReason.of(ReviewReason.Code.LOW_CONFIDENCE));
        }
        boolean review = !reasons.isEmpty();
        FormTemplate template = p.registration().template();
        return new FieldResult(source, p.page(), template.name(), template.sha256(), spec.name(), v, confidence,
                digits, failures.isEmpty(), review, List.copyOf(reasons), repair,
                review ? ReviewCrop.jpeg(cut, crops) : null, review && crops.size() == digits.size()
                        ? crops.stream().map(c -> DigitImages.fromFloats(List.of(MnistNormalizer.normalize(c.ink()))).pixels())
                        .toList()
                        : null);
    }

    /**
     * An amount as written: its digits, and each separator between the two digits its centre falls between; one
     * before the first digit or after the last is kept there, for the grammar to doubt.
     */
    static String written(String digits, List<DigitCrop> crops, List<FieldSegments.Separator> separators) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i <= digits.length(); i++) {
            double from = i == 0 ? Double.NEGATIVE_INFINITY : centre(crops.get(i - 1));
            double to = i == digits.length() ? Double.POSITIVE_INFINITY : centre(crops.get(i));
            for (FieldSegments.Separator sep : separators) {
                if (sep.x() >= from && sep.x() < to) {
                    out.append(sep.mark());
                }
            }
            if (i < digits.length()) {
                out.append(digits.charAt(i));
            }
        }
        return out.toString();
    }

    private static double centre(DigitCrop c) {
        return c.where().x() + c.where().width() / 2.0;
    }

    /** Nanoseconds spent per stage on the file being read. */
    private static final class Clock {
        long decode;
        long pageWork;
        long register;
        long segment;
    }

    private record PageFields(int page, Registration registration, List<FieldImage> cuts, List<FieldSegments> segments) {
    }
}
