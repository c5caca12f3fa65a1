package org.digitocr.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import org.digitocr.image.DigitImages;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.DigitPrediction;
import org.digitocr.model.ModelBundle;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.normalize.InkMap;
import org.digitocr.normalize.MnistNormalizer;
import org.digitocr.segment.DigitCrop;
import org.digitocr.segment.SingleDigitField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code digit-ocr predict}: classifies single-digit image files and prints digit, probability and top-2. Each
 * image is read as the forms pipeline reads a one-digit field, so an image with no ink, or only specks, says so,
 * and a reading below the model's review threshold is flagged for review instead of passing as a digit.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify image files, each holding one handwritten digit (any size, dark-on-light or light-on-dark).")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: the bundled model).")
    Path model;
    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG, JPEG or TIFF files.")
    List<Path> images;

    @Override
    public Integer call() {
        List<Path> ok = new ArrayList<>();
        List<float[]> inputs = new ArrayList<>();
        int failures = 0;
        for (Path p : images) {
            try {
                BufferedImage img = ImageIO.read(p.toFile());
                if (img == null) {
                    System.out.println(p + ": error: not a readable image");
                    failures++;
                    continue;
                }
                List<DigitCrop> digits = SingleDigitField.segment(InkMap.of(img)).digits();
                if (digits.isEmpty()) {
                    System.out.println(p + ": no ink (nothing a form reader would read as a digit: an empty image,"
                            + " or specks and noise only)");
                } else {
                    inputs.add(MnistNormalizer.normalize(digits.get(0).ink()));
                    ok.add(p);
                }
            } catch (Exception e) {
                System.out.println(p + ": error: " + e.getMessage());
                failures++;
            }
        }
        if (!inputs.isEmpty()) {
            float[] batch = new float[inputs.size() * DigitImages.PIXELS];
            for (int i = 0; i < inputs.size(); i++) {
                System.arraycopy(inputs.get(i), 0, batch, i * DigitImages.PIXELS, DigitImages.PIXELS);
            }
            ModelBundle bundle = new ModelBundle(model != null ? model : Defaults.bundledModel());
            double threshold = bundle.readReviewPolicy().threshold(ReviewPolicy.DEFAULT_TARGET);
            try (DigitClassifier classifier = DigitClassifier.load(bundle)) {
                List<DigitPrediction> preds = classifier.classify(batch, inputs.size());
                for (int i = 0; i < preds.size(); i++) {
                    DigitPrediction p = preds.get(i);
                    System.out.printf(Locale.ROOT, "%s: %d (p=%.4f)  second: %d (p=%.4f)%s%n", ok.get(i), p.digit(),
                            p.probability(), p.alternative(), p.alternativeProbability(), p.probability() < threshold
                                    ? String.format(Locale.ROOT, "  REVIEW: below the model's review threshold %.4f,"
                                    + " it may not be a digit", threshold) : "");
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
