package org.digitocr.sample;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.digitocr.form.FormTemplate;

/**
 * Writes a sample batch: generated forms as PNG, JPEG (at a random quality, for its artefacts), a grey
 * multi-page TIFF and a black-and-white fax TIFF with one sheet upside down, plus the bad inputs a night's
 * batch really contains (an empty file, a truncated JPEG, a text file with an image name, a blank page, a page
 * of no known form). Returns what was written on every page.
 */
public final class SampleBatchWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SampleBatchWriter() {
    }

    /** The two-page black-and-white fax TIFF of a batch. */
    public static final String FAX = "batch-fax.tif";

    /** Ground truth of one written page. */
    public record PageTruth(String file, int page, String template, Map<String, String> values) {
    }

    public static List<PageTruth> write(SampleFormGenerator gen, List<FormTemplate> templates, int forms, long seed,
                                        Path dir, ScanDistortion distortion) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PageTruth> truth = new ArrayList<>();
        int tiffPages = Math.min(3, forms);
        int faxPages = Math.min(2, forms - tiffPages);
        int i = 0;
        for (; i < forms - tiffPages - faxPages; i++) {
            GeneratedForm f = gen.generate(templates.get(i % templates.size()), rnd);
            boolean jpeg = i % 2 == 1;
            String name = String.format("form-%02d.%s", i + 1, jpeg ? "jpg" : "png");
            Files.write(dir.resolve(name), jpeg ? scannedJpeg(f.page(), distortion, rnd) : png(grey(f.page())));
            truth.add(new PageTruth(name, 1, f.template(), f.values()));
        }
        List<BufferedImage> pages = new ArrayList<>();
        String tiffName = "batch-multipage.tif";
        for (int p = 0; p < tiffPages; p++, i++) {
            GeneratedForm f = gen.generate(templates.get(i % templates.size()), rnd);
            pages.add(f.page());
            truth.add(new PageTruth(tiffName, p + 1, f.template(), f.values()));
        }
        if (!pages.isEmpty()) {
            Files.write(dir.resolve(tiffName), tiff(pages.stream().map(SampleBatchWriter::grey).toList(), "LZW"));
        }
        // a scanner in fax mode: black and white, CCITT Group 4, and the second sheet fed upside down
        List<BufferedImage> fax = new ArrayList<>();
        for (int p = 0; p < faxPages; p++, i++) {
            GeneratedForm f = gen.generate(templates.get(i % templates.size()), rnd);
            fax.add(p == 1 ? upsideDown(bilevel(f.page())) : bilevel(f.page()));
            truth.add(new PageTruth(FAX, p + 1, f.template(), f.values()));
        }
        if (!fax.isEmpty()) {
            Files.write(dir.resolve(FAX), tiff(fax, "CCITT T.6"));
        }
        writeBadInputs(dir, templates.get(0), rnd);
        return truth;
    }

    private static void writeBadInputs(Path dir, FormTemplate t, SplittableRandom rnd) throws IOException {
        Files.write(dir.resolve("bad-empty.png"), new byte[0]);
        byte[] jpg = jpeg(FormRenderer.blank(t, Color.WHITE), 0.8);
        Files.write(dir.resolve("bad-truncated.jpg"), Arrays.copyOf(jpg, jpg.length / 3));
        Files.writeString(dir.resolve("bad-not-an-image.png"), "This is a covering letter, not a scan.\n");
        BufferedImage blank = new BufferedImage(t.width(), t.height(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = blank.createGraphics();
        g.setColor(new Color(238, 238, 238));
        g.fillRect(0, 0, t.width(), t.height());
        g.dispose();
        Files.write(dir.resolve("bad-blank-page.png"), png(blank));
        BufferedImage letter = new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_GRAY);
        g = letter.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, letter.getWidth(), letter.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 28));
        for (int line = 0; line < 30; line++) {
            g.drawString("Dear Sir or Madam, please find enclosed the form " + (1000 + rnd.nextInt(9000)) + ".", 120,
                    200 + 45 * line);
        }
        g.dispose();
        Files.write(dir.resolve("bad-unknown-form.png"), png(letter));
    }

    /**
     * One page as a mixed fleet of scanners files it: a greyscale PNG, a JPEG, or one time in six a black-and-white
     * CCITT Group 4 fax TIFF.
     */
    public static byte[] scanFile(BufferedImage page, ScanDistortion distortion, SplittableRandom rnd)
            throws IOException {
        int kind = rnd.nextInt(6);
        if (kind == 0) {
            return fineModeFax(page);
        }
        return kind % 2 == 1 ? png(grey(page)) : scannedJpeg(page, distortion, rnd);
    }

    /** A JPEG of quality drawn from the distortion's least to 0.95, as scanners set it. */
    private static byte[] scannedJpeg(BufferedImage page, ScanDistortion distortion, SplittableRandom rnd)
            throws IOException {
        return jpeg(page, distortion.minJpegQuality() + rnd.nextDouble() * (0.95 - distortion.minJpegQuality()));
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static byte[] jpeg(BufferedImage img, double quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality((float) quality);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    /** Black where the page is darker than mid-grey, white elsewhere, as a scanner's fixed threshold gives. */
    public static BufferedImage bilevel(BufferedImage page) {
        BufferedImage grey = grey(page);
        BufferedImage bw = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        var in = grey.getRaster();
        var out = bw.getRaster();
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                out.setSample(x, y, 0, in.getSample(x, y, 0) < 128 ? 0 : 1);
            }
        }
        return bw;
    }

    static BufferedImage upsideDown(BufferedImage page) {
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), page.getType());
        Graphics2D g = out.createGraphics();
        g.drawImage(page, AffineTransform.getRotateInstance(Math.PI, page.getWidth() / 2.0, page.getHeight() / 2.0),
                null);
        g.dispose();
        return out;
    }

    /** A multi-page TIFF of the pages as they are (grey, or bilevel for the CCITT schemes). */
    public static byte[] tiff(List<BufferedImage> pages, String compression) throws IOException {
        return tiff(pages, compression, 0, 0);
    }

    /** A fax in fine mode, square pixels: the page black and white, CCITT T.6 (Group 4), as it is. */
    public static byte[] fineModeFax(BufferedImage page) throws IOException {
        return tiff(List.of(bilevel(page)), "CCITT T.6");
    }

    /**
     * A fax sent in standard mode: 204 dots per inch across but 98 lines down, so the page is stored at 98/204 of
     * its height, black and white, CCITT T.6, with the two densities in its XResolution and YResolution tags.
     */
    public static byte[] standardModeFax(BufferedImage page) throws IOException {
        int height = (int) Math.round(page.getHeight() * 98 / 204.0);
        BufferedImage squashed = new BufferedImage(page.getWidth(), height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = squashed.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(page, 0, 0, page.getWidth(), height, null);
        g.dispose();
        return tiff(List.of(bilevel(squashed)), "CCITT T.6", 204, 98);
    }

    /** The TIFF, its pages saying {@code across} x {@code down} dots per inch when those are above 0. */
    private static byte[] tiff(List<BufferedImage> pages, String compression, int across, int down)
            throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType(compression);
            w.prepareWriteSequence(null);
            for (BufferedImage page : pages) {
                IIOMetadata md = across > 0 ? densities(w, p, page, across, down) : null;
                w.writeToSequence(new IIOImage(page, null, md), p);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    /**
     * The writer's metadata for {@code page} with XResolution and YResolution set in the TIFF's own tags (the
     * writers map ImageIO's standard pixel sizes inconsistently).
     */
    private static IIOMetadata densities(ImageWriter w, ImageWriteParam p, BufferedImage page, int across, int down)
            throws IOException {
        IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(page), p);
        String name = md.getNativeMetadataFormatName();
        IIOMetadataNode root = new IIOMetadataNode(name);
        IIOMetadataNode ifd = new IIOMetadataNode("TIFFIFD");
        root.appendChild(ifd);
        for (int[] tag : new int[][] {{282, across}, {283, down}}) {
            IIOMetadataNode rational = new IIOMetadataNode("TIFFRational");
            rational.setAttribute("value", tag[1] + "/1");
            IIOMetadataNode rationals = new IIOMetadataNode("TIFFRationals");
            rationals.appendChild(rational);
            IIOMetadataNode field = new IIOMetadataNode("TIFFField");
            field.setAttribute("number", String.valueOf(tag[0]));
            field.appendChild(rationals);
            ifd.appendChild(field);
        }
        md.mergeTree(name, root);
        return md;
    }

    /** Most scanners deliver greyscale; colour pages are written as JPEG. */
    public static BufferedImage grey(BufferedImage page) {
        BufferedImage grey = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(page, 0, 0, null);
        g.dispose();
        return grey;
    }

    /** Saves ground truth as JSON (outside the batch directory, so it is not taken for an input). */
    public static void writeTruth(List<PageTruth> truth, Path file) throws IOException {
        JSON.writeValue(file.toFile(), truth);
    }

    /** Reads ground truth written by {@link #writeTruth}. */
    public static List<PageTruth> readTruth(Path file) throws IOException {
        return List.of(JSON.readValue(file.toFile(), PageTruth[].class));
    }

    /** Ground truth keyed by "file#page". */
    public static Map<String, PageTruth> byPage(List<PageTruth> truth) {
        Map<String, PageTruth> m = new LinkedHashMap<>();
        truth.forEach(t -> m.put(t.file() + "#" + t.page(), t));
        return m;
    }
}
