package org.digitocr.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.digitocr.form.Anchors;
import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FormTemplate;
import org.digitocr.reject.RejectCode;

/**
 * Identifies which template a scanned page is and maps it onto that template's coordinates. Templates without
 * registration marks are found by their printing ({@link PrintingRegistrar}). For each template with marks
 * it matches the registration marks (solid squares) found on the page against the template's marks under a
 * similarity transform within the scan's expected scale and rotation, fits an affine map to all matched marks,
 * and checks the fit's residual; it then confirms the template by finding its printed field boxes where the
 * fit puts them. Pages fed sideways or upside down are read in whichever quarter turn shows the boxes (marks
 * alone are symmetric). A page no template fits is refused with the reason, never guessed.
 */
public final class FormRegistrar {
    /** How much more of the box borders a quarter-turned reading of a page must find than the upright one. */
    private static final double TURN_MARGIN = 0.1;

    /** Templates with registration marks. */
    private final List<FormTemplate> templates;
    private final PrintingRegistrar byPrinting;
    private final RegistrationConfig cfg;

    public FormRegistrar(List<FormTemplate> templates, RegistrationConfig cfg) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("need at least one template");
        }
        this.templates = templates.stream().filter(t -> t.anchors() instanceof Anchors.Marks).toList();
        List<FormTemplate> printed = templates.stream().filter(t -> t.anchors() instanceof Anchors.Printing).toList();
        this.byPrinting = printed.isEmpty() ? null : new PrintingRegistrar(printed, cfg);
        this.cfg = cfg;
    }

    /**
     * The template the page is and where; a form with registration marks that fits is preferred to a layout
     * found by its printing (marks are printed to be found, and its boxes are checked).
     */
    public Registration register(GreyPage page) throws RegistrationException {
        List<String> why = new ArrayList<>();
        Registration best = templates.isEmpty() ? null : registerByMarks(page, why);
        if (best == null && byPrinting != null) {
            best = byPrinting.register(page, why);
        }
        if (best == null) {
            throw new RegistrationException(RejectCode.NO_TEMPLATE_FITS, "page fits no template: " + String.join("; ", why));
        }
        return best;
    }

    private Registration registerByMarks(GreyPage page, List<String> why) throws RegistrationException {
        int minMark = templates.stream().mapToInt(FormRegistrar::markSize).min().orElseThrow();
        int maxMark = templates.stream().mapToInt(FormRegistrar::markSize).max().orElseThrow();
        double minSide = minMark * cfg.minScale() * 0.8;
        double maxSide = maxMark * cfg.maxScale() * 1.2;
        MarkFinder.Found found = MarkFinder.find(page, minSide, maxSide);
        Registration best = bestFit(page, found, new ArrayList<>());
        if (best != null) {
            return best;
        }
        // the marks' size if the page is one of the forms scanned to its edges (at most: the form fits on the page)
        double filled = templates.stream().mapToDouble(t -> markSize(t)
                * Math.min((double) page.width() / t.width(), (double) page.height() / t.height())).max().orElseThrow();
        found = MarkFinder.findAgainstPaper(page, found, minSide, maxSide, filled);
        if (found.candidates().size() < 3) {
            String none = String.format(Locale.ROOT, "no registration marks found (%d square marks on the page; a blank"
                    + " page, an unknown form, marks cut off, or a scan outside %.1f-%.1f times the template's"
                    + " resolution)", found.candidates().size(), cfg.minScale(), cfg.maxScale());
            if (byPrinting == null) {
                throw new RegistrationException(RejectCode.NO_REGISTRATION_MARKS, none);
            }
            why.add(none);
            return null;
        }
        return bestFit(page, found, why);
    }

    /** The template whose marks and boxes fit best among {@code found}, or null (saying why in {@code why}). */
    private Registration bestFit(GreyPage page, MarkFinder.Found found, List<String> why) {
        Registration best = null;
        for (FormTemplate t : templates) {
            Optional<Registration> r = fit(t, page, found, why);
            if (r.isPresent() && (best == null || r.get().evidence() > best.evidence())) {
                best = r.get();
            }
        }
        return best;
    }

    private static int markSize(FormTemplate t) {
        return ((Anchors.Marks) t.anchors()).size();
    }

    private static List<FormTemplate.Point> marks(FormTemplate t) {
        return ((Anchors.Marks) t.anchors()).centres();
    }

    private Optional<Registration> fit(FormTemplate t, GreyPage page, MarkFinder.Found found, List<String> why) {
        List<Blob> cands = new ArrayList<>();
        for (Blob b : found.candidates()) {
            double side = Math.sqrt(b.area());
            if (side >= markSize(t) * cfg.minScale() * 0.8 && side <= markSize(t) * cfg.maxScale() * 1.2) {
                cands.add(b);
            }
        }
        MarkFit[] byTurn = markFits(t, cands);
        Registration best = null;
        int bestTurn = -1;
        String failure = null;
        for (int turn = 0; turn < byTurn.length; turn++) {
            MarkFit m = byTurn[turn];
            if (m == null) {
                continue;
            }
            double maxResidual = Math.max(cfg.maxResidualPixels(), 0.1 * markSize(t) * m.scale());
            if (m.residual() > maxResidual) {
                failure = failure != null ? failure : String.format(Locale.ROOT, "%s: marks found but their layout is"
                        + " off by %.1f px (limit %.1f)", t.name(), m.residual(), maxResidual);
                continue;
            }
            double[] affine = PlaneFit.affine(m.from(), m.to());
            double evidence = boxEvidence(t, affine, page, found.threshold());
            if (evidence < cfg.minBoxEvidence()) {
                failure = failure != null ? failure : String.format(Locale.ROOT, "%s: marks fit but its field boxes"
                        + " are not printed there (%.0f%% found)", t.name(), 100 * evidence);
                continue;
            }
            // a page the right way up keeps its orientation unless a turned one shows clearly more of the boxes
            if (best == null || evidence > best.evidence() + (bestTurn == 0 ? TURN_MARGIN : 0)) {
                best = new Registration(t, affine, m.residual(), m.scale(), evidence);
                bestTurn = turn;
            }
        }
        if (best == null) {
            why.add(failure != null ? failure : String.format(Locale.ROOT, "%s: its %d marks are not all on the page at"
                    + " %.1f-%.1f times its resolution", t.name(), marks(t).size(), cfg.minScale(), cfg.maxScale()));
        }
        return Optional.ofNullable(best);
    }

    /**
     * For each quarter turn of the page (0, 90, 180, 270 degrees; only 0 unless the configuration allows pages
     * fed turned), the similarity that matches every template mark to a mark on the page with the smallest
     * residual, or null where none does.
     */
    private MarkFit[] markFits(FormTemplate t, List<Blob> cands) {
        List<FormTemplate.Point> marks = marks(t);
        int[] pair = farthestPair(marks);
        FormTemplate.Point ta = marks.get(pair[0]);
        FormTemplate.Point tb = marks.get(pair[1]);
        double[][] from = new double[marks.size()][];
        for (int k = 0; k < marks.size(); k++) {
            from[k] = new double[] {marks.get(k).x(), marks.get(k).y()};
        }
        MarkFit[] best = new MarkFit[cfg.anyQuarterTurn() ? 4 : 1];
        for (Blob ci : cands) {
            for (Blob cj : cands) {
                if (ci == cj) {
                    continue;
                }
                double[] sim = PlaneFit.similarity(new double[][] {{ta.x(), ta.y()}, {tb.x(), tb.y()}},
                        new double[][] {{ci.cx(), ci.cy()}, {cj.cx(), cj.cy()}});
                double scale = Math.hypot(sim[0], sim[1]);
                double angle = Math.toDegrees(Math.atan2(sim[1], sim[0]));
                long quarters = Math.round(angle / 90);
                int turn = (int) Math.floorMod(quarters, 4L);
                double skew = angle - 90 * quarters;
                if (scale < cfg.minScale() || scale > cfg.maxScale() || Math.abs(skew) > cfg.maxRotationDegrees()
                        || turn >= best.length) {
                    continue;
                }
                double tol = markSize(t) * scale * 0.6;
                double[][] to = new double[marks.size()][];
                boolean all = true;
                for (int k = 0; k < marks.size() && all; k++) {
                    double[] p = PlaneFit.applySimilarity(sim, from[k][0], from[k][1]);
                    Blob near = nearest(cands, p, tol);
                    if (near == null) {
                        all = false;
                    } else {
                        to[k] = new double[] {near.cx(), near.cy()};
                    }
                }
                if (!all) {
                    continue;
                }
                double[] s = PlaneFit.similarity(from, to);
                double res = PlaneFit.rmsSimilarity(s, from, to);
                if (best[turn] == null || res < best[turn].residual()) {
                    best[turn] = new MarkFit(from, to, res, Math.hypot(s[0], s[1]));
                }
            }
        }
        return best;
    }

    /** Template marks, the page marks matched to them, the RMS residual of their similarity fit and its scale. */
    private record MarkFit(double[][] from, double[][] to, double residual, double scale) {
    }

    /**
     * Share of sample points along every field box border that are dark on the page: at or below the page's Otsu
     * threshold, as OpenCV counts it (on a bilevel scan the threshold is the black level itself).
     */
    static double boxEvidence(FormTemplate t, double[] affine, GreyPage page, double threshold) {
        int dark = 0;
        int total = 0;
        for (FieldSpec f : t.fields()) {
            Box b = f.box();
            int steps = 40;
            for (int i = 0; i <= steps; i++) {
                double u = (double) i / steps;
                double[][] pts = {{b.x() + u * b.width(), b.y()}, {b.x() + u * b.width(), b.y() + b.height()},
                        {b.x(), b.y() + u * b.height()}, {b.x() + b.width(), b.y() + u * b.height()}};
                for (double[] p : pts) {
                    total++;
                    dark += darkNear(page, PlaneFit.applyAffine(affine, p[0], p[1]), threshold) ? 1 : 0;
                }
            }
        }
        return (double) dark / total;
    }

    private static boolean darkNear(GreyPage page, double[] p, double threshold) {
        int x0 = (int) Math.round(p[0]);
        int y0 = (int) Math.round(p[1]);
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int x = x0 + dx;
                int y = y0 + dy;
                if (x >= 0 && y >= 0 && x < page.width() && y < page.height() && page.at(x, y) <= threshold) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Blob nearest(List<Blob> cands, double[] p, double tol) {
        Blob best = null;
        double bd = tol;
        for (Blob b : cands) {
            double d = Math.hypot(b.cx() - p[0], b.cy() - p[1]);
            if (d <= bd) {
                bd = d;
                best = b;
            }
        }
        return best;
    }

    private static int[] farthestPair(List<FormTemplate.Point> marks) {
        int[] best = {0, 1};
        double bd = -1;
        for (int i = 0; i < marks.size(); i++) {
            for (int j = i + 1; j < marks.size(); j++) {
                double d = Math.hypot(marks.get(i).x() - marks.get(j).x(), marks.get(i).y() - marks.get(j).y());
                if (d > bd) {
                    bd = d;
                    best = new int[] {i, j};
                }
            }
        }
        return best;
    }
}
