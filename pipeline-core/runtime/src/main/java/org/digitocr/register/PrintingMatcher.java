package org.digitocr.register;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.DMatch;
import org.bytedeco.opencv.opencv_core.DMatchVector;
import org.bytedeco.opencv.opencv_core.DMatchVectorVector;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_features2d.BFMatcher;
import org.digitocr.form.Anchors;

import static org.bytedeco.opencv.global.opencv_calib3d.RANSAC;
import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffine2D;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.NORM_HAMMING;

/**
 * Finds a template's printed features among a page's: each page feature's nearest template descriptor (kept only
 * if clearly nearer than the second nearest, Lowe's ratio test), then the affine map that the most matches agree
 * on within a few pixels (RANSAC), refined on them. Matches of writing, stamps or another layout's printing fall
 * out as outliers; what is left says how well the layout matched.
 */
final class PrintingMatcher {
    /** A match is kept when its descriptor distance is under this share of the second best's. */
    private static final double RATIO = 0.8;
    /** Largest distance, in working-resolution pixels, of a match from where the map puts it (an inlier). */
    private static final double INLIER_WORK_PIXELS = 3;
    private static final int RANSAC_ITERATIONS = 2000;

    private PrintingMatcher() {
    }

    /**
     * The fit of a template's features onto a page's.
     *
     * @param templateToPage affine {a,b,c,d,e,f} from template to page pixels, null when no map was found
     * @param matches        page features that passed the ratio test
     * @param inliers        matches within the inlier distance of where the map puts them
     * @param residual       RMS distance of the inliers from the map, page pixels
     * @param spread         the smaller of the width and height share of the template the inliers span (0..1)
     */
    record Fit(double[] templateToPage, int matches, int inliers, double residual, double spread) {
    }

    static Fit fit(Anchors.Printing template, Anchors.Printing page, double pageWidth, int templateWidth,
                   int templateHeight) {
        int nt = template.count();
        int np = page.count();
        if (nt < 3 || np < 3) {
            return new Fit(null, 0, 0, 0, 0);
        }
        try (Mat td = descriptors(template); Mat pd = descriptors(page);
             BFMatcher matcher = new BFMatcher(NORM_HAMMING, false);
             DMatchVectorVector knn = new DMatchVectorVector()) {
            matcher.knnMatch(pd, td, knn, 2);
            int[] pi = new int[np];
            int[] ti = new int[np];
            int m = 0;
            for (long q = 0; q < knn.size(); q++) {
                DMatchVector v = knn.get(q);
                if (v.size() < 2) {
                    continue;
                }
                DMatch best = v.get(0);
                if (best.distance() < RATIO * v.get(1).distance()) {
                    pi[m] = best.queryIdx();
                    ti[m] = best.trainIdx();
                    m++;
                }
            }
            if (m < 3) {
                return new Fit(null, m, 0, 0, 0);
            }
            float[] tp = template.points();
            float[] pp = page.points();
            try (Mat from = new Mat(m, 1, CV_32FC2); Mat to = new Mat(m, 1, CV_32FC2); Mat inl = new Mat();
                 FloatIndexer fi = from.createIndexer(); FloatIndexer oi = to.createIndexer()) {
                for (int k = 0; k < m; k++) {
                    fi.put(k, 0, 0, tp[2 * ti[k]]);
                    fi.put(k, 0, 1, tp[2 * ti[k] + 1]);
                    oi.put(k, 0, 0, pp[2 * pi[k]]);
                    oi.put(k, 0, 1, pp[2 * pi[k] + 1]);
                }
                double threshold = INLIER_WORK_PIXELS * pageWidth / page.workWidth();
                try (Mat a = estimateAffine2D(from, to, inl, RANSAC, threshold, RANSAC_ITERATIONS, 0.99, 10)) {
                    if (a.empty()) {
                        return new Fit(null, m, 0, 0, 0);
                    }
                    double[] affine = new double[6];
                    try (DoubleIndexer ai = a.createIndexer(); UByteIndexer ii = inl.createIndexer()) {
                        for (int k = 0; k < 6; k++) {
                            affine[k] = ai.get(k / 3, k % 3);
                        }
                        int inliers = 0;
                        double sq = 0;
                        float minX = Float.MAX_VALUE, maxX = -1, minY = Float.MAX_VALUE, maxY = -1;
                        for (int k = 0; k < m; k++) {
                            if (ii.get(k) == 0) {
                                continue;
                            }
                            inliers++;
                            float x = tp[2 * ti[k]];
                            float y = tp[2 * ti[k] + 1];
                            double[] p = PlaneFit.applyAffine(affine, x, y);
                            sq += sqr(p[0] - pp[2 * pi[k]]) + sqr(p[1] - pp[2 * pi[k] + 1]);
                            minX = Math.min(minX, x);
                            maxX = Math.max(maxX, x);
                            minY = Math.min(minY, y);
                            maxY = Math.max(maxY, y);
                        }
                        double spread = inliers == 0 ? 0
                                : Math.min((maxX - minX) / templateWidth, (maxY - minY) / templateHeight);
                        return new Fit(affine, m, inliers, inliers == 0 ? 0 : Math.sqrt(sq / inliers), spread);
                    }
                }
            }
        }
    }

    private static double sqr(double v) {
        return v * v;
    }

    private static Mat descriptors(Anchors.Printing f) {
        Mat d = new Mat(f.count(), Anchors.Printing.DESCRIPTOR_BYTES, CV_8UC1);
        d.data().put(f.descriptors());
        return d;
    }
}
