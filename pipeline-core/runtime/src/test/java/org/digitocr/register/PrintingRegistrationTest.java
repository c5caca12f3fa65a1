package org.digitocr.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.digitocr.form.Anchors;
import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FieldType;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateException;
import org.digitocr.reject.RejectCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Templates made from one sample of a layout without marks, and pages found by its printing. */
class PrintingRegistrationTest {
    @TempDir
    static Path dir;
    static TemplateFromSample maker = new TemplateFromSample(Set.of());
    static TemplateFromSample.Made bankA;

    @BeforeAll
    static void makeTemplate() throws IOException {
        Layouts.Leaf leaf = Layouts.draw(1);
        bankA = maker.make(dir.resolve("bank-a.png"), Layouts.sample(dir, "bank-a", leaf, Layouts.scribble(leaf, 100)));
    }

    @Test
    void keepsTheFieldsAndNoFeatureOfTheWritingInThem() throws IOException {
        FormTemplate t = bankA.template();
        assertEquals("bank-a", t.name());
        assertEquals(List.of(Layouts.WIDTH, Layouts.HEIGHT), List.of(t.width(), t.height()));
        assertEquals(new FieldType.Date(2000, 2099), t.field("date").type());
        assertEquals(FieldType.AMOUNT, t.field("amount").type());
        Anchors.Printing p = (Anchors.Printing) t.anchors();
        assertTrue(p.count() >= 500, p.count() + " features");
        for (FieldSpec f : t.fields()) {
            Box b = f.box();
            for (int i = 0; i < p.count(); i++) {
                float x = p.points()[2 * i];
                float y = p.points()[2 * i + 1];
                assertFalse(x >= b.x() && x <= b.x() + b.width() && y >= b.y() && y <= b.y() + b.height(),
                        "feature at " + x + "," + y + " inside " + f.name());
            }
        }
        // another leaf of the layout with other writing in its boxes makes the same template
        Layouts.Leaf leaf = Layouts.draw(1);
        Path otherDir = Files.createDirectories(dir.resolve("other"));
        assertEquals(bankA.json(), maker.make(otherDir.resolve("bank-a.png"),
                Layouts.sample(otherDir, "bank-a", leaf, Layouts.scribble(leaf, 200))).json());
    }

    /** A filled-in leaf scanned with {@code layoutToPage}, cut to the page's size, saved as JPEG and read back. */
    private static BufferedImage scanned(long layoutSeed, AffineTransform layoutToPage, int width, int height)
            throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(Layouts.scan(Layouts.scribble(Layouts.draw(layoutSeed), 7), layoutToPage, width, height), "jpeg",
                jpeg);
        return ImageIO.read(new ByteArrayInputStream(jpeg.toByteArray()));
    }

    @ParameterizedTest(name = "shift {0},{1} scale {2} turned {3} deg, page {4}x{5}")
    @CsvSource({
        "35, -25, 1.0, 0, 1600, 730",
        "20, 15, 0.5, 0, 840, 400",
        "40, 30, 2.0, 0, 3300, 1550",
        "30, 40, 1.0, 3, 1660, 850",
        "10, 60, 0.8, -2.5, 1320, 700",
        // the left 90 and the bottom 40 template pixels cut off
        "-90, 0, 1.0, 0, 1510, 690",
    })
    void findsTheLayoutShiftedScaledTurnedAndCut(double dx, double dy, double scale, double degrees, int w, int h)
            throws Exception {
        AffineTransform t = new AffineTransform();
        t.translate(dx, dy);
        t.rotate(Math.toRadians(degrees), Layouts.WIDTH * scale / 2, Layouts.HEIGHT * scale / 2);
        t.scale(scale, scale);
        Registration r = new FormRegistrar(List.of(bankA.template()), RegistrationConfig.defaults())
                .register(GreyPage.of(scanned(1, t, w, h)));
        assertEquals("bank-a", r.template().name());
        Layouts.assertFieldsWhere(r, t, Math.max(2, 1.5 * scale));
        assertEquals(scale, r.scale(), 0.02 * scale);
    }

    @Test
    void aLeafOfAnotherLayoutIsRejectedSayingHowWellItMatched() throws Exception {
        BufferedImage page = scanned(2, new AffineTransform(), Layouts.WIDTH, Layouts.HEIGHT);
        RegistrationException e = assertThrows(RegistrationException.class,
                () -> new FormRegistrar(List.of(bankA.template()), RegistrationConfig.defaults()).register(GreyPage.of(page)));
        assertEquals(RejectCode.NO_TEMPLATE_FITS, e.code());
        assertTrue(e.getMessage().matches(".*bank-a: \\d+ of its \\d+ printed features found in place"
                + "( among the page's \\d+ strongest corners)? \\(needs \\d+.*"), e.getMessage());
    }

    @Test
    void aSampleThatIsNoImageOrBoxesOutsideItAreRefusedByName() throws IOException {
        Path notImage = Files.writeString(dir.resolve("notes.png"), "not an image");
        TemplateException e = assertThrows(TemplateException.class,
                () -> maker.make(notImage, dir.resolve("bank-a.fields.json")));
        assertTrue(e.getMessage().startsWith(notImage + ": not a readable image"), e.getMessage());
        Path outside = Files.writeString(dir.resolve("outside.fields.json"), """
                {"name": "x", "fields": [{"name": "date", "box": [1500, 60, 360, 50], "cells": 8, "type": "date"}]}""");
        e = assertThrows(TemplateException.class, () -> maker.make(dir.resolve("bank-a.png"), outside));
        assertTrue(e.getMessage().contains("outside.fields.json: key 'fields[0].box' lies outside"), e.getMessage());
    }
}
