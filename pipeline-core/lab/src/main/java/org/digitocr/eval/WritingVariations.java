package org.digitocr.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.DigitPrediction;
import org.digitocr.normalize.InkMap;
import org.digitocr.normalize.MnistNormalizer;
import org.digitocr.sample.HandStyles;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;
import static org.bytedeco.opencv.global.opencv_ximgproc.THINNING_ZHANGSUEN;
import static org.bytedeco.opencv.global.opencv_ximgproc.thinning;

/**
 * How the classifier holds up when the same digits are written otherwise than MNIST's writers wrote them:
 * redrawn along their own skeleton with a finer or broader pen, or slanted further. Each digit is enlarged four
 * times, changed with OpenCV (Zhang-Suen thinning then a round pen, or a shear) and normalised the MNIST way again,
 * so only the writing changes. MNIST test alone cannot say whether a ballpoint, a felt-tip or a strongly slanted
 * hand is read as well; this does, for the shapes MNIST's writers made, for the strokes other schools add to
 * them ({@link HandStyles}: a 1 with a flag and a foot, a crossed 7, a closed 4, a straight-stemmed 9), and for
 * digits captured on a coarse grid in black and white, as form readers and fax machines capture them.
 */
public final class WritingVariations {
    /** Enlargement before the writing is changed, so that a pen can be a few pixels wide. */
    private static final int SCALE = 4;
    private static final int SIDE = DigitImages.SIDE * SCALE;
    /** Pen widths tried, as a share of the 20 px box MNIST fits a digit into; MNIST's own pens are about 0.12. */
    private static final double[] PENS = {0.04, 0.08, 0.12, 0.16, 0.24};
    /** Extra slants tried, as horizontal shift per unit of height (0.6 is about 31 degrees), both ways. */
    private static final double[] SLANTS = {-0.6, -0.3, 0.3, 0.6};

    /** The grid a capture shrinks a digit onto, as coarse as the USPS and Semeion digits' 16x16. */
    private static final int CAPTURE_CELLS = 16;
    /** Captures tried: shape kept (0), or stretched to fill a tall cell or a square, as size-normalising readers do. */
    private static final double[] FILLS = {0, 0.7, 1.0};

    private WritingVariations() {
    }

    /** One way of rewriting the digits and how many of them the classifier read right. */
    public record Variation(String name, int right, int total) {
        public double accuracy() {
            return total == 0 ? Double.NaN : right / (double) total;
        }
    }

    /** The strokes of other hands measured, each on the digits of its class ({@link HandStyles}). */
    private static final List<List<HandStyles.Stroke>> HANDS = List.of(
            List.of(HandStyles.Stroke.ONE_FLAG), List.of(HandStyles.Stroke.ONE_FLAG, HandStyles.Stroke.ONE_FOOT),
            List.of(HandStyles.Stroke.SEVEN_BAR), List.of(HandStyles.Stroke.FOUR_CLOSED_TOP),
            List.of(HandStyles.Stroke.NINE_STRAIGHT_STEM), List.of(HandStyles.Stroke.TWO_LOOP));

    /**
     * The digits as written, then each pen width and each slant, then each stroke of other hands on the digits of
     * its class, then each capture on a coarse grid ({@link HandStyles#captured}), in that order.
     */
    public static List<Variation> measure(DigitClassifier classifier, LabelledDigits digits) {
        List<Variation> out = new ArrayList<>();
        out.add(read(classifier, digits, "as written", Mat::clone));
        for (double pen : PENS) {
            int px = (int) Math.max(1, Math.round(pen * MnistNormalizer.BOX * SCALE));
            out.add(read(classifier, digits, String.format(Locale.ROOT, "pen %.2f of the box", pen),
                    m -> redraw(m, px)));
        }
        for (double slant : SLANTS) {
            out.add(read(classifier, digits, String.format(Locale.ROOT, "slant %+.1f (%+.0f deg)", slant,
                    Math.toDegrees(Math.atan(slant))), m -> shear(m, slant)));
        }
        for (List<HandStyles.Stroke> strokes : HANDS) {
            out.add(withStrokes(classifier, digits, strokes));
        }
        for (double fill : FILLS) {
            String name = CAPTURE_CELLS + "-cell grid, " + (fill == 0 ? "as drawn"
                    : fill == 1 ? "square cell" : String.format(Locale.ROOT, "cell %.1f wide", fill));
            out.add(count(classifier, digits, name, px -> HandStyles.captured(px, 0, CAPTURE_CELLS, fill)));
        }
        return out;
    }

