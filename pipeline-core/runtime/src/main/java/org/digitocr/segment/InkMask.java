package org.digitocr.segment;

import java.util.Arrays;

import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_ximgproc.BINARIZATION_SAUVOLA;
import static org.bytedeco.opencv.global.opencv_ximgproc.niBlackThreshold;

/**
 * Which pixels of a field are ink: Sauvola's local threshold (OpenCV ximgproc), robust to paper tone, uneven
 * lighting and faint pens, or nearly as dark as the field's darkest writing (the inside of a broad stroke); and
 * above a contrast floor against the paper, set from the scan's noise, so that noise on an empty field never
 * passes for ink. Also carries the paper and ink levels for turning grey values into ink intensity.
 */
public record InkMask(boolean[] ink, int width, int height, float paper, float inkLevel) {
    private static final int WINDOW = 31;
    private static final double K = 0.2;
    /** Sauvola's dynamic range of the standard deviation (128 for 8-bit grey) holds for this much contrast ... */
    private static final float FULL_CONTRAST = 200f;
    /** Contrast against the paper that is always enough for ink: what a dark pen gives on any scan. */
    private static final float SURE_CONTRAST = 40f;
    /** Least contrast ever taken for ink, however clean the scan. */
    private static final float LEAST_CONTRAST = 16f;
    /** Ink must stand this many times the paper's noise (robust standard deviation) off the paper. */
    private static final float NOISE_MARGIN = 6f;
    /**
     * A pixel within this share of the field's ink contrast of its darkest writing is ink whatever Sauvola says:
     * inside a stroke nearly as broad as the window (a felt-tip, a marker) the neighbourhood is nearly all ink,
     * and Sauvola, which expects paper around every stroke, may take the stroke's inside for paper and leave an
     * outline.
     */
    private static final float SOLID_INK = 0.75f;
    /** Bins of grey values when ranking them: 1/256 of a grey level each, over 0..256. */
    private static final int BINS = 256 * 256;

    public boolean at(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && ink[y * width + x];
    }

    /**
     * The mask of the whole field image, its paper, ink and noise levels measured within {@code x0, y0} (inclusive)
     * to {@code x1, y1} (exclusive) of it: around the box, so that how much margin is cut does not move them.
     */
    public static InkMask of(FieldImage f, int x0, int y0, int x1, int y1) {
        int n = f.width() * f.height();
        float[] region = region(f, x0, y0, x1, y1);
        float[] levels = ranked(region, region.length / 2, Math.max(0, region.length / 200));
        float paper = levels[0];
        float inkLevel = levels[1];
        float floor = paper - contrastFloor(region, paper);
        float solid = paper - SOLID_INK * (paper - inkLevel);
        boolean[] ink = new boolean[n];
        try (Mat src = new Mat(f.height(), f.width(), CV_8UC1); Mat dst = new Mat()) {
            byte[] bytes = new byte[n];
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) Math.round(Math.max(0, Math.min(255, f.grey()[i])));
            }
            src.data().put(bytes);
            // ... and shrinks with a fainter field (a light scan, a worn pen), or Sauvola would take its ink for paper
            double range = 128 * Math.max(0.1, Math.min(1, (paper - inkLevel) / FULL_CONTRAST));
            niBlackThreshold(src, dst, 255, THRESH_BINARY_INV, WINDOW, K, BINARIZATION_SAUVOLA, range);
            byte[] sauvola = new byte[n];
            dst.data().get(sauvola);
            for (int i = 0; i < n; i++) {
                ink[i] = (sauvola[i] != 0 || f.grey()[i] <= solid) && f.grey()[i] < floor;
            }
        }
        return new InkMask(ink, f.width(), f.height(), paper, Math.min(inkLevel, floor));
    }

    /** A copy of the grey values of {@code f} within the rectangle, clipped to it; all of {@code f} if that leaves none. */
    private static float[] region(FieldImage f, int x0, int y0, int x1, int y1) {
        int ax = Math.max(0, x0);
        int ay = Math.max(0, y0);
        int bx = Math.min(f.width(), x1);
        int by = Math.min(f.height(), y1);
        if (bx <= ax || by <= ay) {
            return f.grey().clone();
        }
        float[] out = new float[(bx - ax) * (by - ay)];
        for (int y = ay; y < by; y++) {
            System.arraycopy(f.grey(), y * f.width() + ax, out, (y - ay) * (bx - ax), bx - ax);
        }
        return out;
    }

    /**
     * The values of ranks {@code ranks} (0-based) among {@code values}, as sorting would put them, in linear time:
     * the values are counted in bins 1/256 of a grey level wide, and only the bin where a rank falls is sorted.
     */
    static float[] ranked(float[] values, int... ranks) {
        int[] count = new int[BINS];
        for (float v : values) {
            count[bin(v)]++;
        }
        float[] out = new float[ranks.length];
        for (int r = 0; r < ranks.length; r++) {
            int bin = 0;
            int below = 0;
            while (below + count[bin] <= ranks[r]) {
                below += count[bin++];
            }
            float[] inBin = new float[count[bin]];
            int k = 0;
            for (float v : values) {
                if (bin(v) == bin) {
                    inBin[k++] = v;
                }
            }
            Arrays.sort(inBin);
            out[r] = inBin[ranks[r] - below];
        }
        return out;
    }

    /** A grey value's bin: in step with the value, so that sorting bins sorts values. */
    private static int bin(float v) {
        return v <= 0 ? 0 : v >= 256 ? BINS - 1 : (int) (v * 256);
    }

    /**
     * The contrast a pixel needs against the paper to be ink: {@link #NOISE_MARGIN} times the paper's noise
     * (1.4826 times the median absolute deviation of the field from the paper level; the field is mostly
     * paper), between {@link #LEAST_CONTRAST} and {@link #SURE_CONTRAST}. A faint pencil on a clean scan is
     * ink; the grain of a noisy scan is not.
     */
    static float contrastFloor(float[] grey, float paper) {
        int[] histogram = new int[257];
        for (float g : grey) {
            histogram[Math.min(256, Math.round(Math.abs(g - paper)))]++;
        }
        int mad = quantile(histogram, grey.length / 2);
        return Math.max(LEAST_CONTRAST, Math.min(SURE_CONTRAST, NOISE_MARGIN * 1.4826f * mad));
    }

    /** The smallest level of {@code histogram} below and at which more than {@code rank} values lie. */
    static int quantile(int[] histogram, int rank) {
        int level = 0;
        for (int seen = histogram[0]; seen <= rank && level < histogram.length - 1; seen += histogram[++level]) {
        }
        return level;
    }
}
