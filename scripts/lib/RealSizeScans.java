import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns generated form pages into scans of the sizes a customer sends, for scripts/bench.sh: {@code a4} writes
 * each page at twice its size as a grey PNG (an exam sheet, drawn at 150 dpi, becomes a 300 dpi A4 page of 2480 x
 * 3508); {@code cheque} writes each page scaled to 2380 pixels across (a cheque leaf at 300 dpi) in colour, its
 * paper a light security pattern with the grain of a colour sensor and its ink blue, as a JPEG of quality 1.0 (2-3 MB, as real cheque scans are).
 * Usage: java RealSizeScans.java a4|cheque IN_DIR OUT_DIR (with the project's classpath).
 */
public class RealSizeScans {
    public static void main(String[] a) throws Exception {
        String kind = a[0];
        Path out = Files.createDirectories(Path.of(a[2]));
        List<Path> pages;
        try (Stream<Path> s = Files.list(Path.of(a[1]))) {
            pages = s.filter(p -> p.getFileName().toString().matches("form-.*\\.(png|jpg)")).sorted().toList();
        }
        for (Path p : pages) {
            BufferedImage page = ImageIO.read(p.toFile());
            String name = p.getFileName().toString().replaceAll("\\.(png|jpg)$", "");
            if (kind.equals("a4")) {
                ImageIO.write(scaled(page, 2.0, BufferedImage.TYPE_BYTE_GRAY), "png", out.resolve(name + ".png").toFile());
            } else {
                BufferedImage grey = scaled(page, 2380.0 / page.getWidth(), BufferedImage.TYPE_BYTE_GRAY);
                jpeg(coloured(grey), out.resolve(name + ".jpg"));
            }
        }
    }

    private static BufferedImage scaled(BufferedImage img, double s, int type) {
        BufferedImage out = new BufferedImage((int) Math.round(img.getWidth() * s), (int) Math.round(img.getHeight() * s),
                type);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /** Paper as a pale green guilloche and micro-print lines, ink in blue ballpoint; grey 255 is paper, 0 ink. */
    private static BufferedImage coloured(BufferedImage grey) {
        int w = grey.getWidth();
        int h = grey.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] ink = {25, 45, 150};
        java.util.SplittableRandom noise = new java.util.SplittableRandom(w * 31L + h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double wave = Math.sin(x * 0.11 + 6 * Math.sin(y * 0.023)) * Math.cos(y * 0.07 + 4 * Math.sin(x * 0.013));
                double line = (y % 9 == 0) ? -14 : 0;
                int[] paper = {(int) (214 + 14 * wave + line), (int) (236 + 10 * wave + line), (int) (218 + 14 * wave + line)};
                double v = (grey.getRaster().getSample(x, y, 0)) / 255.0;
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    int ch = (int) Math.round(v * paper[c] + (1 - v) * ink[c] + noise.nextInt(-7, 8));
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, ch));
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    private static void jpeg(BufferedImage img, Path file) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(1.0f);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
    }
}
