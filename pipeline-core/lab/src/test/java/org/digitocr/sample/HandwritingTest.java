package org.digitocr.sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;

class HandwritingTest {
    @Test
    void bigWritingRunsOverTheBoxLines() throws Exception {
        FormTemplate cheque = new TemplateReader(CheckDigits.standard().names())
                .readAll(List.of(TestData.projectRoot().resolve("conf/templates"))).stream()
                .filter(t -> t.name().equals("cheque")).findFirst().orElseThrow();
        FieldSpec account = cheque.fields().stream().filter(FieldSpec::boxed).findFirst().orElseThrow();
        int usual = inkOutside(cheque, account, new Handwriting(LabData.mnist().test()));
        int big = inkOutside(cheque, account, new Handwriting(LabData.mnist().test(), 1.4));
        assertTrue(big > 10 * usual + 1000, "ink outside the box: usual " + usual + " px, big " + big + " px");
    }

    /** Dark pixels above or below the field's box after writing "0808080808" into it ten times. */
    private static int inkOutside(FormTemplate t, FieldSpec f, Handwriting writer) {
        SplittableRandom rnd = new SplittableRandom(5);
        Box b = f.box();
        int outside = 0;
        for (int n = 0; n < 10; n++) {
            BufferedImage page = new BufferedImage(t.width(), t.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = page.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, page.getWidth(), page.getHeight());
            writer.write(g, f, "0808080808".substring(0, f.cells()), Color.BLACK, rnd);
            g.dispose();
            for (int y = 0; y < t.height(); y++) {
                for (int x = b.x(); x < b.x() + b.width(); x++) {
                    boolean out = y < b.y() || y >= b.y() + b.height();
                    outside += out && (page.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
                }
            }
        }
        return outside;
    }

    @Test
    void longValuesInFreeFormBoxesAreWrittenSmallerToStayInside() throws Exception {
        List<FormTemplate> templates = new TemplateReader(CheckDigits.standard().names())
                .readAll(List.of(TestData.projectRoot().resolve("conf/templates")));
        Handwriting writer = new Handwriting(LabData.mnist().test());
        SplittableRandom rnd = new SplittableRandom(3);
        for (FormTemplate t : templates) {
            for (FieldSpec f : t.fields()) {
                if (f.boxed()) {
                    continue;
                }
                Box b = f.box();
                for (int n = 0; n < 20; n++) {
                    BufferedImage page = new BufferedImage(t.width() + 800, t.height(), BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = page.createGraphics();
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, page.getWidth(), page.getHeight());
                    String value = "80808080".substring(0, 7 + n % 2);
                    writer.write(g, f, value, Color.BLACK, rnd);
                    g.dispose();
                    int right = -1;
                    for (int y = b.y(); y < b.y() + b.height(); y++) {
                        for (int x = b.x(); x < page.getWidth(); x++) {
                            right = (page.getRGB(x, y) & 0xff) < 128 ? Math.max(right, x) : right;
                        }
                    }
                    assertTrue(right > b.x() + b.width() / 2, t.name() + "/" + f.name() + ": '" + value + "' written");
                    assertTrue(right < b.x() + b.width(), t.name() + "/" + f.name() + ": '" + value
                            + "' runs to x=" + right + ", past the box's right border at " + (b.x() + b.width()));
                }
            }
        }
    }
}
