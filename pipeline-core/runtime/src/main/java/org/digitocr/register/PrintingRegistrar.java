package org.digitocr.register;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.digitocr.form.Anchors;
import org.digitocr.form.FormTemplate;

/**
 * Finds layouts without registration marks on a page by their own printing: the page's ORB features are matched
 * to each template's, and a template fits where enough of its features agree on one affine map of a plausible
 * scale, skew and stretch, spread over the layout rather than bunched in one corner. The template with the most
 * agreeing features wins. Each template is first tried with the page's strongest corners only, so that the layouts a
 * page is not cost a fraction of a full match. Thread-safe.
 */
final class PrintingRegistrar {
    /**
     * Fewest features that must agree on the map. A real cheque rescanned finds 517-677 of its layout's 1,500, and
     * 7-17 of another bank's layout (shared MICR digits and printed labels).
     */
    static final int MIN_INLIERS = 60;
    /**
     * Share of the template's width and of its height the agreeing features must span: more than one line of print
     * (a MICR band alone fixes no map), less than a cut-off leaf may leave.
     */
    private static final double MIN_SPREAD = 0.15;
    /** Largest ratio of a map's largest to smallest stretch (its singular values): scans are not sheared or squeezed. */
    private static final double MAX_STRETCH = 1.1;

    /** Page corners of the first look at each template ... */
    private static final int GLANCE = 400;
    /**
     * ... and how many of them must agree on a map for the full match to be tried: on 160 generated and the 4 real
     * cheques of four banks, a cheque's own layout got 95-391 (median 164), another bank's at most 24.
     */
    static final int GLANCE_INLIERS = 30;

    private final List<FormTemplate> templates;
    private final RegistrationConfig cfg;

    PrintingRegistrar(List<FormTemplate> templates, RegistrationConfig cfg) {
        this.templates = List.copyOf(templates);
        this.cfg = cfg;
    }

    /** The best fitting template, or null with why each did not fit added to {@code why}. */
    Registration register(GreyPage page, List<String> why) {
        Map<Integer, Anchors.Printing> pageFeatures = new HashMap<>();
        Registration best = null;
        int bestInliers = 0;
        for (FormTemplate t : templates) {
            Anchors.Printing tf = (Anchors.Printing) t.anchors();
            Anchors.Printing pf = pageFeatures.computeIfAbsent(tf.workWidth(),
                    w -> PrintingFeatures.detect(page, w, List.of()));
            // a first look with the page's strongest corners: another layout's template is refused at a fraction of
            // the cost of matching them all
            PrintingMatcher.Fit glance = PrintingMatcher.fit(tf, strongest(pf, GLANCE), page.width(), t.width(),
                    t.height());
            if (glance.inliers() < GLANCE_INLIERS) {
                why.add(String.format(Locale.ROOT, "%s: %d of its %d printed features found in place among the page's"
                        + " %d strongest corners (needs %d; %d looked alike)", t.name(), glance.inliers(), tf.count(),
                        Math.min(GLANCE, pf.count()), GLANCE_INLIERS, glance.matches()));
                continue;
            }
            PrintingMatcher.Fit fit = PrintingMatcher.fit(tf, pf, page.width(), t.width(), t.height());
            String failure = failure(t, tf, fit);
            if (failure != null) {
                why.add(failure);
            } else if (fit.inliers() > bestInliers) {
                double[] a = fit.templateToPage();
                best = new Registration(t, a, fit.residual(), scale(a),
                        (double) fit.inliers() / tf.count());
                bestInliers = fit.inliers();
            }
        }
        return best;
    }

    private String failure(FormTemplate t, Anchors.Printing tf, PrintingMatcher.Fit fit) {
        String found = String.format(Locale.ROOT, "%s: %d of its %d printed features found in place", t.name(),
                fit.inliers(), tf.count());
        if (fit.templateToPage() == null || fit.inliers() < MIN_INLIERS) {
            return found + String.format(Locale.ROOT, " (needs %d; %d looked alike)", MIN_INLIERS, fit.matches());
        }
        if (fit.spread() < MIN_SPREAD) {
            return found + String.format(Locale.ROOT, ", but bunched in %.0f%% of the layout (needs %.0f%%)",
                    100 * fit.spread(), 100 * MIN_SPREAD);
        }
        double[] a = fit.templateToPage();
        double det = a[0] * a[4] - a[1] * a[3];
        double scale = scale(a);
        if (scale < cfg.minScale() || scale > cfg.maxScale()) {
            return found + String.format(Locale.ROOT, ", at %.2f times its size (outside %.1f-%.1f)", scale,
                    cfg.minScale(), cfg.maxScale());
        }
        double stretch = stretch(a);
        if (stretch > MAX_STRETCH || det < 0) {
            return found + String.format(Locale.ROOT, ", but %s", det < 0 ? "mirrored"
                    : String.format(Locale.ROOT, "sheared or squeezed %.2f:1", stretch));
        }
        double angle = Math.toDegrees(Math.atan2(a[3], a[0]));
        long quarters = Math.round(angle / 90);
        double skew = angle - 90 * quarters;
        if (Math.abs(skew) > cfg.maxRotationDegrees() || (quarters % 4 != 0 && !cfg.anyQuarterTurn())) {
            return found + String.format(Locale.ROOT, ", but turned %.1f degrees", angle);
        }
        return null;
    }

    /** The first {@code n} features (the strongest: {@link PrintingFeatures#detect} orders them). */
    private static Anchors.Printing strongest(Anchors.Printing f, int n) {
        if (f.count() <= n) {
            return f;
        }
        return new Anchors.Printing(f.workWidth(), java.util.Arrays.copyOf(f.points(), 2 * n),
                java.util.Arrays.copyOf(f.descriptors(), n * Anchors.Printing.DESCRIPTOR_BYTES));
    }

    /** How many page pixels one template pixel spans: the square root of the map's area ratio. */
    private static double scale(double[] a) {
        return Math.sqrt(Math.abs(a[0] * a[4] - a[1] * a[3]));
    }

    /** Ratio of the larger to the smaller singular value of the map's linear part (1 for a similarity). */
    private static double stretch(double[] a) {
        double e = (a[0] + a[4]) / 2;
        double f = (a[0] - a[4]) / 2;
        double g = (a[3] + a[1]) / 2;
        double h = (a[3] - a[1]) / 2;
        double q = Math.hypot(e, h);
        double r = Math.hypot(f, g);
        return (q + r) / Math.max(1e-12, Math.abs(q - r));
    }
}
