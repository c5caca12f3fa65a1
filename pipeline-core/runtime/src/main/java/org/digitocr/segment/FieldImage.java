package org.digitocr.segment;

import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.register.GreyPage;
import org.digitocr.register.Registration;

/**
 * A field cut out of a registered page and resampled onto the template's pixel grid: luminance 0..255, with
 * {@code (originX, originY)} the template coordinates of its top-left pixel. Working in template coordinates
 * makes box borders and cells lie exactly where the template says, whatever the scan's scale and skew.
 */
public record FieldImage(float[] grey, int width, int height, int originX, int originY) {

    public float at(int x, int y) {
        return grey[y * width + x];
    }

    /**
     * Resamples the field's box plus {@code pad} pixels around it from the page: bilinear, and on a scan of
     * finer resolution than the template the mean of an n x n grid of samples over each template pixel's
     * footprint (n the scale rounded), so thin strokes and noise are averaged rather than picked at random.
     */
    public static FieldImage cut(GreyPage page, Registration reg, FieldSpec field, int pad) {
        Box b = field.box();
        int ox = b.x() - pad;
        int oy = b.y() - pad;
        int w = b.width() + 2 * pad + 1;
        int h = b.height() + 2 * pad + 1;
        int n = Math.max(1, (int) Math.round(reg.scale()));
        float[] g = new float[w * h];
        double[] m = reg.templateToPage();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int sy = 0; sy < n; sy++) {
                    double ty = oy + y + (sy + 0.5) / n - 0.5;
                    for (int sx = 0; sx < n; sx++) {
                        double tx = ox + x + (sx + 0.5) / n - 0.5;
                        sum += page.sample(m[0] * tx + m[1] * ty + m[2], m[3] * tx + m[4] * ty + m[5]);
                    }
                }
                g[y * w + x] = (float) (sum / (n * n));
            }
        }
        return new FieldImage(g, w, h, ox, oy);
    }
}
