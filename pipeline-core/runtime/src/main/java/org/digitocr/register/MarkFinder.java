package org.digitocr.register;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.divide;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_HEIGHT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_LEFT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_TOP;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_WIDTH;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * Finds solid, roughly square dark blobs (registration mark candidates) with OpenCV: Otsu binarisation, of the page
 * and of the page against its own paper's brightness, and connected components with statistics. Size limits come
 * from the templates' mark sizes and the scale range.
 */
public final class MarkFinder {
    private MarkFinder() {
    }

    /** Solid square-ish blobs whose side lies in {@code [minSide, maxSide]}; also returns the page's Otsu threshold. */
    public static Found find(GreyPage page, double minSide, double maxSide) {
        try (Mat grey = page.toMat(); Mat bin = new Mat()) {
            double otsu = threshold(grey, bin, 0, 255, THRESH_BINARY_INV | THRESH_OTSU);
            return new Found(blobs(bin, minSide, maxSide), otsu);
        }
    }

    /**
     * As {@link #find}, and also the blobs found against the paper around each mark (where the marks are about
     * {@code expectedSide} across), with thin lines through them taken off: for a page whose marks the first way
     * leaves too few of (a shadowed edge, a fold, a crease through a mark). Costs more; looked for only then.
     */
    public static Found findAgainstPaper(GreyPage page, Found found, double minSide, double maxSide,
                                         double expectedSide) {
        List<Blob> out = new ArrayList<>(found.candidates());
        double side = Math.max(minSide, Math.min(maxSide, expectedSide));
        try (Mat grey = page.toMat(); Mat bin = new Mat(); Mat flat = flattened(grey, side)) {
            threshold(flat, bin, 0, 255, THRESH_BINARY_INV | THRESH_OTSU);
            int open = 2 * (int) Math.max(1, Math.round(0.08 * side)) + 1;
            try (Mat kernel = getStructuringElement(MORPH_RECT, new Size(open, open))) {
                morphologyEx(bin, bin, MORPH_OPEN, kernel);
            }
            for (Blob b : blobs(bin, minSide, maxSide)) {
                if (out.stream().noneMatch(o -> Math.hypot(o.cx() - b.cx(), o.cy() - b.cy()) < minSide / 2)) {
                    out.add(b);
                }
            }
        }
        return new Found(List.copyOf(out), found.threshold());
    }

    private static List<Blob> blobs(Mat bin, double minSide, double maxSide) {
        List<Blob> out = new ArrayList<>();
        try (Mat labels = new Mat(); Mat stats = new Mat(); Mat centroids = new Mat()) {
            int n = connectedComponentsWithStats(bin, labels, stats, centroids, 8, CV_32S);
            try (IntIndexer s = stats.createIndexer(); DoubleIndexer c = centroids.createIndexer()) {
                for (int i = 1; i < n; i++) {
                    int w = s.get(i, CC_STAT_WIDTH);
                    int h = s.get(i, CC_STAT_HEIGHT);
                    if (w < minSide || h < minSide || w > maxSide * 1.1 || h > maxSide * 1.1) {
                        continue;
                    }
                    double aspect = (double) w / h;
                    Blob b = new Blob(s.get(i, CC_STAT_LEFT), s.get(i, CC_STAT_TOP), w, h, s.get(i, CC_STAT_AREA),
                            c.get(i, 0), c.get(i, 1));
                    if (aspect > 0.75 && aspect < 1.33 && b.fill() > 0.75) {
                        out.add(b);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The page divided by its paper's brightness: the paper estimated by a grey closing (lightest value around each
     * pixel, then the darkest of those) half again as wide as a mark, on a copy a quarter the size. A page's edge lifted
     * from the scanner's glass, or a fold's shadow, darkens the paper around a mark past any one threshold for the
     * whole page; against its own paper a mark stays black and the paper white.
     */
    private static Mat flattened(Mat grey, double markSide) {
        int f = 4;
        try (Mat small = new Mat(); Mat paper = new Mat();
             Mat kernel = getStructuringElement(MORPH_RECT, new Size(kernelSide(markSide, f), kernelSide(markSide, f)))) {
            resize(grey, small, new Size(Math.max(1, grey.cols() / f), Math.max(1, grey.rows() / f)), 0, 0, INTER_AREA);
            morphologyEx(small, small, MORPH_CLOSE, kernel);
            resize(small, paper, grey.size(), 0, 0, INTER_LINEAR);
            Mat flat = new Mat();
            divide(grey, paper, flat, 255, -1);
            return flat;
        }
    }

    private static int kernelSide(double markSide, int f) {
        return 2 * (int) Math.ceil(1.5 * markSide / f / 2) + 1;
    }

    /** Candidate marks and the page's global ink threshold. */
    public record Found(List<Blob> candidates, double threshold) {
    }
}