    /** The digits of the strokes' class, each redrawn with those strokes added (fixed seed). */
    private static Variation withStrokes(DigitClassifier classifier, LabelledDigits digits,
                                         List<HandStyles.Stroke> strokes) {
        int digit = strokes.get(0).digit();
        String name = digit + " with " + strokes.stream().map(s -> s.name().toLowerCase(Locale.ROOT)
                .substring(s.name().indexOf('_') + 1).replace('_', ' ')).collect(Collectors.joining(" and "));
        LabelledDigits ofClass = digits.select(IntStream.range(0, digits.size())
                .filter(i -> digits.labels()[i] == digit).toArray());
        SplittableRandom rnd = new SplittableRandom(17);
        HandStyles.Stroke[] drawn = strokes.toArray(HandStyles.Stroke[]::new);
        return count(classifier, ofClass, name, px -> HandStyles.withStrokes(px, 0, rnd, drawn));
    }

    /** The digits enlarged, changed with OpenCV and normalised the MNIST way again. */
    private static Variation read(DigitClassifier classifier, LabelledDigits digits, String name,
                                  UnaryOperator<Mat> change) {
        return count(classifier, digits, name, px -> {
            try (Mat small = toMat(px, DigitImages.SIDE, DigitImages.SIDE); Mat big = new Mat()) {
                resize(small, big, new Size(SIDE, SIDE), 0, 0, INTER_LINEAR);
                try (Mat changed = change.apply(big)) {
                    return MnistNormalizer.normalize(toInk(changed));
                }
            }
        });
    }

    /** How many of the digits, each rewritten by {@code rewrite} (784 floats in, 784 out), the classifier reads right. */
    private static Variation count(DigitClassifier classifier, LabelledDigits digits, String name,
                                   UnaryOperator<float[]> rewrite) {
        int n = digits.size();
        if (n == 0) {
            return new Variation(name, 0, 0);
        }
        float[] batch = new float[n * DigitImages.PIXELS];
        float[] px = new float[DigitImages.PIXELS];
        for (int i = 0; i < n; i++) {
            digits.images().toFloats(i, px, 0);
            System.arraycopy(rewrite.apply(px), 0, batch, i * DigitImages.PIXELS, DigitImages.PIXELS);
        }
        List<DigitPrediction> p = classifier.classify(batch, n);
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += p.get(i).digit() == digits.labels()[i] ? 1 : 0;
        }
        return new Variation(name, right, n);
    }

    /** The digit's skeleton drawn with a round pen {@code px} wide. */
    private static Mat redraw(Mat ink, int px) {
        try (Mat above = new Mat(); Mat binary = new Mat(); Mat skeleton = new Mat(); Mat drawn = new Mat();
             Mat pen = getStructuringElement(MORPH_ELLIPSE, new Size(px, px))) {
            threshold(ink, above, 0.5, 255, THRESH_BINARY);
            above.convertTo(binary, CV_8UC1);
            thinning(binary, skeleton, THINNING_ZHANGSUEN);
            dilate(skeleton, drawn, pen);
            Mat out = new Mat();
            drawn.convertTo(out, CV_32FC1, 1 / 255.0, 0);
            return out;
        }
    }

    /** The digit sheared about its middle row, on a canvas wide enough to keep all of it. */
    private static Mat shear(Mat ink, double slant) {
        int pad = (int) Math.ceil(Math.abs(slant) * ink.rows() / 2) + 1;
        try (Mat m = new Mat(2, 3, CV_64FC1)) {
            try (DoubleIndexer a = m.createIndexer()) {
                a.put(0, 0, 1);
                a.put(0, 1, slant);
                a.put(0, 2, pad - slant * ink.rows() / 2.0);
                a.put(1, 0, 0);
                a.put(1, 1, 1);
                a.put(1, 2, 0);
            }
            Mat out = new Mat();
            warpAffine(ink, out, m, new Size(ink.cols() + 2 * pad, ink.rows()), INTER_LINEAR, BORDER_CONSTANT,
                    new Scalar(0.0));
            return out;
        }
    }

    private static Mat toMat(float[] px, int w, int h) {
        Mat m = new Mat(h, w, CV_32FC1);
        try (FloatIndexer idx = m.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    idx.put(y, x, px[y * w + x]);
                }
            }
        }
        return m;
    }

    private static InkMap toInk(Mat m) {
        float[] ink = new float[m.rows() * m.cols()];
        try (FloatIndexer idx = m.createIndexer()) {
            for (int y = 0; y < m.rows(); y++) {
                for (int x = 0; x < m.cols(); x++) {
                    ink[y * m.cols() + x] = Math.max(0f, Math.min(1f, idx.get(y, x)));
                }
            }
        }
        return new InkMap(ink, m.cols(), m.rows());
    }
}
