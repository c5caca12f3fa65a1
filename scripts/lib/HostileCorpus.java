import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

import org.digitocr.sample.SampleBatchWriter;

/**
 * Writes the hostile corpus of scripts/bench.sh hostile into a folder: a 60-page TIFF of white 7000x8000 pages
 * (about 60 KB), a 3-page TIFF cut in half, a PNG whose text chunk inflates to 400 MB, a 3 GB sparse file, a
 * symlink loop, a FIFO named like a scan, names with ':' and a newline, a mirrored JPEG that says so in EXIF, and
 * two good sample forms. Usage: java HostileCorpus.java SAMPLES_DIR OUT_DIR (with the project's classpath).
 */
public class HostileCorpus {
    public static void main(String[] a) throws Exception {
        Path samples = Path.of(a[0]);
        Path out = Files.createDirectories(Path.of(a[1]));
        Files.copy(samples.resolve("form-01.png"), out.resolve("good-1.png"));
        Files.copy(samples.resolve("form-03.png"), out.resolve("scan 2026-11-24 10:30:00.png"));
        Files.copy(samples.resolve("form-05.png"), out.resolve("scan\nnewline.png"));
        BufferedImage white = new BufferedImage(7000, 8000, BufferedImage.TYPE_BYTE_BINARY);
        java.awt.Graphics2D g = white.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 7000, 8000);
        g.dispose();
        Files.write(out.resolve("bomb-60-pages.tif"), SampleBatchWriter.tiff(java.util.Collections.nCopies(60, white), "Deflate"));
        BufferedImage form = ImageIO.read(samples.resolve("form-01.png").toFile());
        byte[] three = SampleBatchWriter.tiff(java.util.Collections.nCopies(3, form), "Deflate");
        Files.write(out.resolve("cut-3-pages.tif"), Arrays.copyOf(three, three.length / 2));
        Files.write(out.resolve("ztxt-bomb.png"), zTxtBomb(Files.readAllBytes(samples.resolve("form-07.png"))));
        try (RandomAccessFile f = new RandomAccessFile(out.resolve("sparse-3gb.png").toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Files.createSymbolicLink(out.resolve("loop"), Path.of("."));
        new ProcessBuilder("mkfifo", out.resolve("fifo.png").toString()).inheritIO().start().waitFor();
        BufferedImage mirrored = new AffineTransformOp(new AffineTransform(-1, 0, 0, 1, form.getWidth(), 0),
                AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(toRgb(form), null);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(mirrored, "jpeg", jpeg);
        Files.write(out.resolve("exif-mirrored.jpg"), withOrientation(jpeg.toByteArray(), 2));
        System.out.println("hostile corpus in " + out);
    }

    static BufferedImage toRgb(BufferedImage img) {
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(img, 0, 0, null);
        return rgb;
    }

    static byte[] zTxtBomb(byte[] png) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.write("Comment".getBytes(StandardCharsets.ISO_8859_1));
        text.write(new byte[] {0, 0});
        try (DeflaterOutputStream d = new DeflaterOutputStream(text)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 400; i++) {
                d.write(zeros);
            }
        }
        byte[] data = text.toByteArray();
        byte[] typeAndData = new byte[4 + data.length];
        System.arraycopy("zTXt".getBytes(StandardCharsets.ISO_8859_1), 0, typeAndData, 0, 4);
        System.arraycopy(data, 0, typeAndData, 4, data.length);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(typeAndData);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) orientation).putShort((short) 0).putInt(0);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int len = 2 + exif.length + tiff.capacity();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + len);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) len).put(exif).put(tiff.array())
                .put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }
}
