package org.digitocr.normalize;

import java.awt.image.BufferedImage;

import org.digitocr.image.DigitImages;

/**
 * Turns one digit's ink into a 28x28 network input exactly the way MNIST was made: crop to the ink's bounding
 * box, scale so the longer side is 20 px keeping the aspect ratio (area-averaging anti-aliasing when shrinking,
 * bilinear when enlarging), and paste into 28x28 so that the centre of mass sits at the centre; white ink on
 * black, values in [0,1]. The forms pipeline and {@code evaluate}'s image-folder input share this code.
 */
public final class MnistNormalizer {
    /** Side of the box the digit is fitted into. */
    public static final int BOX = 20;
    /** Ink below this level is treated as background when finding the bounding box. */
    private static final float INK_THRESHOLD = 0.25f;

    private MnistNormalizer() {
    }

    public static float[] normalize(BufferedImage image) {
        return normalize(InkMap.of(image));
    }

    /** Whether a normalised digit holds no ink at all (what {@link #normalize} returns for an empty image). */
    public static boolean blank(float[] digit) {
        for (float v : digit) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** A 784-float MNIST-layout image; all zeros when there is no ink. */
    public static float[] normalize(InkMap map) {
        int x0 = map.width();
        int y0 = map.height();
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                if (map.at(x, y) >= INK_THRESHOLD) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        float[] out = new float[DigitImages.PIXELS];
        if (x1 < 0) {
            return out;
        }
        int cw = x1 - x0 + 1;
        int ch = y1 - y0 + 1;
        double scale = (double) BOX / Math.max(cw, ch);
        int tw = Math.max(1, (int) Math.round(cw * scale));
        int th = Math.max(1, (int) Math.round(ch * scale));
        float[] small = scale < 1 ? areaAverage(map, x0, y0, cw, ch, tw, th) : bilinear(map, x0, y0, cw, ch, tw, th);
        stretch(small);
        paste(small, tw, th, out);
        return out;
    }

    /** Box-filter downscaling: each target pixel is the exact area-weighted mean of the source it covers. */
    private static float[] areaAverage(InkMap m, int x0, int y0, int cw, int ch, int tw, int th) {
        float[] out = new float[tw * th];
        double sx = (double) cw / tw;
        double sy = (double) ch / th;
        for (int ty = 0; ty < th; ty++) {
            double fy0 = ty * sy;
            double fy1 = fy0 + sy;
            for (int tx = 0; tx < tw; tx++) {
                double fx0 = tx * sx;
                double fx1 = fx0 + sx;
                double sum = 0;
                for (int y = (int) fy0; y < Math.min(ch, Math.ceil(fy1)); y++) {
                    double wy = Math.min(fy1, y + 1) - Math.max(fy0, y);
                    for (int x = (int) fx0; x < Math.min(cw, Math.ceil(fx1)); x++) {
                        double wx = Math.min(fx1, x + 1) - Math.max(fx0, x);
                        sum += wx * wy * m.at(x0 + x, y0 + y);
                    }
                }
                out[ty * tw + tx] = (float) (sum / (sx * sy));
            }
        }
        return out;
    }

    private static float[] bilinear(InkMap m, int x0, int y0, int cw, int ch, int tw, int th) {
        float[] out = new float[tw * th];
        for (int ty = 0; ty < th; ty++) {
            double fy = Math.max(0, Math.min(ch - 1, (ty + 0.5) * ch / th - 0.5));
            int iy = (int) fy;
            double dy = fy - iy;
            int iy1 = Math.min(ch - 1, iy + 1);
            for (int tx = 0; tx < tw; tx++) {
                double fx = Math.max(0, Math.min(cw - 1, (tx + 0.5) * cw / tw - 0.5));
                int ix = (int) fx;
                double dx = fx - ix;
                int ix1 = Math.min(cw - 1, ix + 1);
                double v = (m.at(x0 + ix, y0 + iy) * (1 - dx) + m.at(x0 + ix1, y0 + iy) * dx) * (1 - dy)
                        + (m.at(x0 + ix, y0 + iy1) * (1 - dx) + m.at(x0 + ix1, y0 + iy1) * dx) * dy;
                out[ty * tw + tx] = (float) v;
            }
        }
        return out;
    }

    /** MNIST strokes reach full intensity; thin pens shrunk to 20 px would otherwise come out faint grey. */
    private static void stretch(float[] img) {
        float peak = 0;
        for (float v : img) {
            peak = Math.max(peak, v);
        }
        if (peak > 0 && peak < 1) {
            for (int i = 0; i < img.length; i++) {
                img[i] = Math.min(1f, img[i] / peak);
            }
        }
    }

    private static void paste(float[] img, int w, int h, float[] out) {
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = img[y * w + x];
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        // MNIST puts the centre of mass on pixel (14, 14) of the 28x28 field (measured on the MNIST test set)
        int side = DigitImages.SIDE;
        int ox = (int) Math.round(side / 2.0 - mx / mass);
        int oy = (int) Math.round(side / 2.0 - my / mass);
        for (int y = 0; y < h; y++) {
            int ty = y + oy;
            if (ty < 0 || ty >= side) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int tx = x + ox;
                if (tx >= 0 && tx < side) {
                    out[ty * side + tx] = img[y * w + x];
                }
            }
        }
    }
}
