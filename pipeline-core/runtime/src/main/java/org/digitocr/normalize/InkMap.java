package org.digitocr.normalize;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A greyscale image as ink intensity in [0,1] (1 = full ink), whatever the source's colour model or polarity:
 * dark-on-light scans and white-on-black MNIST-style images both come out as ink on an empty background.
 */
public record InkMap(float[] ink, int width, int height) {

    public InkMap {
        if (width < 1 || height < 1 || ink.length != width * height) {
            throw new IllegalArgumentException("ink map " + width + "x" + height + " needs " + width * height + " values");
        }
    }

    public float at(int x, int y) {
        return ink[y * width + x];
    }

    /**
     * Converts an image: luminance, polarity from the border (the border of a digit crop is background),
     * background level subtracted and contrast stretched so that the darkest stroke is full ink.
     */
    public static InkMap of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] lum = new float[w * h];
        var raster = image.getRaster();
        boolean grey = image.getColorModel().getNumComponents() == 1;
        int[] px = new int[raster.getNumBands()];
        double max = (1 << image.getColorModel().getComponentSize(0)) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey) {
                    raster.getPixel(x, y, px);
                    lum[y * w + x] = (float) (px[0] / max);
                } else {
                    int rgb = image.getRGB(x, y);
                    int a = rgb >>> 24;
                    double l = (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff)) / 255.0;
                    // transparent pixels count as paper
                    lum[y * w + x] = (float) (l * a / 255.0 + (255 - a) / 255.0);
                }
            }
        }
        return fromLuminance(lum, w, h);
    }

    /** Builds an ink map from luminance in [0,1]; see {@link #of(BufferedImage)}. */
    public static InkMap fromLuminance(float[] lum, int w, int h) {
        float border = borderMedian(lum, w, h);
        boolean darkInk = border >= 0.5f;
        float[] ink = new float[lum.length];
        float background = darkInk ? 1 - border : border;
        float peak = 0;
        for (int i = 0; i < lum.length; i++) {
            float v = darkInk ? 1 - lum[i] : lum[i];
            ink[i] = Math.max(0f, v - background);
            peak = Math.max(peak, ink[i]);
        }
        if (peak > 0) {
            for (int i = 0; i < ink.length; i++) {
                ink[i] = Math.min(1f, ink[i] / peak);
            }
        }
        return new InkMap(ink, w, h);
    }

    private static float borderMedian(float[] lum, int w, int h) {
        float[] b = new float[2 * w + 2 * h];
        int k = 0;
        for (int x = 0; x < w; x++) {
            b[k++] = lum[x];
            b[k++] = lum[(h - 1) * w + x];
        }
        for (int y = 0; y < h; y++) {
            b[k++] = lum[y * w];
            b[k++] = lum[y * w + w - 1];
        }
        Arrays.sort(b, 0, k);
        return b[k / 2];
    }
}
