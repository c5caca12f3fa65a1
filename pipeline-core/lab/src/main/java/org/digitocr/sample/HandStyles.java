package org.digitocr.sample;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.normalize.InkMap;
import org.digitocr.normalize.MnistNormalizer;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.findNonZero;
import static org.bytedeco.opencv.global.opencv_core.sumElems;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponents;
import static org.bytedeco.opencv.global.opencv_imgproc.convexHull;
import static org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_ximgproc.THINNING_ZHANGSUEN;
import static org.bytedeco.opencv.global.opencv_ximgproc.thinning;

/**
 * Rewrites an MNIST digit the way people who are not MNIST's writers write it, so that training and calibration
 * see those hands: the digit is enlarged, thinned to its skeleton (OpenCV), given the strokes other school
 * traditions add (a flag and a foot on a 1, a bar across a 7, a closed top on a 4, a straight stem on a 9, a
 * loop on a 2), redrawn with a pen from a fine ballpoint to a broad felt-tip, sometimes blurred, and sometimes
 * captured the way form readers and fax machines do it: shrunk onto a coarse grid of 12 to 32 cells and
 * thresholded to black and white. The result is normalised the MNIST way again. Stateless; the caller owns the
 * random stream.
 */
public final class HandStyles {
    /** What the styles are, for model cards. */
    public static final String DESCRIPTION = "MNIST digits redrawn along their skeleton (OpenCV Zhang-Suen) with"
            + " class strokes of other hands (1: flag 75% at 30-65 degrees, foot 45%; 7: bar 50%; 4: closed top 35%;"
            + " 9: straight stem 40%; 2: loop 30%), a pen 0.05-0.50 of the box wide (60%, else the digit's own width;"
            + " narrowed until it fills none of the digit's loops and at most half the paper between its strokes),"
            + " Gaussian blur (25%), capture on a coarse grid of 12-32 cells thresholded to black and white (40%)";
    private static final int SCALE = 4;
    private static final int PAD = 16;
    private static final int SIDE = DigitImages.SIDE * SCALE + 2 * PAD;
    /** Pen widths as a share of the 20 px box MNIST fits a digit into (MNIST's own pens are about 0.12). */
    private static final double MIN_PEN = 0.05;
    private static final double MAX_PEN = 0.50;

    private HandStyles() {
    }

    /** A restyled copy of one 784-float digit with its label ({@link LabelledDigits#NOT_A_DIGIT}: no class strokes). */
    public static float[] restyle(float[] digit, int offset, int label, SplittableRandom rnd) {
        try (Skeleton sk = Skeleton.of(digit, offset)) {
            if (sk.strokes.length == 0) {
                return copy(digit, offset);
            }
            for (Stroke s : Stroke.values()) {
                if (s.digit == label && rnd.nextDouble() < s.share) {
                    draw(sk.mat, sk.strokes, s, rnd);
                }
            }
            int pen = rnd.nextDouble() < 0.6
                    ? (int) Math.round((MIN_PEN + rnd.nextDouble() * (MAX_PEN - MIN_PEN)) * MnistNormalizer.BOX * SCALE)
                    : sk.ownPen();
            double blur = rnd.nextDouble() < 0.25 ? 1 + rnd.nextDouble() * 3 : 0;
            int cells = rnd.nextDouble() < 0.4 ? 12 + rnd.nextInt(21) : 0;
            Capture capture = cells == 0 ? null : new Capture(cells, 0.3 + rnd.nextDouble() * 0.3, 0);
            return MnistNormalizer.normalize(new InkMap(sk.drawn(pen, blur, capture), SIDE, SIDE));
        }
    }

    /**
     * Every digit of {@code digits} restyled once, with the same labels (in parallel; digit i always draws from
     * its own stream, seeded by {@code seed} and i, so the result does not depend on the threads).
     */
    public static LabelledDigits restyleAll(LabelledDigits digits, long seed) {
        List<float[]> out = IntStream.range(0, digits.size()).parallel().mapToObj(i -> restyle(digits, i, seed))
                .toList();
        return new LabelledDigits(DigitImages.fromFloats(out), digits.labels().clone());
    }

