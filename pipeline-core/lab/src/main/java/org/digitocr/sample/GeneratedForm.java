package org.digitocr.sample;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * A simulated filled and scanned form with its ground truth: the template, the value written in each field
 * ("" for a field left empty) and where the form landed on the page.
 */
public record GeneratedForm(BufferedImage page, String template, Map<String, String> values,
                            AffineTransform formToPage) {
}
