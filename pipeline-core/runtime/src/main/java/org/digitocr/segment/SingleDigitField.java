package org.digitocr.segment;

import java.util.Arrays;
import java.util.Optional;

import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.normalize.InkMap;

/**
 * An image said to hold one digit, read as the forms pipeline reads a one-cell boxed field: laid on paper with a
 * margin and cleaned by the {@link Segmenter}, so that specks, scan noise and too little ink count as no digit
 * exactly as in an empty cell of a form.
 */
public final class SingleDigitField {
    private SingleDigitField() {
    }

    /** The segments of {@code image}: none when it holds no ink a form reader would read, else its one digit. */
    public static FieldSegments segment(InkMap image) {
        int margin = Math.max(4, Math.max(image.width(), image.height()) / 10);
        int bw = image.width() + 2 * margin;
        int bh = image.height() + 2 * margin;
        FieldSpec field = new FieldSpec("digit", new Box(0, 0, bw, bh), 1, Optional.empty(), Optional.empty());
        int w = bw + 2 * Segmenter.PAD + 1;
        int h = bh + 2 * Segmenter.PAD + 1;
        float[] grey = new float[w * h];
        Arrays.fill(grey, 255f);
        int off = Segmenter.PAD + margin;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                grey[(y + off) * w + x + off] = 255f * (1 - image.at(x, y));
            }
        }
        return new Segmenter().segment(new FieldImage(grey, w, h, -Segmenter.PAD, -Segmenter.PAD), field);
    }
}
