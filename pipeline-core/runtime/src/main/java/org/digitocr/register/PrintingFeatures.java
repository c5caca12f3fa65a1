package org.digitocr.register;

import java.util.List;

import org.bytedeco.opencv.opencv_core.KeyPoint;
import org.bytedeco.opencv.opencv_core.KeyPointVector;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_features2d.ORB;
import org.digitocr.form.Anchors;
import org.digitocr.form.Box;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Detects ORB features (FAST corners with binary descriptors, invariant to rotation and, through an image
 * pyramid, to scale) on a page resized to a working width: the same detector makes a template's features from its
 * sample and finds them again on scans. Thread-safe: every call has its own detector.
 */
public final class PrintingFeatures {
    /** Width pages and samples are resized to before detection: about 100 dpi for a cheque, enough for print. */
    public static final int WORK_WIDTH = 1000;
    /** Most features kept per image: enough for hundreds of matches on a cheque, few enough to match in ms. */
    public static final int MAX_FEATURES = 1500;
    private static final float PYRAMID_SCALE = 1.2f;
    private static final int PYRAMID_LEVELS = 8;
    private static final int PATCH = 31;
    private static final int FAST_THRESHOLD = 20;

    private PrintingFeatures() {
    }

    private static void fill(Mat img, int[] r, int value) {
        try (Point a = new Point(r[0], r[1]); Point z = new Point(r[2], r[3]); Scalar v = new Scalar(value)) {
            rectangle(img, a, z, v, FILLED, LINE_8, 0);
        }
    }

    /** Median grey level of the pixels the mask keeps. */
    private static int medianOutside(Mat grey, Mat mask) {
        byte[] g = new byte[(int) grey.total()];
        byte[] m = new byte[g.length];
        grey.data().get(g);
        mask.data().get(m);
        int[] hist = new int[256];
        int n = 0;
        for (int i = 0; i < g.length; i++) {
            if (m[i] != 0) {
                hist[g[i] & 0xff]++;
                n++;
            }
        }
        int seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += hist[v];
            if (2 * seen >= n) {
                return v;
            }
        }
        return 255;
    }

    /**
     * Features of {@code page} resized to {@code workWidth} pixels wide, none inside {@code exclude} (page pixels),
     * with their points in page pixels, strongest corner response first.
     */
    public static Anchors.Printing detect(GreyPage page, int workWidth, List<Box> exclude) {
        double s = (double) workWidth / page.width();
        int workHeight = Math.max(1, (int) Math.round(page.height() * s));
        try (Mat grey = page.toMat(); Mat small = new Mat(); Mat mask = new Mat(workHeight, workWidth, CV_8UC1,
                new Scalar(255)); KeyPointVector kps = new KeyPointVector(); Mat desc = new Mat();
             ORB orb = ORB.create(MAX_FEATURES, PYRAMID_SCALE, PYRAMID_LEVELS, PATCH, 0, 2, ORB.HARRIS_SCORE, PATCH,
                     FAST_THRESHOLD)) {
            resize(grey, small, new Size(workWidth, workHeight), 0, 0, INTER_AREA);
            List<int[]> rects = exclude.stream().map(b -> new int[] {(int) Math.floor(b.x() * s),
                    (int) Math.floor(b.y() * s), (int) Math.ceil((b.x() + b.width()) * s),
                    (int) Math.ceil((b.y() + b.height()) * s)}).toList();
            for (int[] r : rects) {
                fill(mask, r, 0);
            }
            // excluded areas are painted over, not only masked: descriptors near them see none of their content
            int paper = rects.isEmpty() ? 255 : medianOutside(small, mask);
            for (int[] r : rects) {
                fill(small, r, paper);
            }
            orb.detectAndCompute(small, mask, kps, desc);
            int n = (int) kps.size();
            byte[] raw = new byte[n * Anchors.Printing.DESCRIPTOR_BYTES];
            if (n > 0) {
                desc.data().get(raw);
            }
            float[] response = new float[n];
            for (int i = 0; i < n; i++) {
                response[i] = kps.get(i).response();
            }
            // strongest first, so that the first k of them are the k most repeatable corners
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Float.compare(response[b], response[a]));
            float[] points = new float[2 * n];
            byte[] descriptors = new byte[raw.length];
            for (int j = 0; j < n; j++) {
                int i = order[j];
                KeyPoint k = kps.get(i);
                points[2 * j] = (float) (k.pt().x() / s);
                points[2 * j + 1] = (float) (k.pt().y() / s);
                System.arraycopy(raw, i * Anchors.Printing.DESCRIPTOR_BYTES, descriptors,
                        j * Anchors.Printing.DESCRIPTOR_BYTES, Anchors.Printing.DESCRIPTOR_BYTES);
            }
            return new Anchors.Printing(workWidth, points, descriptors);
        }
    }
}
