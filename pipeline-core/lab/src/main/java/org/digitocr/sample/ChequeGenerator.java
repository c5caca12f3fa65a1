package org.digitocr.sample;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Locale;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.digitocr.form.Box;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FieldType;
import org.digitocr.form.FormTemplate;
import org.digitocr.image.LabelledDigits;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_core.bitwise_or;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.medianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * Cheques of a real layout for measuring, never its real writers': the layout's sample with the writing in its
 * date and amount boxes erased down to the background (ink darker than the background around it and not part of a
 * long printed line is painted over with the background's median colour), then new dates and amounts written there with other people's digits in blue
 * or black ballpoint (amounts grouped the Indian or Western way, with spaces, decimals and closing marks as people
 * write them), then scanned: turned, scaled, shifted, blurred, noisy, edges cut.
 */
public final class ChequeGenerator {
    private static final Color[] PENS = {new Color(20, 40, 150), new Color(35, 55, 170), new Color(25, 25, 30),
            new Color(45, 45, 60)};
    private static final String[] ENDINGS = {"/-", "/-", "/-", "/", "-", "=", ""};

    private final Handwriting hand;
    private final ScanDistortion distortion;

    public ChequeGenerator(LabelledDigits digits, ScanDistortion distortion) {
        this.hand = new Handwriting(digits);
        this.distortion = distortion;
    }

    /** A layout ready to be written on: its template and its sample with the field boxes' writing erased. */
    public record Layout(FormTemplate template, BufferedImage blank, FieldSpec date, FieldSpec amount) {
    }

    /** A generated cheque and what is written on it ({@code amount}: the value; {@code written}: as written). */
    public record Cheque(BufferedImage page, String layout, String date, String amount, String written) {
    }

    /** The layout of {@code template} (made from {@code sample}) with its sample's date and amount erased. */
    public static Layout layout(FormTemplate template, BufferedImage sample) {
        FieldSpec date = template.fields().stream().filter(f -> f.type() instanceof FieldType.Date).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(template.name() + " has no date field"));
        FieldSpec amount = template.fields().stream().filter(f -> f.type() instanceof FieldType.Amount).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(template.name() + " has no amount field"));
        BufferedImage bgr = new BufferedImage(sample.getWidth(), sample.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        g.drawImage(sample, 0, 0, null);
        g.dispose();
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        try (Mat img = new Mat(bgr.getHeight(), bgr.getWidth(), CV_8UC3)) {
            img.data().put(data);
            for (FieldSpec f : new FieldSpec[] {date, amount}) {
                erase(img, f.box());
            }
            img.data().get(data);
        }
        return new Layout(template, bgr, date, amount);
    }

    /** In-paints the writing in and around {@code box}: dark ink that is not a long printed line. */
    private static void erase(Mat img, Box box) {
        int m = 4;
        int x0 = Math.max(0, box.x() - m);
        int y0 = Math.max(0, box.y() - m);
        int x1 = Math.min(img.cols(), box.x() + box.width() + m);
        int y1 = Math.min(img.rows(), box.y() + box.height() + m);
        try (Rect r = new Rect(x0, y0, x1 - x0, y1 - y0); Mat roi = new Mat(img, r); Mat grey = new Mat();
             Mat bg = new Mat(); Mat diff = new Mat(); Mat ink = new Mat(); Mat lines = new Mat(); Mat open = new Mat();
             Mat keep = new Mat(); Mat mask = new Mat(); Mat out = new Mat()) {
            cvtColor(roi, grey, COLOR_BGR2GRAY);
            medianBlur(grey, bg, 2 * (box.height() / 3) + 1);
            subtract(bg, grey, diff);
            threshold(diff, ink, 35, 255, THRESH_BINARY);
            // printed borders and cell dividers, found on fainter ink too: runs nearly the box's height or a third of
            // its width long (a written 1 is shorter)
            try (Mat faint = new Mat(); Mat hk = getStructuringElement(MORPH_RECT, new Size(Math.max(3, box.width() / 3), 1));
                 Mat vk = getStructuringElement(MORPH_RECT, new Size(1, Math.max(3, box.height() * 9 / 10)));
                 Mat grow = getStructuringElement(MORPH_RECT, new Size(3, 3))) {
                threshold(diff, faint, 15, 255, THRESH_BINARY);
                morphologyEx(faint, lines, MORPH_OPEN, hk);
                morphologyEx(faint, open, MORPH_OPEN, vk);
                bitwise_or(lines, open, lines);
                dilate(lines, lines, grow);
            }
            bitwise_not(lines, keep);
            bitwise_and(ink, keep, mask);
            try (Mat k = getStructuringElement(MORPH_RECT, new Size(7, 7))) {
                dilate(mask, mask, k);
            }
            // the background's own colour (the median around each pixel): in-painting smears a dense security
            // pattern into grey blots that read as ink
            medianBlur(roi, out, 2 * (box.height() / 3) + 1);
            out.copyTo(roi, mask);
        }
    }

    /** A cheque of {@code layout} with a new date and amount, scanned. */
    public Cheque generate(Layout layout, SplittableRandom rnd) {
        String date = String.format(Locale.ROOT, "%02d%02d%04d", 1 + rnd.nextInt(28), 1 + rnd.nextInt(12),
                2005 + rnd.nextInt(25));
        String[] amount = amount(rnd);
        return generate(layout, date, amount[0], amount[1], rnd);
    }

    /** A cheque of {@code layout} dated {@code date} with the amount {@code value} written as {@code written}. */
    public Cheque generate(Layout layout, String date, String value, String written, SplittableRandom rnd) {
        BufferedImage leaf = new BufferedImage(layout.blank().getWidth(), layout.blank().getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = leaf.createGraphics();
        g.drawImage(layout.blank(), 0, 0, null);
        Color pen = PENS[rnd.nextInt(PENS.length)];
        hand.write(g, layout.date(), date, pen, rnd);
        hand.writeAmount(g, layout.amount().box(), written, pen, rnd);
        g.dispose();
        ScanSimulator.Scan scan = ScanSimulator.scan(leaf, distortion, rnd);
        return new Cheque(cut(scan.page(), rnd), layout.template().name(), date, value, written);
    }

    /**
     * Writes {@code perLayout} cheques of each layout to {@code dir} as JPEG ({@code LAYOUT-NNNN.jpg}, quality as
     * scanners set it) and what is written on them to {@code dir/truth.csv}; returns how many were written.
     */
    public int writeBatch(java.util.List<Layout> layouts, int perLayout, java.nio.file.Path dir, SplittableRandom rnd)
            throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        StringBuilder truth = new StringBuilder("file,layout,date,amount,written\n");
        int n = 0;
        for (Layout l : layouts) {
            for (int i = 1; i <= perLayout; i++) {
                Cheque c = generate(l, rnd);
                String name = String.format(Locale.ROOT, "%s-%04d.jpg", l.template().name(), i);
                double quality = distortion.minJpegQuality() + rnd.nextDouble() * (0.95 - distortion.minJpegQuality());
                java.nio.file.Files.write(dir.resolve(name), SampleBatchWriter.jpeg(c.page(), quality));
                truth.append(String.join(",", name, c.layout(), c.date(), c.amount(), "\"" + c.written() + "\""))
                        .append('\n');
                n++;
            }
        }
        java.nio.file.Files.writeString(dir.resolve("truth.csv"), truth);
        return n;
    }

    /** A page with up to 3% of its width cut off one side, as a leaf fed by hand is. */
    private static BufferedImage cut(BufferedImage page, SplittableRandom rnd) {
        int c = rnd.nextInt(page.getWidth() * 3 / 100 + 1);
        return rnd.nextBoolean() ? page.getSubimage(c, 0, page.getWidth() - c, page.getHeight())
                : page.getSubimage(0, 0, page.getWidth() - c, page.getHeight());
    }

    /** A random amount: its value and how it is written. */
    static String[] amount(SplittableRandom rnd) {
        int digits = 3 + rnd.nextInt(7);
        StringBuilder v = new StringBuilder().append(1 + rnd.nextInt(9));
        for (int i = 1; i < digits; i++) {
            v.append(rnd.nextInt(10) < 6 ? '0' : (char) ('0' + rnd.nextInt(10)));
        }
        String whole = v.toString();
        int style = rnd.nextInt(10);
        String written = switch (style) {
            case 0, 1, 2, 3, 4 -> group(whole, 2, ",");
            case 5 -> group(whole, 3, ",");
            case 6 -> group(whole, 2, " ");
            default -> whole;
        };
        String value = whole;
        if (rnd.nextInt(10) == 0) {
            String paise = String.format(Locale.ROOT, "%02d", rnd.nextInt(100));
            written += "." + paise;
            value += "." + paise;
        }
        return new String[] {value, written + ENDINGS[rnd.nextInt(ENDINGS.length)]};
    }

    /** {@code whole} grouped: the last three digits, then groups of {@code pair} (2 Indian, 3 Western). */
    static String group(String whole, int pair, String sep) {
        if (whole.length() <= 3) {
            return whole;
        }
        StringBuilder out = new StringBuilder(whole.substring(whole.length() - 3));
        int end = whole.length() - 3;
        while (end > 0) {
            int start = Math.max(0, end - pair);
            out.insert(0, whole.substring(start, end) + sep);
            end = start;
        }
        return out.toString();
    }
}
