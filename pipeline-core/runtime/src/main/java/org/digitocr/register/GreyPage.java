package org.digitocr.register;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

/** A page as 8-bit luminance (0 black .. 255 white), the form every image-processing step starts from. */
public record GreyPage(byte[] pixels, int width, int height) {

    public static GreyPage of(BufferedImage img) {
        BufferedImage grey = img;
        if (img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            grey = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = grey.createGraphics();
            // transparent parts of a scan are paper: composed on white, not on the new image's black
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
            g.dispose();
        }
        byte[] data = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        if (data.length != img.getWidth() * img.getHeight()) {
            byte[] copy = new byte[img.getWidth() * img.getHeight()];
            grey.getRaster().getDataElements(0, 0, img.getWidth(), img.getHeight(), copy);
            data = copy;
        }
        return new GreyPage(data, img.getWidth(), img.getHeight());
    }

    public int at(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    /** Bilinear sample; outside the page counts as white paper. */
    public double sample(double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
            int i = y0 * width + x0;
            return ((pixels[i] & 0xff) * (1 - fx) + (pixels[i + 1] & 0xff) * fx) * (1 - fy)
                    + ((pixels[i + width] & 0xff) * (1 - fx) + (pixels[i + width + 1] & 0xff) * fx) * fy;
        }
        return (px(x0, y0) * (1 - fx) + px(x0 + 1, y0) * fx) * (1 - fy)
                + (px(x0, y0 + 1) * (1 - fx) + px(x0 + 1, y0 + 1) * fx) * fy;
    }

    private int px(int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 255 : pixels[y * width + x] & 0xff;
    }

    /** A new OpenCV matrix holding a copy of the pixels; the caller closes it. */
    public Mat toMat() {
        Mat m = new Mat(height, width, CV_8UC1);
        m.data().put(pixels);
        return m;
    }
}
