package org.digitocr.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.digitocr.reject.RejectCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real encoders write real files in every supported format; the decoder must read them or say why not. */
class PageDecoderTest {
    private final PageDecoder decoder = new PageDecoder(DecodeLimits.DEFAULTS);

    static BufferedImage page(int type, int mark) {
        BufferedImage img = new BufferedImage(300, 200, type);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 200);
        g.setColor(Color.BLACK);
        g.fillRect(10 + 20 * mark, 10, 30, 30);
        g.dispose();
        return img;
    }

    static byte[] write(String format, BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    static byte[] tiff(String compression, int type, int pages) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType(compression);
            w.prepareWriteSequence(null);
            for (int i = 0; i < pages; i++) {
                w.writeToSequence(new IIOImage(page(type, i), null, null), p);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage only(List<DecodedPage> pages) {
        assertEquals(1, pages.size());
        return assertInstanceOf(DecodedPage.Image.class, pages.get(0)).image();
    }

    private static int darkAt(BufferedImage img, int x, int y) {
        return (img.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
    }

    @Test
    void decodesPngAndJpegInGreyAndRgb() throws Exception {
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB}) {
            for (String fmt : new String[] {"png", "jpeg"}) {
                BufferedImage img = only(decoder.decode("x." + fmt, write(fmt, page(type, 0))));
                assertEquals(300, img.getWidth());
                assertEquals(1, darkAt(img, 25, 25), fmt);
                assertEquals(0, darkAt(img, 200, 150), fmt);
            }
        }
    }

    @Test
    void aJpegWithAMalformedColourProfileIsReadInItsPlainColours() throws Exception {
        byte[] jpeg = write("jpeg", page(BufferedImage.TYPE_INT_RGB, 0));
        // an APP2 ICC_PROFILE segment, chunk 1 of 1, whose profile is 64 bytes of nothing
        byte[] id = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = 2 + id.length + 2 + 64;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
        out.write(id);
        out.write(new byte[] {1, 1});
        out.write(new byte[64]);
        out.write(jpeg, 2, jpeg.length - 2);
        List<DecodedPage> pages = decoder.decode("odd-profile.jpg", out.toByteArray());
        assertTrue(pages.get(0) instanceof DecodedPage.Image, pages.toString());
    }

    @Test
    void decodesCmykJpeg() throws Exception {
        // a 4-channel JPEG as Adobe applications write CMYK: values stored inverted (0 = full ink)
        WritableRaster r = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 300, 200, 4, null);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                int v = x >= 10 && x < 40 && y >= 10 && y < 40 ? 0 : 255;
                r.setPixel(x, y, new int[] {v, v, v, v});
            }
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(r, null, null), null);
        } finally {
            w.dispose();
        }
        BufferedImage img = only(decoder.decode("cmyk.jpg", out.toByteArray()));
        int ink = img.getRGB(25, 25) & 0xff;
        int paper = img.getRGB(200, 150) & 0xff;
        assertTrue(paper - ink > 100, "ink " + ink + " paper " + paper);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LZW", "Deflate", "PackBits"})
    void decodesMultiPageTiffPageByPage(String compression) throws Exception {
        List<DecodedPage> pages = decoder.decode("multi.tif", tiff(compression, BufferedImage.TYPE_BYTE_GRAY, 3));
        assertEquals(3, pages.size());
        for (int i = 0; i < 3; i++) {
            DecodedPage.Image p = assertInstanceOf(DecodedPage.Image.class, pages.get(i));
            assertEquals(i + 1, p.page());
            assertEquals(1, darkAt(p.image(), 25 + 20 * i, 25), compression + " page " + (i + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CCITT T.4", "CCITT T.6"})
    void decodesBilevelFaxTiff(String compression) throws Exception {
        List<DecodedPage> pages = decoder.decode("fax.tif", tiff(compression, BufferedImage.TYPE_BYTE_BINARY, 2));
        assertEquals(2, pages.size());
        BufferedImage p2 = assertInstanceOf(DecodedPage.Image.class, pages.get(1)).image();
        assertEquals(1, darkAt(p2, 45, 25));
        assertEquals(0, darkAt(p2, 200, 150));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiff", "png", "jpeg"})
    void aPageWhosePixelsAreNotSquareIsReadWithSquarePixels(String format) throws Exception {
        // a standard-mode fax: 204 dpi across, 98 dpi down, so a square mark is stored half as tall as it is wide
        BufferedImage stored = new BufferedImage(300, 100, format.equals("tiff")
                ? BufferedImage.TYPE_BYTE_BINARY : BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 100);
        g.setColor(Color.BLACK);
        g.fillRect(20, 10, 40, 20);
        g.dispose();
        BufferedImage standard = only(decoder.decode("fax." + format, withDensity(format, stored, 204, 98)));
        assertEquals(300, standard.getWidth(), format);
        assertEquals(208, standard.getHeight(), 1, format + ": 100 rows at 98 dpi are 208 at 204 dpi");
        assertEquals(1, darkAt(standard, 40, 40), format + ": the mark is as tall as it is wide");
        assertEquals(0, darkAt(standard, 40, 75), format);
        BufferedImage upright = only(decoder.decode("tall." + format, withDensity(format, stored, 100, 200)));
        assertEquals(600, upright.getWidth(), 1, format + ": the coarser direction, here across, is enlarged");
        assertEquals(100, upright.getHeight(), format);
        BufferedImage square = only(decoder.decode("square." + format, withDensity(format, stored, 200, 200)));
        assertEquals(300, square.getWidth(), format);
        assertEquals(100, square.getHeight(), format);
        PageDecoder small = new PageDecoder(new DecodeLimits(300 * 150, DecodeLimits.DEFAULT_MAX_FILE_BYTES,
                DecodeLimits.DEFAULT_MAX_PAGES, DecodeLimits.DEFAULT_MAX_FILE_PIXELS));
        DecodedPage.Failed tooLarge = assertInstanceOf(DecodedPage.Failed.class,
                small.decode("fax." + format, withDensity(format, stored, 204, 98)).get(0));
        assertEquals(RejectCode.PAGE_TOO_LARGE, tooLarge.code());
        assertTrue(tooLarge.reason().contains("once its pixels are made square"), tooLarge.reason());
    }

    /**
     * The image written as {@code format} with a header saying {@code across} x {@code down} dots per inch, set in
     * the format's own metadata (the writers map ImageIO's standard pixel sizes inconsistently).
     */
    private static byte[] withDensity(String format, BufferedImage img, int across, int down) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            if (format.equals("tiff")) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionType("CCITT T.6");
            }
            IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
            String name = md.getNativeMetadataFormatName();
            IIOMetadataNode root = new IIOMetadataNode(name);
            switch (format) {
                case "tiff" -> {
                    IIOMetadataNode ifd = child(root, "TIFFIFD");
                    for (int[] tag : new int[][] {{282, across}, {283, down}}) {
                        IIOMetadataNode field = child(ifd, "TIFFField");
                        field.setAttribute("number", String.valueOf(tag[0]));
                        child(child(field, "TIFFRationals"), "TIFFRational").setAttribute("value", tag[1] + "/1");
                    }
                }
                case "png" -> {
                    IIOMetadataNode phys = child(root, "pHYs");
                    phys.setAttribute("pixelsPerUnitXAxis", String.valueOf(Math.round(across / 0.0254)));
                    phys.setAttribute("pixelsPerUnitYAxis", String.valueOf(Math.round(down / 0.0254)));
                    phys.setAttribute("unitSpecifier", "meter");
                }
                default -> {
                    root = (IIOMetadataNode) md.getAsTree(name);
                    IIOMetadataNode jfif = (IIOMetadataNode) root.getElementsByTagName("app0JFIF").item(0);
                    jfif.setAttribute("resUnits", "1");
                    jfif.setAttribute("Xdensity", String.valueOf(across));
                    jfif.setAttribute("Ydensity", String.valueOf(down));
                }
            }
            md.mergeTree(name, root);
            w.write(null, new IIOImage(img, null, md), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        IIOMetadataNode n = new IIOMetadataNode(name);
        parent.appendChild(n);
        return n;
    }

    @Test
    void refusesEmptyAndNonImageFiles() {
        DecodeException empty = assertThrows(DecodeException.class, () -> decoder.decode("e.png", new byte[0]));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        DecodeException text = assertThrows(DecodeException.class,
                () -> decoder.decode("notes.png", "a letter, not a scan".getBytes()));
        assertTrue(text.getMessage().contains("not a supported image format"), text.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "tiff"})
    void truncatedFilesAreRejectedWithAReason(String fmt) throws Exception {
        byte[] full = fmt.equals("tiff") ? tiff("LZW", BufferedImage.TYPE_BYTE_GRAY, 1)
                : write(fmt, noisy());
        byte[] cut = Arrays.copyOf(full, full.length / 2);
        String reason;
        try {
            List<DecodedPage> pages = decoder.decode("cut." + fmt, cut);
            reason = assertInstanceOf(DecodedPage.Failed.class, pages.get(0)).reason();
        } catch (DecodeException e) {
            reason = e.getMessage();
        }
        assertTrue(reason.contains("corrupt") || reason.contains("unreadable"), fmt + ": " + reason);
    }

    @Test
    void aTiffCutBeforeItsLastPagesSaysWhichPagesAreLost() throws Exception {
        byte[] full = tiff("Deflate", BufferedImage.TYPE_BYTE_GRAY, 3);
        for (double share : new double[] {0.5, 0.9}) {
            byte[] cut = Arrays.copyOf(full, (int) (full.length * share));
            List<DecodedPage> pages = decoder.decode("cut.tif", cut);
            DecodedPage last = pages.get(pages.size() - 1);
            DecodedPage.Failed lost = assertInstanceOf(DecodedPage.Failed.class, last, share + ": " + pages);
            assertEquals(pages.size(), lost.page(), "the lost page follows the pages read");
            assertTrue(lost.reason().contains("truncated TIFF") && lost.reason().contains("page " + lost.page()),
                    lost.reason());
            for (DecodedPage p : pages.subList(0, pages.size() - 1)) {
                assertInstanceOf(DecodedPage.Image.class, p);
            }
        }
        assertTrue(decoder.decode("whole.tif", full).stream().allMatch(p -> p instanceof DecodedPage.Image));
    }

    @Test
    void pagesAreHandedOnOneAtATime() throws Exception {
        byte[] file = tiff("Deflate", BufferedImage.TYPE_BYTE_GRAY, 3);
        List<Integer> seen = new java.util.ArrayList<>();
        RuntimeException stop = new RuntimeException("stop after the first page");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> decoder.decode("multi.tif", file, p -> {
            seen.add(p.page());
            throw stop;
        }));
        assertSame(stop, thrown);
        assertEquals(List.of(1), seen, "page 1 reached the sink before page 2 was decoded");
        assertEquals(3, decoder.decode("multi.tif", file, p -> { }));
    }

    @Test
    void aTextChunkThatInflatesToHundredsOfMegabytesIsNeverInflated() throws Exception {
        byte[] png = write("png", page(BufferedImage.TYPE_BYTE_GRAY, 0));
        java.util.zip.Deflater z = new java.util.zip.Deflater(9);
        z.setInput(new byte[1 << 20]);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.write("Comment".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        text.write(new byte[] {0, 0});
        byte[] zeros = new byte[1 << 20];
        java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(text, z);
        for (int i = 0; i < 400; i++) {
            d.write(zeros);
        }
        d.finish();
        byte[] data = text.toByteArray();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        ByteBuffer len = ByteBuffer.allocate(4).putInt(data.length);
        chunk.write(len.array());
        byte[] typeAndData = new byte[4 + data.length];
        System.arraycopy("zTXt".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, typeAndData, 0, 4);
        System.arraycopy(data, 0, typeAndData, 4, data.length);
        chunk.write(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        chunk.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        int afterHeader = 8 + 25;
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        bomb.write(png, 0, afterHeader);
        bomb.write(chunk.toByteArray());
        bomb.write(png, afterHeader, png.length - afterHeader);
        // 400 MB of text: read only the pixels, as a scan's pixels are all the product needs
        BufferedImage img = only(decoder.decode("text-bomb.png", bomb.toByteArray()));
        assertEquals(300, img.getWidth());
    }

    @Test
    void exifOrientationTurnsAndMirrorsTheJpegAsItWasMeantToBeSeen() throws Exception {
        // stored 300x200 with a dark square at the stored top-left corner
        BufferedImage stored = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = stored.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 300, 200);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        byte[] jpeg = write("jpeg", stored);
        int[][] cases = {{1, 300, 200, 20, 20}, {2, 300, 200, 280, 20}, {3, 300, 200, 280, 180},
                {6, 200, 300, 180, 20}, {8, 200, 300, 20, 280}};
        for (int[] c : cases) {
            BufferedImage img = only(decoder.decode("exif.jpg", withOrientation(jpeg, c[0])));
            assertEquals(c[1], img.getWidth(), "orientation " + c[0]);
            assertEquals(c[2], img.getHeight(), "orientation " + c[0]);
            assertEquals(1, darkAt(img, c[3], c[4]), "orientation " + c[0] + ": the square is where a viewer shows it");
        }
    }

    /** The JPEG with an EXIF APP1 segment holding only an orientation tag, right after its start marker. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) orientation).putShort((short) 0).putInt(0);
        byte[] exif = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int len = 2 + exif.length + tiff.capacity();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + len);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) len).put(exif).put(tiff.array())
                .put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    @Test
    void aFileIsReadUpToItsPageLimitAndTheRestIsOneRejectRow() throws Exception {
        int pages = DecodeLimits.DEFAULT_MAX_PAGES + 2;
        byte[] tiff = tiffOfSmallPages(pages, 8);
        List<DecodedPage> read = decoder.decode("many.tif", tiff);
        assertEquals(DecodeLimits.DEFAULT_MAX_PAGES + 1, read.size());
        DecodedPage.Failed rest = assertInstanceOf(DecodedPage.Failed.class, read.get(read.size() - 1));
        assertEquals(DecodeLimits.DEFAULT_MAX_PAGES + 1, rest.page());
        assertTrue(rest.reason().startsWith("pages " + (DecodeLimits.DEFAULT_MAX_PAGES + 1) + " to " + pages + " not read"),
                rest.reason());

        List<DecodedPage> three = new PageDecoder(DecodeLimits.DEFAULTS.withMaxPages(3)).decode("many.tif", tiff);
        assertEquals(4, three.size(), "a configured page limit: 3 pages and one reject row for the rest");
        assertTrue(assertInstanceOf(DecodedPage.Failed.class, three.get(3)).reason().contains("up to 3 pages"));

        List<DecodedPage> budget = new PageDecoder(new DecodeLimits(DecodeLimits.DEFAULT_MAX_PIXELS,
                DecodeLimits.DEFAULT_MAX_FILE_BYTES, 1000, 5 * 64)).decode("many.tif", tiff);
        assertEquals(6, budget.size(), "a configured pixel budget: 5 pages of 64 pixels, then one reject row");
        assertEquals(6, assertInstanceOf(DecodedPage.Failed.class, budget.get(5)).page());
    }

    private static byte[] tiffOfSmallPages(int pages, int side) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.prepareWriteSequence(null);
            for (int i = 0; i < pages; i++) {
                w.writeToSequence(new IIOImage(new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY), null, null),
                        null);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    @Test
    void refusesDecompressionBombsFromTheHeader() throws Exception {
        byte[] png = write("png", page(BufferedImage.TYPE_BYTE_GRAY, 0));
        // rewrite IHDR to claim 100,000 x 100,000 pixels (fixing its CRC): only the header is read
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, 100_000).putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        DecodedPage.Failed f = assertInstanceOf(DecodedPage.Failed.class, decoder.decode("bomb.png", png).get(0));
        assertTrue(f.reason().contains("above the limit"), f.reason());

        PageDecoder small = new PageDecoder(DecodeLimits.DEFAULTS.withMaxPixels(10_000));
        DecodedPage.Failed g = assertInstanceOf(DecodedPage.Failed.class,
                small.decode("big.png", write("png", page(BufferedImage.TYPE_BYTE_GRAY, 0))).get(0));
        assertTrue(g.reason().contains("300x200 = 60000 pixels"), g.reason());
    }

    /**
     * A cheque-size colour scan (2400 x 1100 pixels, noise so that it does not compress) in each format, written
     * to disk and decoded through a channel that counts its reads: the decoder must read in blocks. Unbuffered, a
     * JPEG took one read per byte (2.8 million system calls for a 2.8 MB cheque).
     */
    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "tiff"})
    void aMultiMegabyteScanIsReadInBlocksNotByteByByte(String format, @TempDir Path dir) throws Exception {
        BufferedImage scan = new BufferedImage(2400, 1100, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(7);
        for (int y = 0; y < scan.getHeight(); y++) {
            for (int x = 0; x < scan.getWidth(); x++) {
                scan.setRGB(x, y, 0x808080 | r.nextInt(0x7f7f7f));
            }
        }
        Path file = dir.resolve("cheque." + format);
        ImageWriter w = ImageIO.getImageWritersByFormatName(format).next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(1.0f);
            }
            w.write(null, new IIOImage(scan, null, null), p);
        } finally {
            w.dispose();
        }
        long size = Files.size(file);
        assertTrue(size > 2_000_000, format + " is only " + size + " bytes");

        CountingChannel channel = new CountingChannel(Files.newByteChannel(file));
        List<DecodedPage> pages = new ArrayList<>();
        decoder.decode(file.toString(), channel, size, pages::add);

        assertEquals(2400, only(pages).getWidth());
        assertTrue(channel.reads < size / 4096 + 100, format + ": " + channel.reads + " reads for " + size + " bytes");
    }

    /** A channel that counts the calls made to read it. */
    private static final class CountingChannel implements SeekableByteChannel {
        private final SeekableByteChannel in;
        long reads;

        CountingChannel(SeekableByteChannel in) {
            this.in = in;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            reads++;
            return in.read(dst);
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return in.position();
        }

        @Override
        public SeekableByteChannel position(long p) throws IOException {
            in.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return in.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static BufferedImage noisy() {
        BufferedImage img = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(1);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 400; x++) {
                img.setRGB(x, y, r.nextInt(0xffffff));
            }
        }
        return img;
    }
}
