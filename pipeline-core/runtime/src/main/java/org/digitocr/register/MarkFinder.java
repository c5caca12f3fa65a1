package org.digitocr.register;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_HEIGHT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_LEFT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_TOP;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_WIDTH;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * Finds solid, roughly square dark blobs (registration mark candidates) with OpenCV: Otsu binarisation and
 * connected components with statistics. Size limits come from the templates' mark sizes and the scale range.
 */
public final class MarkFinder {
    private MarkFinder() {
    }

    /** Solid square-ish blobs whose side lies in {@code [minSide, maxSide]}; also returns the Otsu threshold. */
    public static Found find(GreyPage page, double minSide, double maxSide) {
        List<Blob> out = new ArrayList<>();
        double otsu;
        try (Mat grey = page.toMat(); Mat bin = new Mat(); Mat labels = new Mat(); Mat stats = new Mat();
             Mat centroids = new Mat()) {
            otsu = threshold(grey, bin, 0, 255, THRESH_BINARY_INV | THRESH_OTSU);
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
        return new Found(List.copyOf(out), otsu);
    }

    /** Candidate marks and the page's global ink threshold. */
    public record Found(List<Blob> candidates, double threshold) {
    }
}
