package org.digitocr.segment;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponents;

/** 8-connected components of an ink mask (OpenCV), each as its list of pixel indices and bounding box. */
final class Components {
    private Components() {
    }

    /** A set of ink pixels (indices into the mask) with its bounding box. */
    record Part(int[] pixels, int x0, int y0, int x1, int y1) {
        int width() {
            return x1 - x0 + 1;
        }

        int height() {
            return y1 - y0 + 1;
        }

        int area() {
            return pixels.length;
        }

        /** The part made of {@code pixels} (indices into an image {@code width} wide), with their bounding box. */
        static Part of(int[] pixels, int width) {
            int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
            for (int i : pixels) {
                x0 = Math.min(x0, i % width);
                x1 = Math.max(x1, i % width);
                y0 = Math.min(y0, i / width);
                y1 = Math.max(y1, i / width);
            }
            return new Part(pixels, x0, y0, x1, y1);
        }

        static Part union(List<Part> parts) {
            int n = parts.stream().mapToInt(Part::area).sum();
            int[] px = new int[n];
            int k = 0;
            int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
            for (Part p : parts) {
                System.arraycopy(p.pixels, 0, px, k, p.area());
                k += p.area();
                x0 = Math.min(x0, p.x0);
                y0 = Math.min(y0, p.y0);
                x1 = Math.max(x1, p.x1);
                y1 = Math.max(y1, p.y1);
            }
            return new Part(px, x0, y0, x1, y1);
        }
    }

    static List<Part> of(boolean[] ink, int width, int height) {
        List<Part> parts = new ArrayList<>();
        try (Mat m = new Mat(height, width, CV_8UC1); Mat labels = new Mat()) {
            byte[] b = new byte[ink.length];
            for (int i = 0; i < ink.length; i++) {
                b[i] = ink[i] ? (byte) 255 : 0;
            }
            m.data().put(b);
            int n = connectedComponents(m, labels, 8, CV_32S);
            int[] count = new int[n];
            int[] lab = new int[ink.length];
            try (IntIndexer li = labels.createIndexer()) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int l = li.get(y, x);
                        lab[y * width + x] = l;
                        count[l]++;
                    }
                }
            }
            int[][] px = new int[n][];
            int[] fill = new int[n];
            int[] x0 = new int[n], y0 = new int[n], x1 = new int[n], y1 = new int[n];
            for (int l = 1; l < n; l++) {
                px[l] = new int[count[l]];
                x0[l] = Integer.MAX_VALUE;
                y0[l] = Integer.MAX_VALUE;
                x1[l] = -1;
                y1[l] = -1;
            }
            for (int i = 0; i < lab.length; i++) {
                int l = lab[i];
                if (l == 0) {
                    continue;
                }
                px[l][fill[l]++] = i;
                int x = i % width;
                int y = i / width;
                x0[l] = Math.min(x0[l], x);
                y0[l] = Math.min(y0[l], y);
                x1[l] = Math.max(x1[l], x);
                y1[l] = Math.max(y1[l], y);
            }
            for (int l = 1; l < n; l++) {
                parts.add(new Part(px[l], x0[l], y0[l], x1[l], y1[l]));
            }
        }
        return parts;
    }
}
