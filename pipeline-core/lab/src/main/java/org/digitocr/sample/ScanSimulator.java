package org.digitocr.sample;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.SplittableRandom;

/** Turns a filled form into what a scanner delivers, and remembers where the form landed on the page. */
public final class ScanSimulator {
    private ScanSimulator() {
    }

    /** A simulated scan and the transform from form (template) coordinates to page pixels. */
    public record Scan(BufferedImage page, AffineTransform formToPage) {
    }

    public static Scan scan(BufferedImage form, ScanDistortion d, SplittableRandom rnd) {
        double angle = Math.toRadians((rnd.nextDouble() * 2 - 1) * d.maxRotationDegrees());
        double scale = 1 + (rnd.nextDouble() * 2 - 1) * d.maxScale();
        int w = form.getWidth();
        int h = form.getHeight();
        AffineTransform t = new AffineTransform();
        t.rotate(angle);
        t.scale(scale, scale);
        double[] xs = new double[4];
        double[] ys = new double[4];
        double[][] corners = {{0, 0}, {w, 0}, {0, h}, {w, h}};
        for (int i = 0; i < 4; i++) {
            Point2D p = t.transform(new Point2D.Double(corners[i][0], corners[i][1]), null);
            xs[i] = p.getX();
            ys[i] = p.getY();
        }
        double minX = Math.min(Math.min(xs[0], xs[1]), Math.min(xs[2], xs[3]));
        double maxX = Math.max(Math.max(xs[0], xs[1]), Math.max(xs[2], xs[3]));
        double minY = Math.min(Math.min(ys[0], ys[1]), Math.min(ys[2], ys[3]));
        double maxY = Math.max(Math.max(ys[0], ys[1]), Math.max(ys[2], ys[3]));
        int left = d.maxMargin() == 0 ? 0 : rnd.nextInt(d.maxMargin() + 1);
        int top = d.maxMargin() == 0 ? 0 : rnd.nextInt(d.maxMargin() + 1);
        int right = d.maxMargin() == 0 ? 0 : rnd.nextInt(d.maxMargin() + 1);
        int bottom = d.maxMargin() == 0 ? 0 : rnd.nextInt(d.maxMargin() + 1);
        int pw = (int) Math.ceil(maxX - minX) + left + right;
        int ph = (int) Math.ceil(maxY - minY) + top + bottom;
        AffineTransform toPage = new AffineTransform();
        toPage.translate(left - minX, top - minY);
        toPage.concatenate(t);

        BufferedImage page = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        int bed = 255 - (d.maxPaperTone() == 0 ? 0 : rnd.nextInt(d.maxPaperTone() + 1));
        g.setColor(new Color(bed, bed, bed));
        g.fillRect(0, 0, pw, ph);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(form, toPage, null);
        g.dispose();

        double sigma = rnd.nextDouble() * d.maxBlurSigma();
        if (sigma > 0.3) {
            page = blur(page, sigma);
        }
        double noise = rnd.nextDouble() * d.maxNoise();
        if (noise > 0) {
            addNoise(page, noise, rnd);
        }
        return new Scan(page, toPage);
    }

    private static BufferedImage blur(BufferedImage img, double sigma) {
        int r = (int) Math.ceil(2.5 * sigma);
        float[] k = new float[2 * r + 1];
        float sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        BufferedImage h = new ConvolveOp(new Kernel(k.length, 1, k), ConvolveOp.EDGE_NO_OP, null).filter(img, null);
        return new ConvolveOp(new Kernel(1, k.length, k), ConvolveOp.EDGE_NO_OP, null).filter(h, null);
    }

    private static void addNoise(BufferedImage img, double sigma, SplittableRandom rnd) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                double n = sigma * gaussian(rnd);
                int r = clamp(((rgb >> 16) & 0xff) + n);
                int gg = clamp(((rgb >> 8) & 0xff) + n);
                int b = clamp((rgb & 0xff) + n);
                img.setRGB(x, y, (r << 16) | (gg << 8) | b);
            }
        }
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = Math.max(1e-12, rnd.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
