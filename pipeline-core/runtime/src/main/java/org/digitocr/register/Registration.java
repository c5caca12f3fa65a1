package org.digitocr.register;

import org.digitocr.form.FormTemplate;

/**
 * A page identified as a template and mapped onto its coordinates.
 *
 * @param template        the template the page is
 * @param templateToPage  affine map {a,b,c,d,e,f}: page x = a tx + b ty + c, page y = d tx + e ty + f
 * @param residual        RMS distance in page pixels between found marks (or features) and where the fit puts them
 * @param scale           page pixels per template pixel
 * @param evidence        how well the layout matched (0..1): the share of its printed box borders found dark on
 *                        the page (templates with marks), or of its printed features found in place (without)
 */
public record Registration(FormTemplate template, double[] templateToPage, double residual, double scale,
                           double evidence) {

    /** Where a template point lies on the page. */
    public double[] toPage(double x, double y) {
        return PlaneFit.applyAffine(templateToPage, x, y);
    }

    /** How far the page is turned from the template, in degrees (-180..180; about 0 for a page fed upright). */
    public double rotationDegrees() {
        return Math.toDegrees(Math.atan2(templateToPage[3], templateToPage[0]));
    }

    /** Where a page point lies on the template. */
    public double[] toTemplate(double x, double y) {
        return PlaneFit.applyAffine(PlaneFit.invertAffine(templateToPage), x, y);
    }
}
