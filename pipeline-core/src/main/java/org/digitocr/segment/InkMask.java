package org.digitocr.segment;

import java.util.Arrays;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_ximgproc.BINARIZATION_SAUVOLA;
import static org.bytedeco.opencv.global.opencv_ximgproc.niBlackThreshold;

/**
 * Which pixels of a field are ink: Sauvola's local threshold (OpenCV ximgproc), robust to paper tone, uneven
 * lighting and faint pens, plus a contrast floor against the paper so that noise on an empty field never
 * passes for ink. Also carries the paper and ink levels for turning grey values into ink intensity.
 */
public record InkMask(boolean[] ink, int width, int height, float paper, float inkLevel) {
    private static final int WINDOW = 31;
    private static final double K = 0.2;
    private static final float MIN_CONTRAST = 40f;

    public boolean at(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && ink[y * width + x];
    }

    public static InkMask of(FieldImage f) {
        int n = f.width() * f.height();
        float[] sorted = f.grey().clone();
        Arrays.sort(sorted);
        float paper = sorted[n / 2];
        float floor = paper - MIN_CONTRAST;
        boolean[] ink = new boolean[n];
        try (Mat src = new Mat(f.height(), f.width(), CV_8UC1); Mat dst = new Mat()) {
            byte[] bytes = new byte[n];
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) Math.round(Math.max(0, Math.min(255, f.grey()[i])));
            }
            src.data().put(bytes);
            niBlackThreshold(src, dst, 255, THRESH_BINARY_INV, WINDOW, K, BINARIZATION_SAUVOLA, 128);
            try (UByteIndexer d = dst.createIndexer()) {
                for (int y = 0; y < f.height(); y++) {
                    for (int x = 0; x < f.width(); x++) {
                        int i = y * f.width() + x;
                        ink[i] = d.get(y, x) != 0 && f.grey()[i] < floor;
                    }
                }
            }
        }
        float inkLevel = sorted[Math.max(0, n / 200)];
        return new InkMask(ink, f.width(), f.height(), paper, Math.min(inkLevel, paper - MIN_CONTRAST));
    }
}