    /**
     * Digit {@code i} of {@code digits} restyled from its own stream (seeded by {@code seed} and i): what
     * {@link #restyleAll} makes of it, wherever it is computed (a Spark executor restyles its share this way).
     */
    public static float[] restyle(LabelledDigits digits, int i, long seed) {
        float[] px = new float[DigitImages.PIXELS];
        digits.images().toFloats(i, px, 0);
        return restyle(px, 0, digits.labels()[i], new SplittableRandom(seed * 1_000_003L + i));
    }

    /**
     * One 784-float digit in its own pen, captured on a grid of {@code cells} cells and thresholded at 0.45, with
     * {@code fill > 0} stretched to fill a box {@code fill} as wide as high ({@link Capture}); normalised the MNIST
     * way again.
     */
    public static float[] captured(float[] digit, int offset, int cells, double fill) {
        try (Skeleton sk = Skeleton.of(digit, offset)) {
            Capture capture = new Capture(cells, 0.45, fill);
            return MnistNormalizer.normalize(new InkMap(sk.drawn(sk.ownPen(), 0, capture), SIDE, SIDE));
        }
    }

    /**
     * How a form reader or fax machine captures a digit: shrunk onto a grid whose longer side has {@code cells}
     * cells and thresholded at {@code level} (of full ink). With {@code fill > 0} the grid is {@code fill} as wide
     * as it is high and the digit is stretched to fill it whatever its own shape, as readers that size-normalise
     * every character to one box do (NIST's form software, the USPS and Semeion digits): a 1 comes back as broad as
     * the other digits.
     */
    record Capture(int cells, double level, double fill) {
        /** Captures {@code ink} in place, scaled back to its size (or to its height and the grid's shape). */
        void apply(Mat ink) {
            Rect box = Strokes.of(ink).box();
            if (box.width() < 1) {
                return;
            }
            double s = (double) cells / Math.max(box.width(), box.height());
            int w = Math.max(1, (int) Math.round(fill > 0 ? cells * fill : box.width() * s));
            int h = fill > 0 ? cells : Math.max(1, (int) Math.round(box.height() * s));
            Rect to = fill > 0 ? centredBox(box, (int) Math.round(box.height() * fill), ink.cols()) : box;
            try (Mat roi = new Mat(ink, box); Mat grid = new Mat(); Mat bilevel = new Mat(); Mat back = new Mat()) {
                resize(roi, grid, new Size(w, h), 0, 0, INTER_AREA);
                threshold(grid, bilevel, level, 1, THRESH_BINARY);
                // a fine pen on a coarse grid can fall below the threshold almost everywhere: such a digit would
                // vanish, so it is not captured and keeps its grey levels
                if (sumOf(bilevel) < 0.6 * sumOf(grid)) {
                    return;
                }
                resize(bilevel, back, new Size(to.width(), to.height()), 0, 0, INTER_NEAREST);
                ink.put(new Scalar(0.0));
                try (Mat target = new Mat(ink, to)) {
                    back.copyTo(target);
                }
            }
        }
    }

    /** A box {@code width} wide (at most {@code side}) with {@code box}'s rows, centred on it within the canvas. */
    private static Rect centredBox(Rect box, int width, int side) {
        int w = Math.max(1, Math.min(side, width));
        int x = Math.max(0, Math.min(side - w, box.x() + box.width() / 2 - w / 2));
        return new Rect(x, box.y(), w, box.height());
    }

    /** The strokes other hands add to a digit, each drawn on a share of the training digits of its class. */
    public enum Stroke {
        /**
         * A 1's long up-stroke from the top down to the left, 30-65 degrees below the horizontal: steeper than a 7's
         * bar, which is near horizontal, so that no 7 is drawn and labelled 1.
         */
        ONE_FLAG(1, 0.75),
        /** A 1's horizontal foot. */
        ONE_FOOT(1, 0.45),
        /** A bar across the middle of a 7's stem. */
        SEVEN_BAR(7, 0.5),
        /** A 4 closed at the top. */
        FOUR_CLOSED_TOP(4, 0.35),
        /** A 9 whose tail is a straight stem down from the loop's right side. */
        NINE_STRAIGHT_STEM(9, 0.4),
        /** A 2 with a small loop where the diagonal meets the base. */
        TWO_LOOP(2, 0.3);

        private final int digit;
        private final double share;

