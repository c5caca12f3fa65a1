package org.digitocr.normalize;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CROSS;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.digitocr.image.DigitImages;

/**
 * Reads a digit written with a broader pen than MNIST's writers used twice: as written and thinned by one pixel
 * (grey erosion with a 3x3 cross, OpenCV), the network's two answers averaged. A felt-tip or a thresholded
 * bilevel capture closes the gaps that tell a 4 from a 9 or a 6 and turns a 1 into a bar; thinning reopens them,
 * while digits of MNIST's own pen widths are read as before. A digit counts as broad when its stroke width
 * (twice its ink area over its ink's boundary, ink at half intensity or more) exceeds {@code thickStrokeWidth},
 * fitted as a high quantile of MNIST's widths, so it says what "broader than MNIST's" means for that model.
 *
 * @param thickStrokeWidth stroke width in pixels (28x28 layout) above which a digit is also read thinned
 * @param fittedOn         where that width came from
 */
public record PenNormalization(double thickStrokeWidth, String fittedOn) {
    /** The quantile of MNIST's stroke widths above which a digit counts as broad. */
    public static final double QUANTILE = 0.9;
    /** The 3x3 cross both the boundary count and thinning erode with; read-only, so shared. */
    private static final Mat CROSS = getStructuringElement(MORPH_CROSS, new Size(3, 3));

    public PenNormalization {
        if (!(thickStrokeWidth > 0)) {
            throw new IllegalArgumentException("stroke width must be > 0, got " + thickStrokeWidth);
        }
    }

    /** The stroke width above which {@link #QUANTILE} of {@code digits} fall below, as a pen normalisation. */
    public static PenNormalization fit(DigitImages digits, String name) {
        float[] px = new float[DigitImages.PIXELS];
        double[] widths = new double[digits.count()];
        for (int i = 0; i < widths.length; i++) {
            digits.toFloats(i, px, 0);
            widths[i] = strokeWidth(px, 0);
        }
        Arrays.sort(widths);
        return new PenNormalization(widths[(int) (QUANTILE * (widths.length - 1))], String.format(
                "%.0f%% of the stroke widths of %s (%d digits) are at or below it", 100 * QUANTILE, name, widths.length));
    }

    /** Twice the ink's area over its boundary (pixels with a 4-neighbour off the ink): the pen's width in pixels. */
    public static double strokeWidth(float[] pixels, int offset) {
        try (Mat digit = mat(pixels, offset); Mat ink = new Mat(); Mat inside = new Mat()) {
            threshold(digit, ink, 0.5, 1, THRESH_BINARY);
            erode(ink, inside, CROSS);
            int area = countNonZero(ink);
            int boundary = area - countNonZero(inside);
            return boundary == 0 ? 0 : 2.0 * area / boundary;
        }
    }

    /** The indices of the images in {@code pixels} ({@code count} of 784 floats) written broader than the threshold. */
    public int[] broad(float[] pixels, int count) {
        int[] out = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (strokeWidth(pixels, i * DigitImages.PIXELS) > thickStrokeWidth) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The images {@code which} of {@code pixels}, each thinned by one pixel, one after the other. */
    public static float[] thinned(float[] pixels, int[] which) {
        float[] out = new float[which.length * DigitImages.PIXELS];
        for (int k = 0; k < which.length; k++) {
            try (Mat digit = mat(pixels, which[k] * DigitImages.PIXELS); Mat thin = new Mat()) {
                erode(digit, thin, CROSS);
                thin.<FloatBuffer>createBuffer().get(out, k * DigitImages.PIXELS, DigitImages.PIXELS);
            }
        }
        return out;
    }

    private static Mat mat(float[] pixels, int offset) {
        Mat m = new Mat(DigitImages.SIDE, DigitImages.SIDE, CV_32FC1);
        m.<FloatBuffer>createBuffer().put(pixels, offset, DigitImages.PIXELS);
        return m;
    }
}
