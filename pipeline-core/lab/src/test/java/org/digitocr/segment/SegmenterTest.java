package org.digitocr.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.digitocr.LabData;
import org.digitocr.TestData;
import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FieldType;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitClassifier;
import org.digitocr.model.DigitPrediction;
import org.digitocr.normalize.InkMap;
import org.digitocr.normalize.MnistNormalizer;
import org.digitocr.register.FormRegistrar;
import org.digitocr.register.GreyPage;
import org.digitocr.register.Registration;
import org.digitocr.register.RegistrationConfig;
import org.digitocr.sample.GeneratedForm;
import org.digitocr.sample.SampleFormGenerator;
import org.digitocr.sample.ScanDistortion;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;

/** Digit counts found in fields of generated, distorted scans against what was written; cuts of touching ink. */
class SegmenterTest {
    @Test
    void offersTheCutBesideANarrowDigitInTouchingInk() {
        LabelledDigits test = LabData.mnist().test();
        float[] grey = blankField();
        int one = slantedOne(test);
        int four = first(test, 4);
        paste(grey, test, first(test, 7), 0, 3);
        // side by side, joined by a short pen stroke at mid-height as a quick writer joins them
        int[] oneInk = inkColumns(test, one);
        int[] fourInk = inkColumns(test, four);
        int fourX = 90 + 3 * (oneInk[1] - fourInk[0]);
        paste(grey, test, one, 90, 3);
        paste(grey, test, four, fourX, 3);
        for (int y = 64; y < 68; y++) {
            for (int x = 90 + 3 * oneInk[1] - 3; x <= fourX + 3 * fourInk[0] + 3; x++) {
                grey[(y + Segmenter.PAD) * W + x + Segmenter.PAD] = 30f;
            }
        }
        paste(grey, test, first(test, 9), 240, 3);
        FieldSegments s = segmentField(grey);

        assertEquals(3, s.units(), "7, the touching 1 and 4, and 9: " + s.notes());
        try (DigitClassifier c = DigitClassifier.load(TestData.bundledModel())) {
            boolean found = false;
            for (FieldSegments.Candidate cand : s.candidates()) {
                List<DigitCrop> option = cand.digits();
                if (cand.from() == 1 && cand.to() == 2 && option.size() == 2) {
                    float[] batch = new float[2 * DigitImages.PIXELS];
                    System.arraycopy(MnistNormalizer.normalize(option.get(0).ink()), 0, batch, 0, DigitImages.PIXELS);
                    System.arraycopy(MnistNormalizer.normalize(option.get(1).ink()), 0, batch, DigitImages.PIXELS,
                            DigitImages.PIXELS);
                    List<DigitPrediction> p = c.classify(batch, 2);
                    found |= p.get(0).digit() == 1 && p.get(1).digit() == 4;
                }
            }
            assertTrue(found, "no reading of the ink as 1 then 4 among " + s.candidates().size() + " candidates");
        }
    }

    @Test
    void offersADigitWrittenInTwoStrokesJoined() {
        LabelledDigits test = LabData.mnist().test();
        float[] grey = blankField();
        int four = first(test, 4);
        paste(grey, test, first(test, 7), 0, 3);
        paste(grey, test, four, 100, 3);
        // the pen lifted in the middle of the 4: a gap of four pixels through its ink
        int[] cols = inkColumns(test, four);
        int gapX = 100 + 3 * (cols[0] + cols[1]) / 2 + Segmenter.PAD;
        for (int y = 0; y < H; y++) {
            for (int x = gapX - 2; x < gapX + 2; x++) {
                grey[y * W + x] = 240f;
            }
        }
        FieldSegments s = segmentField(grey);

        assertEquals(3, s.units(), "the 7 and the two strokes of the 4: " + s.notes());
        try (DigitClassifier c = DigitClassifier.load(TestData.bundledModel())) {
            FieldSegments.Candidate joined = s.candidates().stream().filter(k -> k.from() == 1 && k.to() == 3)
                    .findFirst().orElseThrow(() -> new AssertionError("the two strokes are not offered as one digit"));
            float[] batch = MnistNormalizer.normalize(joined.digits().get(0).ink());
            assertEquals(4, c.classify(batch, 1).get(0).digit());
        }
    }