        Stroke(int digit, double share) {
            this.digit = digit;
            this.share = share;
        }

        public int digit() {
            return digit;
        }
    }

    /**
     * One 784-float digit redrawn along its skeleton with exactly the given strokes, in a pen of the digit's own
     * width: how a writer of another school would have written the same digit. For measuring and tests.
     */
    public static float[] withStrokes(float[] digit, int offset, SplittableRandom rnd, Stroke... strokes) {
        try (Skeleton sk = Skeleton.of(digit, offset)) {
            if (sk.strokes.length == 0) {
                return copy(digit, offset);
            }
            for (Stroke s : strokes) {
                draw(sk.mat, sk.strokes, s, rnd);
            }
            return MnistNormalizer.normalize(new InkMap(sk.drawn(sk.ownPen(), 0, null), SIDE, SIDE));
        }
    }

    private static void draw(Mat sk, Strokes s, Stroke stroke, SplittableRandom rnd) {
        double h = Math.max(8, s.bottom - s.top);
        switch (stroke) {
            case ONE_FLAG -> {
                double len = h * (0.25 + rnd.nextDouble() * 0.45);
                double a = Math.toRadians(30 + rnd.nextDouble() * 35);
                line(sk, s.topX, s.top, s.topX - len * Math.cos(a), s.top + len * Math.sin(a));
            }
            case ONE_FOOT -> line(sk, s.bottomX - h * (0.1 + rnd.nextDouble() * 0.25), s.bottom,
                    s.bottomX + h * (0.1 + rnd.nextDouble() * 0.25), s.bottom + h * 0.03 * (rnd.nextDouble() - 0.5));
            case SEVEN_BAR -> {
                int y = (int) Math.round(s.top + h * (0.4 + rnd.nextDouble() * 0.2));
                double x = s.meanX(y);
                double half = h * (0.12 + rnd.nextDouble() * 0.13);
                double tilt = h * 0.06 * (rnd.nextDouble() - 0.5);
                line(sk, x - half, y + tilt, x + half, y - tilt);
            }
            case FOUR_CLOSED_TOP -> {
                int[] left = s.topmost(s.left, (s.left + s.right) / 2);
                int[] right = s.topmost((s.left + s.right) / 2, s.right + 1);
                if (left != null && right != null) {
                    line(sk, left[0], left[1], right[0], right[1]);
                }
            }
            case NINE_STRAIGHT_STEM -> straightStem(sk, s, h, rnd);
            case TWO_LOOP -> {
                int[] corner = s.bottomLeft();
                int r = (int) Math.round(h * (0.06 + rnd.nextDouble() * 0.05));
                circle(sk, new Point((int) (corner[0] + r * 0.7), (int) (corner[1] - r * 0.7)), r,
                        new Scalar(255.0), 1, LINE_8, 0);
            }
        }
    }

    /** Replaces a 9's tail below its loop by a straight stroke from the loop's right side down to the baseline. */
    private static void straightStem(Mat sk, Strokes s, double h, SplittableRandom rnd) {
        int loopBottom = s.lastRowWithTwoRuns((int) (s.top + 0.75 * h));
        if (loopBottom < s.top + 0.2 * h) {
            return;
        }
        int cut = (int) Math.round(loopBottom + 0.08 * h);
        int[] right = s.rightmost((int) (s.top + 0.2 * h), loopBottom);
        if (right == null || cut >= s.bottom) {
            return;
        }
        try (Mat below = new Mat(sk, new Rect(0, cut, SIDE, SIDE - cut))) {
            below.put(new Scalar(0.0));
        }
        line(sk, right[0], right[1], right[0] + h * 0.2 * (rnd.nextDouble() - 0.5), s.bottom);
    }

