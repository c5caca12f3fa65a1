package org.digitocr.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

import org.digitocr.form.Anchors;
import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FormTemplate;

/** Prints a blank form from its template: registration marks, title, field labels, boxes and cell dividers. */
public final class FormRenderer {
    private static final Color PRINT = new Color(25, 25, 25);

    private FormRenderer() {
    }

    public static BufferedImage blank(FormTemplate t, Color paper) {
        BufferedImage img = new BufferedImage(t.width(), t.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(paper);
        g.fillRect(0, 0, t.width(), t.height());
        g.setColor(PRINT);
        Anchors.Marks marks = t.anchors() instanceof Anchors.Marks am ? am : new Anchors.Marks(0, List.of());
        int m = marks.size();
        for (FormTemplate.Point p : marks.centres()) {
            g.fillRect((int) Math.round(p.x() - m / 2.0), (int) Math.round(p.y() - m / 2.0), m, m);
        }
        int titleSize = Math.max(16, t.height() / 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, titleSize));
        int top = marks.centres().stream().mapToInt(p -> (int) p.y()).min().orElse(0);
        g.drawString(t.name().toUpperCase(), t.width() / 2 - g.getFontMetrics().stringWidth(t.name().toUpperCase()) / 2,
                top + m / 2 + titleSize + 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(12, titleSize / 2)));
        g.setStroke(new BasicStroke(3));
        for (FieldSpec f : t.fields()) {
            Box b = f.box();
            g.drawString(f.name(), b.x(), b.y() - 10);
            g.drawRect(b.x(), b.y(), b.width(), b.height());
            if (f.boxed()) {
                g.setStroke(new BasicStroke(2));
                for (int i = 1; i < f.cells(); i++) {
                    int x = f.cell(i).x();
                    g.drawLine(x, b.y(), x, b.y() + b.height());
                }
                g.setStroke(new BasicStroke(3));
            }
        }
        g.dispose();
        return img;
    }
}
