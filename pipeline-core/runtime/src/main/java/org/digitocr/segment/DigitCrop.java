package org.digitocr.segment;

import org.digitocr.form.Box;
import org.digitocr.normalize.InkMap;

/** One digit cut out of a field: its ink (for normalisation) and where it sits, in template coordinates. */
public record DigitCrop(InkMap ink, Box where) {
}