    private static void line(Mat sk, double x0, double y0, double x1, double y1) {
        org.bytedeco.opencv.global.opencv_imgproc.line(sk, new Point(clamp(x0), clamp(y0)), new Point(clamp(x1), clamp(y1)),
                new Scalar(255.0), 1, LINE_8, 0);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(SIDE - 1, Math.round(v)));
    }

    private static double sumOf(Mat m) {
        return sumElems(m).get(0);
    }

    private static float[] copy(float[] src, int offset) {
        float[] out = new float[DigitImages.PIXELS];
        System.arraycopy(src, offset, out, 0, DigitImages.PIXELS);
        return out;
    }

    /** A digit enlarged onto a padded canvas, thresholded and thinned: the lines a pen is drawn along. */
    private static final class Skeleton implements AutoCloseable {
        final Mat mat;
        final Strokes strokes;
        private final int inkPixels;

        private Skeleton(Mat mat, int inkPixels) {
            this.mat = mat;
            this.strokes = Strokes.of(mat);
            this.inkPixels = inkPixels;
        }

        static Skeleton of(float[] digit, int offset) {
            try (Mat small = new Mat(DigitImages.SIDE, DigitImages.SIDE, CV_32FC1); Mat big = new Mat();
                 Mat padded = new Mat(); Mat above = new Mat(); Mat binary = new Mat()) {
                FloatBuffer in = small.createBuffer();
                in.put(digit, offset, DigitImages.PIXELS);
                resize(small, big, new Size(DigitImages.SIDE * SCALE, DigitImages.SIDE * SCALE), 0, 0, INTER_LINEAR);
                copyMakeBorder(big, padded, PAD, PAD, PAD, PAD, BORDER_CONSTANT, new Scalar(0.0));
                threshold(padded, above, 0.5, 255, THRESH_BINARY);
                above.convertTo(binary, CV_8UC1);
                Mat skeleton = new Mat();
                thinning(binary, skeleton, THINNING_ZHANGSUEN);
                return new Skeleton(skeleton, countNonZero(binary));
            }
        }

        /** The width of the digit's own pen: its ink area over its skeleton's length. */
        int ownPen() {
            return (int) Math.round(inkPixels / (double) Math.max(1, strokes.length));
        }

        /**
         * The skeleton dilated with a round pen, blurred when {@code blur > 0}, captured when {@code capture} is
         * not null. A pen so broad that it would fill one of the digit's loops, or most of the paper between its
         * strokes (a broad felt-tip on a small 8 or 3 makes a blot nobody can read), is narrowed until the digit
         * stays legible; a 1 or a 7 keeps a broad pen.
         */
        float[] drawn(int pen, double blur, Capture capture) {
            int px = Math.max(2, pen);
            try (Mat dilated = new Mat(); Mat ink = new Mat(); Mat hull = hull()) {
                penDown(3, dilated);
                int loops = loops(dilated);
                int paper = paperIn(hull, dilated);
                penDown(px, dilated);
                while (px > 2 && (loops(dilated) < loops || paperIn(hull, dilated) < 0.5 * paper)) {
                    px = Math.max(2, px * 2 / 3);
                    penDown(px, dilated);
                }
                dilated.convertTo(ink, CV_32FC1, 1 / 255.0, 0);
                if (blur > 0) {
                    GaussianBlur(ink, ink, new Size(0, 0), blur);
                }
                if (capture != null) {
                    capture.apply(ink);
                }
                float[] out = new float[SIDE * SIDE];
                FloatBuffer b = ink.createBuffer();
                b.get(out);
                return out;
            }
        }

        private void penDown(int px, Mat out) {
            try (Mat element = getStructuringElement(MORPH_ELLIPSE, new Size(px, px))) {
                dilate(mat, out, element);
            }
        }

        /** The convex hull of the skeleton, filled: where the paper between the strokes is. */
        private Mat hull() {
            Mat mask = new Mat(mat.size(), CV_8UC1, new Scalar(0.0));
            try (Mat points = new Mat(); Mat hull = new Mat()) {
                findNonZero(mat, points);
                if (points.rows() >= 3) {
                    convexHull(points, hull);
                    fillConvexPoly(mask, hull, new Scalar(255.0));
                }
            }
            return mask;
        }

        /** Paper pixels of {@code hull} not covered by {@code ink}. */
        private static int paperIn(Mat hull, Mat ink) {
            try (Mat paper = new Mat(); Mat inHull = new Mat()) {
                threshold(ink, paper, 0, 255, THRESH_BINARY_INV);
                bitwise_and(paper, hull, inHull);
                return countNonZero(inHull);
            }
        }

        /**
         * Enclosed background regions of a black-and-white drawing (connected components of the paper, less the
         * paper around it): its loops. Drawn with a pen of at least 3 px, its strokes leave no diagonal gaps.
         */
        private static int loops(Mat ink) {
            try (Mat paper = new Mat(); Mat labels = new Mat()) {
                threshold(ink, paper, 0, 255, THRESH_BINARY_INV);
                return connectedComponents(paper, labels, 8, CV_32S) - 2;
            }
        }

        @Override
        public void close() {
            mat.close();
        }
    }

    /** Where a skeleton's pixels are: its extent, top and bottom points, and rows and columns to search. */
    private static final class Strokes {
        final boolean[] on;
        final int length;
        final int left;
        final int right;
        final int top;
        final int bottom;
        final double topX;
        final double bottomX;

        private Strokes(boolean[] on) {
            this.on = on;
            int n = 0;
            int l = SIDE;
            int r = -1;
            int t = SIDE;
            int b = -1;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    if (on[y * SIDE + x]) {
                        n++;
                        l = Math.min(l, x);
                        r = Math.max(r, x);
                        t = Math.min(t, y);
                        b = Math.max(b, y);
                    }
                }
            }
            length = n;
            left = l;
            right = r;
            top = t;
            bottom = b;
            topX = n == 0 ? 0 : meanX(t);
            bottomX = n == 0 ? 0 : meanX(b);
        }

        static Strokes of(Mat m) {
            boolean[] on = new boolean[SIDE * SIDE];
            if (m.type() == CV_8UC1) {
                ByteBuffer b = m.createBuffer();
                for (int i = 0; i < on.length; i++) {
                    on[i] = b.get(i) != 0;
                }
            } else {
                FloatBuffer b = m.createBuffer();
                for (int i = 0; i < on.length; i++) {
                    on[i] = b.get(i) >= 0.25f;
                }
            }
            return new Strokes(on);
        }

        Rect box() {
            return length == 0 ? new Rect(0, 0, 0, 0) : new Rect(left, top, right - left + 1, bottom - top + 1);
        }

        /** Mean column of the pixels in row {@code y}, or of the nearest row that has any. */
        double meanX(int y) {
            for (int d = 0; d < SIDE; d++) {
                for (int yy : new int[] {y - d, y + d}) {
                    if (yy < 0 || yy >= SIDE) {
                        continue;
                    }
                    double sum = 0;
                    int n = 0;
                    for (int x = 0; x < SIDE; x++) {
                        if (on[yy * SIDE + x]) {
                            sum += x;
                            n++;
                        }
                    }
                    if (n > 0) {
                        return sum / n;
                    }
                }
            }
            return SIDE / 2.0;
        }

        /** The highest pixel in columns [{@code x0}, {@code x1}) as {x, y}, or null. */
        int[] topmost(int x0, int x1) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = Math.max(0, x0); x < Math.min(SIDE, x1); x++) {
                    if (on[y * SIDE + x]) {
                        return new int[] {x, y};
                    }
                }
            }
            return null;
        }

        /** The rightmost pixel in rows [{@code y0}, {@code y1}] as {x, y}, or null. */
        int[] rightmost(int y0, int y1) {
            for (int x = SIDE - 1; x >= 0; x--) {
                for (int y = Math.max(0, y0); y <= Math.min(SIDE - 1, y1); y++) {
                    if (on[y * SIDE + x]) {
                        return new int[] {x, y};
                    }
                }
            }
            return null;
        }

        /** The pixel furthest down and to the left (largest y - x) as {x, y}. */
        int[] bottomLeft() {
            int[] best = {left, bottom};
            int score = Integer.MIN_VALUE;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    if (on[y * SIDE + x] && y - x > score) {
                        score = y - x;
                        best = new int[] {x, y};
                    }
                }
            }
            return best;
        }

        /** The lowest row above {@code limit} crossed by two or more separate runs of pixels, or -1. */
        int lastRowWithTwoRuns(int limit) {
            int last = -1;
            for (int y = top; y <= Math.min(limit, SIDE - 1); y++) {
                int runs = 0;
                boolean inRun = false;
                for (int x = 0; x < SIDE; x++) {
                    boolean v = on[y * SIDE + x];
                    if (v && !inRun) {
                        runs++;
                    }
                    inRun = v;
                }
                if (runs >= 2) {
                    last = y;
                }
            }
            return last;
        }
    }
}