    @Test
    void inkNoCutSplitsIntoDigitsIsPreferredWhole() {
        LabelledDigits test = LabData.mnist().test();
        float[] grey = blankField();
        int two = first(test, 2);
        paste(grey, test, first(test, 7), 0, 3);
        paste(grey, test, two, 90, 3);
        // the 2's base drawn on as a long underline: ink as wide as several digits, and any cut of it into digits
        // leaves a piece that is only the line
        int bottom = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 90 + Segmenter.PAD; x < W; x++) {
                bottom = grey[y * W + x] < 128 ? y : bottom;
            }
        }
        for (int y = bottom - 4; y <= bottom; y++) {
            for (int x = 90 + 3 * inkColumns(test, two)[0] + Segmenter.PAD; x < 330 + Segmenter.PAD; x++) {
                grey[y * W + x] = 30f;
            }
        }
        FieldSegments s = segmentField(grey);

        assertEquals(2, s.units(), "the 7 and the underlined 2: " + s.notes());
        List<FieldSegments.Candidate> preferred = s.preferredPath();
        assertEquals(2, s.digits().size(), "preferred reading " + preferred + ", notes " + s.notes());
        assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("no plausible cut")), s.notes().toString());
        assertTrue(s.doubt());
    }

    @Test
    void aBroadOneIsNotSlicedIntoTwo() {
        // a 1 written with a felt-tip as broad as half its height: wide enough to be tried as two digits, but the
        // only cuts through it run down the inside of its one stroke
        FieldSegments s = segmentField(sevenBesideABar(120, 25, 30, 60));

        assertEquals(2, s.units(), "the 7 and the broad 1: " + s.notes());
        assertEquals(2, s.digits().size(), "preferred reading " + s.preferredPath());
        assertTrue(s.candidates().stream().noneMatch(c -> c.from() == 1 && c.digits().size() > 1),
                "the broad 1 is offered sliced: " + s.candidates());
    }

    @Test
    void aStrokeBroaderThanTheThresholdWindowKeepsItsInside() {
        // a marker's stroke 44 px broad, wider than the local threshold's window: its inside is as dark as its edges
        FieldSegments s = segmentField(sevenBesideABar(120, 15, 44, 80));

        assertEquals(2, s.units(), s.notes().toString());
        InkMap bar = s.digits().get(1).ink();
        int inked = 0;
        for (int y = 0; y < bar.height(); y++) {
            for (int x = 0; x < bar.width(); x++) {
                inked += bar.at(x, y) > 0.5f ? 1 : 0;
            }
        }
        assertTrue(inked >= 0.95 * 44 * 80, "ink kept of the broad stroke: " + inked + " of " + 44 * 80 + " pixels");
    }

    @Test
    void writingThatRunsPastTheBoxIsInDoubt() {
        LabelledDigits test = LabData.mnist().test();
        float[] inside = blankField();
        paste(inside, test, first(test, 3), 0, 3);
        paste(inside, test, first(test, 0), 250, 3);
        drawBorder(inside);
        FieldSegments kept = segmentField(inside);
        assertEquals(2, kept.digits().size(), kept.notes().toString());
        assertTrue(kept.notes().stream().noneMatch(n -> n.contains("past the box")), kept.notes().toString());

        // the same 0 written so far right that a third of it lies beyond the right border
        float[] past = blankField();
        paste(past, test, first(test, 3), 0, 3);
        paste(past, test, first(test, 0), 300, 3);
        drawBorder(past);
        FieldSegments spilled = segmentField(past);
        assertTrue(spilled.notes().contains("ink runs past the box"), spilled.notes().toString());
        assertTrue(spilled.doubt());
    }

    @Test
    void aDigitWrittenOverTheBorderIsReadWhole() {
        LabelledDigits test = LabData.mnist().test();
        int zero = first(test, 0);
        int[] rows = inkRows(test, zero);
        float[] grey = blankField();
        paste(grey, test, first(test, 3), 0, 25, 3);
        // the 0 written large: its last row of ink 10 px below the bottom border
        paste(grey, test, zero, 150, FIELD.box().height() + 10 - 3 * rows[1], 3);
        drawBorder(grey);
        FieldSegments s = segmentField(grey);
        assertEquals(2, s.digits().size(), s.notes().toString());
        assertTrue(s.notes().stream().noneMatch(n -> n.contains("past the box")), s.notes().toString());
        Box zeroInk = s.digits().get(1).where();
        assertTrue(zeroInk.y() + zeroInk.height() >= FIELD.box().height() + 9,
                "the 0 read down to " + (zeroInk.y() + zeroInk.height()) + " of " + (FIELD.box().height() + 10));
    }

    @Test
    void aStrokeWrittenFarOverTheBottomBorderIsReadWholeInTheFieldsCut() {
        // a 1 written from near the top of the box to 30 px below its bottom border
        FieldSegments tight = segmentLongOne(Segmenter.PAD);
        assertTrue(tight.notes().contains("ink runs past the box"), "cut 16 px around: " + tight.notes());

        FieldSegments s = segmentLongOne(Segmenter.pad(FIELD));
        assertEquals(1, s.digits().size(), s.notes().toString());
        assertTrue(s.notes().isEmpty(), s.notes().toString());
        Box one = s.digits().get(0).where();
        assertTrue(one.y() + one.height() >= FIELD.box().height() + 29, "the 1 read down to " + (one.y() + one.height()));
    }

    /** The field cut {@code pad} pixels around its box, holding a 1 from row 20 to 30 px below the box, and its border. */
    private static FieldSegments segmentLongOne(int pad) {
        int w = FIELD.box().width() + 2 * pad + 1;
        int h = FIELD.box().height() + 2 * pad + 1;
        float[] grey = new float[w * h];
        Arrays.fill(grey, 240f);
        for (int y = pad + 20; y < Math.min(h, pad + FIELD.box().height() + 30); y++) {
            Arrays.fill(grey, y * w + pad + 150, y * w + pad + 160, 30f);
        }
        drawBorder(grey, w, h, pad);
        return new Segmenter().segment(new FieldImage(grey, w, h, -pad, -pad), FIELD);
    }

    @Test
    void aFaintStrayMarkBesideTheDigitsIsNotADigit() {
        LabelledDigits test = LabData.mnist().test();
        int one = first(test, 1);
        float[] grey = blankField();
        paste(grey, test, one, 0, 3);
        paste(grey, test, one, 80, 3);
        // a thin upright tick half as high as the 1s, right of them: pale (a pencil line, dust) and then dark
        drawTick(grey, 200, 120f);
        FieldSegments faint = segmentField(grey);
        assertEquals(2, faint.digits().size(), faint.notes().toString());
        assertTrue(faint.notes().contains("faint mark ignored"), faint.notes().toString());
        assertTrue(faint.doubt());

        drawTick(grey, 200, 30f);
        FieldSegments dark = segmentField(grey);
        assertEquals(3, dark.units(), "a mark in the writing's own ink is left to recognition: " + dark.notes());
        assertTrue(dark.notes().stream().noneMatch(n -> n.contains("faint mark")), dark.notes().toString());
    }

    @Test
    void aDecimalPointOrADashBesideTheDigitsSendsTheFieldToReview() {
        // "12.5" and "125-", the first MNIST 5's flag written apart from its body: joined to the 2 or the 5 the
        // point or dash would change its shape; dropped silently, the value reads "125", a tenth of "12.5"
        LabelledDigits test = LabData.mnist().test();
        int two = first(test, 2);
        int five = first(test, 5);
        int[] twoInk = inkColumns(test, two);
        int[] twoRows = inkRows(test, two);
        for (int gap : new int[] {6, 12, 20}) {
            float[] grey = blankField();
            paste(grey, test, first(test, 1), 0, 3);
            paste(grey, test, two, 50, 3);
            int pointX = 50 + 3 * (twoInk[1] + 1) + gap;
            fill(grey, pointX, 25 + 3 * twoRows[1] - 7, 8, 8);
            paste(grey, test, five, pointX + 8 + gap - 3 * inkColumns(test, five)[0], 3);
            FieldSegments s = segmentField(grey);
            assertEquals(3, s.units(), "1, 2 and 5, gap " + gap + ": " + s.notes());
            assertTrue(s.notes().contains("punctuation mark ignored"), "gap " + gap + ": " + s.notes());
            assertTrue(s.doubt());
        }
        float[] grey = blankField();
        paste(grey, test, first(test, 1), 0, 3);
        paste(grey, test, two, 50, 3);
        paste(grey, test, five, 120, 3);
        int dashX = 120 + 3 * (inkColumns(test, five)[1] + 1) + 8;
        fill(grey, dashX, 25 + 3 * (twoRows[0] + twoRows[1]) / 2, 24, 5);
        FieldSegments dash = segmentField(grey);
        assertEquals(3, dash.units(), dash.notes().toString());
        assertEquals(List.of("punctuation mark ignored"), dash.notes(), "the 5's flag is joined to it, the dash is not");

        // a dot as high as the digits' middle is no decimal point (a speck, a pen's touch): left as it was
        grey = blankField();
        paste(grey, test, first(test, 1), 0, 3);
        paste(grey, test, two, 50, 3);
        int dotX = 50 + 3 * (twoInk[1] + 1) + 12;
        fill(grey, dotX, 25 + 3 * (twoRows[0] + twoRows[1]) / 2 - 4, 8, 8);
        paste(grey, test, five, dotX + 20 - 3 * inkColumns(test, five)[0], 3);
        FieldSegments speck = segmentField(grey);
        assertTrue(speck.notes().stream().noneMatch(n -> n.startsWith("punctuation")), speck.notes().toString());
    }

    @Test
    void anAmountKeepsItsSmallPointAndDropsTheDebrisOfItsBorder() {
        // "12.50" with a ballpoint's point smaller than any stroke, in a box printed 7 px lower and to the right of
        // where the template says (a registration from the printing is that far off), with a security pattern's
        // stubs left on its bottom line
        LabelledDigits test = LabData.mnist().test();
        float[] grey = blankField();
        int one = first(test, 1);
        int two = first(test, 2);
        paste(grey, test, one, 10, 3);
        paste(grey, test, two, 60, 3);
        int foot = 25 + 3 * inkRows(test, two)[1];
        int pointX = 60 + 3 * (inkColumns(test, two)[1] + 1) + 10;
        fill(grey, pointX, foot - 4, 4, 4);
        paste(grey, test, first(test, 5), pointX + 14 - 3 * inkColumns(test, first(test, 5))[0], 3);
        paste(grey, test, first(test, 0), pointX + 70, 3);
        drawBorder(grey, W, H, Segmenter.PAD + 7);
        for (int x : new int[] {40, 150, 260}) {
            fill(grey, x, 110 + 7 - 9, 6, 8);
        }
        FieldSegments s = segmentAmount(grey);

        assertEquals(4, s.digits().size(), s.notes().toString());
        assertEquals(List.of('.'), s.separators().stream().map(FieldSegments.Separator::mark).toList(),
                s.notes().toString());
        assertTrue(s.notes().isEmpty(), s.notes().toString());
    }

    @Test
    void aCommaWrittenAsAShortSlantingStrokeIsAComma() {
        // "1,250" with the comma a ballpoint's short stroke down to the left, about as wide as it is high
        LabelledDigits test = LabData.mnist().test();
        float[] grey = blankField();
        int one = first(test, 1);
        paste(grey, test, one, 10, 3);
        int foot = 25 + 3 * inkRows(test, one)[1];
        int commaX = 10 + 3 * (inkColumns(test, one)[1] + 1) + 12;
        drawStroke(grey, commaX + 9, foot - 3, commaX, foot + 9);
        int x = commaX + 24;
        for (int digit : new int[] {2, 5, 0}) {
            int idx = first(test, digit);
            paste(grey, test, idx, x - 3 * inkColumns(test, idx)[0], 3);
            x += 3 * (inkColumns(test, idx)[1] - inkColumns(test, idx)[0]) + 14;
        }
        FieldSegments s = segmentAmount(grey);

        assertEquals(List.of(','), s.separators().stream().map(FieldSegments.Separator::mark).toList(),
                s.notes().toString());
    }

    @Test
    void aClosingSlashRunIntoTheLastDigitIsCutOff() {
        // "120/-" with the slash written from the 0's foot, taller than the digits, then a dash
        LabelledDigits test = LabData.mnist().test();
        for (int lean : new int[] {0, 25}) {
            float[] grey = blankField();
            paste(grey, test, first(test, 1), 10, 3);
            paste(grey, test, first(test, 2), 70, 3);
            int zero = first(test, 0);
            paste(grey, test, zero, 130, 3);
            int right = 130 + 3 * inkColumns(test, zero)[1];
            int foot = 25 + 3 * inkRows(test, zero)[1];
            drawStroke(grey, right - 4, foot + 8, right - 4 + lean, foot - 75);
            fill(grey, right + lean + 15, foot - 35, 30, 5);
            FieldSegments s = segmentAmount(grey);

            assertEquals(3, s.digits().size(), "lean " + lean + ": " + s.notes());
            assertTrue(s.separators().isEmpty(), "lean " + lean + ": " + s.separators());
            assertTrue(s.digits().get(2).where().x() + s.digits().get(2).where().width() <= right + 6,
                    "lean " + lean + ": the 0 ends at " + right + ", read to "
                            + (s.digits().get(2).where().x() + s.digits().get(2).where().width()));
        }
    }

    @Test
    void zerosJoinedUpAreOfferedWithoutTheirLink() {
        // "00" written in one stroke: a thin link from the first 0's right side to the second's left, which
        // belongs to neither and turns a 0 into an 8-like shape when left on it
        LabelledDigits test = LabData.mnist().test();
        int zero = first(test, 0);
        int[] cols = inkColumns(test, zero);
        int[] rows = inkRows(test, zero);
        float[] grey = blankField();
        paste(grey, test, zero, 10, 3);
        int firstRight = 10 + 3 * cols[1];
        int secondX = firstRight + 30 - 3 * cols[0];
        paste(grey, test, zero, secondX, 3);
        int secondLeft = secondX + 3 * cols[0];
        int linkY = 25 + 3 * (rows[0] + rows[1]) / 2 - 2;
        fill(grey, firstRight - 6, linkY, secondLeft - firstRight + 12, 4);
        FieldSegments s = segmentAmount(grey);

        assertEquals(1, s.units(), "the link joins the two zeros into one stroke: " + s.notes());
        assertTrue(s.candidates().stream().anyMatch(c -> c.digits().size() == 2
                        && c.digits().get(0).where().x() + c.digits().get(0).where().width() <= firstRight + 3
                        && c.digits().get(1).where().x() >= secondLeft - 3),
                "a reading of two zeros without the link between them, among " + s.candidates().stream()
                        .map(c -> c.digits().stream().map(d -> d.where().x() + "+" + d.where().width()).toList())
                        .toList());
    }

    @Test
    void aStrokeEndingOnTheBorderKeepsItsEnd() {
        // a stroke written up to the box's top border, touching it from below: only the printed line is erased
        float[] grey = blankField();
        fill(grey, 150, 2, 9, 80);
        drawBorder(grey);
        FieldSegments s = segmentField(grey);

        assertEquals(1, s.digits().size(), s.notes().toString());
        assertTrue(s.digits().get(0).where().y() <= 3, "stroke read from row " + s.digits().get(0).where().y()
                + "; written from row 2, the line's rows are -1 to 1");
    }

    @Test
    void aSlimDigitJoinedToABoldNeighbourOverTheDividerKeepsItsCell() {
        // big writing over the dividers of a four-cell field: a 7 in the first cell joined by its bar to a bold stroke
        // in the second, whose flat tail runs on into the third cell; the 7 is under a third of the joined ink
        LabelledDigits test = LabData.mnist().test();
        float[] grey = blankField();
        paste(grey, test, first(test, 7), 10, 3);
        fill(grey, 95, 10, 50, 90);
        fill(grey, 50, 44, 45, 6);
        fill(grey, 145, 60, 55, 6);
        drawBorder(grey);
        for (int c = 1; c < CELLS.cells(); c++) {
            fill(grey, CELLS.cell(c).x() - 1, 0, 3, CELLS.box().height());
        }
        FieldSegments s = new Segmenter().segment(new FieldImage(grey, W, H, -Segmenter.PAD, -Segmenter.PAD), CELLS);

        assertEquals(2, s.digits().size(), s.notes().toString());
        assertTrue(s.digits().get(0).where().x() < CELLS.cell(1).x(), "first digit at " + s.digits().get(0).where());
        assertTrue(s.digits().get(1).where().x() + s.digits().get(1).where().width() <= CELLS.cell(2).x() + 1,
                "second digit at " + s.digits().get(1).where());
        assertTrue(s.notes().isEmpty(), s.notes().toString());
    }

    /** A field holding an MNIST 7 and, at (x, y) of the box, a solid dark bar: one broad stroke. */
    private static float[] sevenBesideABar(int x, int y, int width, int height) {
        LabelledDigits test = LabData.mnist().test();
        float[] grey = blankField();
        paste(grey, test, first(test, 7), 0, 3);
        fill(grey, x, y, width, height);
        return grey;
    }

    /** A dark rectangle at (x, y) of the box, clipped to the crop. */
    private static void fill(float[] grey, int x, int y, int width, int height) {
        for (int yy = Math.max(0, y + Segmenter.PAD); yy < Math.min(H, y + Segmenter.PAD + height); yy++) {
            for (int xx = Math.max(0, x + Segmenter.PAD); xx < Math.min(W, x + Segmenter.PAD + width); xx++) {
                grey[yy * W + xx] = 30f;
            }
        }
    }

    private static void drawTick(float[] grey, int x, float level) {
        for (int y = 50; y < 85; y++) {
            for (int dx = 0; dx < 3; dx++) {
                grey[(y + Segmenter.PAD) * W + x + dx + Segmenter.PAD] = level;
            }
        }
    }

    /** Prints the field's box border, 3 px wide, as the forms have it. */
    private static void drawBorder(float[] grey) {
        drawBorder(grey, W, H, Segmenter.PAD);
    }

    /** Prints the field's box border into a cut {@code w} x {@code h} that has {@code pad} pixels around the box. */
    private static void drawBorder(float[] grey, int w, int h, int pad) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int bx = x - pad;
                int by = y - pad;
                int bw = FIELD.box().width();
                int bh = FIELD.box().height();
                boolean onBox = bx >= -1 && bx <= bw + 1 && by >= -1 && by <= bh + 1;
                boolean onLine = Math.abs(bx) <= 1 || Math.abs(bx - bw) <= 1 || Math.abs(by) <= 1 || Math.abs(by - bh) <= 1;
                if (onBox && onLine) {
                    grey[y * w + x] = 25f;
                }
            }
        }
    }

    /** A free-form field 340 x 110 (plus the segmenter's padding) with nothing written in it. */
    private static final FieldSpec FIELD = new FieldSpec("amount", new Box(0, 0, 340, 110), 0, Optional.empty(),
            Optional.empty());
    /** The same box printed as four cells, as a cheque number's. */
    private static final FieldSpec CELLS = new FieldSpec("cheque-no", new Box(0, 0, 340, 110), 4, Optional.empty(),
            Optional.empty());
    private static final int W = 340 + 2 * Segmenter.PAD + 1;
    private static final int H = 110 + 2 * Segmenter.PAD + 1;

    private static float[] blankField() {
        float[] grey = new float[W * H];
        Arrays.fill(grey, 240f);
        return grey;
    }

    private static FieldSegments segmentAmount(float[] grey) {
        FieldSpec amount = new FieldSpec("amount", FIELD.box(), 0, Optional.empty(), Optional.empty(), FieldType.AMOUNT);
        return new Segmenter().segment(new FieldImage(grey, W, H, -Segmenter.PAD, -Segmenter.PAD), amount);
    }

    /** A pen stroke 5 px wide from (x0, y0) to (x1, y1) of the box. */
    private static void drawStroke(float[] grey, int x0, int y0, int x1, int y1) {
        int steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        for (int k = 0; k <= steps; k++) {
            int x = x0 + (x1 - x0) * k / steps;
            int y = y0 + (y1 - y0) * k / steps;
            fill(grey, x - 2, y - 2, 5, 5);
        }
    }

    private static FieldSegments segmentField(float[] grey) {
        return new Segmenter().segment(new FieldImage(grey, W, H, -Segmenter.PAD, -Segmenter.PAD), FIELD);
    }

    /** Pastes MNIST image {@code idx} scaled {@code scale} times with its top-left at (x, 25), clipped to the crop. */
    private static void paste(float[] grey, LabelledDigits d, int idx, int x, int scale) {
        paste(grey, d, idx, x, 25, scale);
    }

    /** Pastes MNIST image {@code idx} scaled {@code scale} times with its top-left at (x, y) of the box, clipped. */
    private static void paste(float[] grey, LabelledDigits d, int idx, int x, int y, int scale) {
        float[] px = new float[DigitImages.PIXELS];
        d.images().toFloats(idx, px, 0);
        for (int i = 0; i < px.length; i++) {
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    int xx = x + Segmenter.PAD + (i % 28) * scale + dx;
                    int yy = y + Segmenter.PAD + (i / 28) * scale + dy;
                    if (xx >= W || yy >= H) {
                        continue;
                    }
                    grey[yy * W + xx] = Math.min(grey[yy * W + xx], 240f - 220f * px[i]);
                }
            }
        }
    }

    /** The first and last columns of an MNIST image holding ink. */
    private static int[] inkColumns(LabelledDigits d, int idx) {
        return inkSpan(d, idx, false);
    }

    /** The first and last rows of an MNIST image holding ink. */
    private static int[] inkRows(LabelledDigits d, int idx) {
        return inkSpan(d, idx, true);
    }

    private static int[] inkSpan(LabelledDigits d, int idx, boolean rows) {
        float[] px = new float[DigitImages.PIXELS];
        d.images().toFloats(idx, px, 0);
        int first = 28;
        int last = -1;
        for (int i = 0; i < px.length; i++) {
            if (px[i] > 0.5f) {
                int at = rows ? i / 28 : i % 28;
                first = Math.min(first, at);
                last = Math.max(last, at);
            }
        }
        return new int[] {first, last};
    }

    /** A 1 written with a slant, so that beside another digit it makes ink clearly wider than one digit. */
    private static int slantedOne(LabelledDigits d) {
        for (int i = 0; ; i++) {
            int[] cols = inkColumns(d, i);
            if (d.labels()[i] == 1 && cols[1] - cols[0] >= 7) {
                return i;
            }
        }
    }

    private static int first(LabelledDigits d, int digit) {
        for (int i = 0; ; i++) {
            if (d.labels()[i] == digit) {
                return i;
            }
        }
    }

    @Test
    void findsTheWrittenDigitsAndEmptyFields() throws Exception {
        findsTheWrittenDigits(1.0, 15, 21);
    }

    @Test
    void findsEveryBoxedDigitOfBigWritingOverTheBoxLines() throws Exception {
        // digits 77-112% of a cell high: they run over the borders and join their neighbours over the dividers
        findsTheWrittenDigits(1.4, 40, 23);
    }

    private static void findsTheWrittenDigits(double writingSize, int forms, long seed) throws Exception {
        CheckDigits checks = CheckDigits.standard();
        List<FormTemplate> templates = new TemplateReader(checks.names())
                .readAll(List.of(TestData.projectRoot().resolve("conf/templates")));
        SampleFormGenerator gen = new SampleFormGenerator(LabData.mnist().test(), checks, ScanDistortion.typical(), 0.1,
                writingSize);
        FormRegistrar registrar = new FormRegistrar(templates, RegistrationConfig.defaults());
        Segmenter segmenter = new Segmenter();
        SplittableRandom rnd = new SplittableRandom(seed);
        int boxed = 0, boxedRight = 0, free = 0, freeRight = 0, empty = 0, emptyRight = 0;
        StringBuilder misses = new StringBuilder();
        for (int i = 0; i < forms; i++) {
            FormTemplate t = templates.get(i % templates.size());
            GeneratedForm f = gen.generate(t, rnd);
            GreyPage page = GreyPage.of(f.page());
            Registration r = registrar.register(page);
            for (FieldSpec fs : t.fields()) {
                String truth = f.values().get(fs.name());
                FieldSegments s = segmenter.segment(FieldImage.cut(page, r, fs, Segmenter.pad(fs)), fs);
                boolean right = s.digits().size() == truth.length();
                if (truth.isEmpty()) {
                    empty++;
                    emptyRight += right ? 1 : 0;
                } else if (fs.boxed()) {
                    boxed++;
                    boxedRight += right ? 1 : 0;
                } else {
                    free++;
                    freeRight += right ? 1 : 0;
                }
                if (!right) {
                    misses.append(String.format("%s/%s: wrote '%s', found %d %s%n", t.name(), fs.name(), truth,
                            s.digits().size(), s.notes()));
                }
            }
        }
        System.out.printf("segmentation: boxed %d/%d, free-form %d/%d, empty %d/%d%n%s", boxedRight, boxed, freeRight,
                free, emptyRight, empty, misses);
        assertTrue(boxedRight == boxed, misses.toString());
        assertTrue(emptyRight == empty, misses.toString());
        assertTrue(freeRight >= 0.85 * free, misses.toString());
    }
}
