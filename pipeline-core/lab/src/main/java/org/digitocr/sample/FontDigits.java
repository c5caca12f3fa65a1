package org.digitocr.sample;

import org.digitocr.sample.HandStyles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.normalize.MnistNormalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Digits drawn from handwriting fonts that Debian ships, so that training sees letterforms of hands MNIST's
 * writers did not have (flagged 1s, open and closed 4s, crossed 7s, script 2s, felt-tip and school hands). Each
 * digit is a font's glyph slanted, rotated, squeezed and thickened at random, normalised the MNIST way, and on
 * half of them redrawn with another pen and captured the way {@link HandStyles} does it. The fonts are the ones
 * listed in {@link #FONTS} found under a fonts folder; missing ones are skipped with a warning. Stateless.
 */
public final class FontDigits {
    /** A font file the digits may be drawn from, with the Debian package that ships it and its licence. */
    public record FontFile(String file, String debianPackage, String licence) {
    }

    /** The handwriting fonts used, when installed (outlined or digit-less fonts of those packages are left out). */
    public static final List<FontFile> FONTS = List.of(
            new FontFile("BecauseWeBuild-Regular.otf", "fonts-bwht", "OFL-1.1"),
            new FontFile("BecauseWeConnect-Regular.otf", "fonts-bwht", "OFL-1.1"),
            new FontFile("BecauseWeCreate-Regular.otf", "fonts-bwht", "OFL-1.1"),
            new FontFile("BecauseWeLearn-Regular.otf", "fonts-bwht", "OFL-1.1"),
            new FontFile("BecauseWeMentor-Regular.otf", "fonts-bwht", "OFL-1.1"),
            new FontFile("BecauseWeOrganize-Regular.otf", "fonts-bwht", "OFL-1.1"),
            new FontFile("ComicNeue-Regular.otf", "fonts-comic-neue", "OFL-1.1"),
            new FontFile("ComicNeue-Italic.otf", "fonts-comic-neue", "OFL-1.1"),
            new FontFile("Breip.ttf", "fonts-breip", "OFL-1.0"),
            new FontFile("Ecolier-court.ttf", "fonts-ecolier-court", "OFL-1.1"),
            new FontFile("dkg.ttf", "fonts-dkg-handwriting", "GPL-3+"),
            new FontFile("dkgBd.ttf", "fonts-dkg-handwriting", "GPL-3+"),
            new FontFile("dkgIt.ttf", "fonts-dkg-handwriting", "GPL-3+"),
            new FontFile("Humor-Sans.ttf", "fonts-humor-sans", "OFL-1.1"),
            new FontFile("KleeOne-Regular.ttf", "fonts-klee", "OFL-1.1"),
            new FontFile("Kristi.ttf", "fonts-kristi", "OFL-1.1"),
            new FontFile("Rufscript010.ttf", "fonts-rufscript", "GPL-3+ with font exception"),
            new FontFile("setofont.ttf", "fonts-seto", "OFL-1.1"));
    /** Where Debian installs fonts. */
    public static final Path SYSTEM_FONTS = Path.of("/usr/share/fonts");
    /** What the variations are, for model cards. */
    public static final String DESCRIPTION = "digits of handwriting fonts (Debian packages fonts-bwht, fonts-comic-neue,"
            + " fonts-breip, fonts-ecolier-court, fonts-dkg-handwriting, fonts-humor-sans, fonts-klee, fonts-kristi,"
            + " fonts-rufscript, fonts-seto) slanted (shear -0.35..0.35), rotated (-12..12 degrees), squeezed (width"
            + " 0.65-1.25), thickened (35%), normalised as MNIST, half of them redrawn with another pen and captured as"
            + " HandStyles does";
    private static final Logger LOG = LoggerFactory.getLogger(FontDigits.class);
    private static final int SIDE = 192;
    private static final float SIZE = 100f;
    /** Less ink than this many full pixels is not a digit (MNIST's digits have about 100). */
    private static final double MIN_INK = 20;

    private final List<Font> fonts;
    private final List<FontFile> files;

    private FontDigits(List<Font> fonts, List<FontFile> files) {
        this.fonts = fonts;
        this.files = files;
    }

    /** The fonts of {@link #FONTS} found anywhere under {@code dir}; fails naming the packages when none is. */
    public static FontDigits under(Path dir) throws IOException {
        List<Font> fonts = new ArrayList<>();
        List<FontFile> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.isDirectory(dir) ? Files.walk(dir) : Stream.empty()) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (FontFile f : FONTS) {
            Path p = files.stream().filter(x -> x.getFileName().toString().equals(f.file())).findFirst().orElse(null);
            if (p == null) {
                LOG.warn("font {} (Debian package {}) not found under {}: its digits are not drawn", f.file(),
                        f.debianPackage(), dir);
                continue;
            }
            try {
                Font font = Font.createFont(Font.TRUETYPE_FONT, p.toFile()).deriveFont(SIZE);
                if (font.canDisplayUpTo("0123456789") == -1) {
                    fonts.add(font);
                    found.add(f);
                }
            } catch (FontFormatException e) {
                LOG.warn("font {} could not be read ({}): its digits are not drawn", p, e.getMessage());
            }
        }
        if (fonts.isEmpty()) {
            throw new IllegalArgumentException("no handwriting font found under " + dir + "; install the Debian packages "
                    + FONTS.stream().map(FontFile::debianPackage).distinct().toList());
        }
        return new FontDigits(List.copyOf(fonts), List.copyOf(found));
    }

    /** The font files digits are drawn from. */
    public List<String> fontNames() {
        return files.stream().map(FontFile::file).toList();
    }

    /** The same, drawing only from the fonts {@code which} keeps; fails when it keeps none. */
    public FontDigits only(Predicate<FontFile> which) {
        List<Font> kept = new ArrayList<>();
        List<FontFile> keptFiles = new ArrayList<>();
        for (int i = 0; i < fonts.size(); i++) {
            if (which.test(files.get(i))) {
                kept.add(fonts.get(i));
                keptFiles.add(files.get(i));
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("none of the fonts " + fontNames() + " is wanted");
        }
        return new FontDigits(List.copyOf(kept), List.copyOf(keptFiles));
    }

    /** The characters of {@code text} that at least one of the fonts can draw, in order. */
    public String drawable(String text) {
        return text.codePoints().filter(c -> fonts.stream().anyMatch(f -> f.canDisplay(c)))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /**
     * {@code text} drawn from one of the fonts that can draw it, chosen at random, and varied as the digits are;
     * fails when none can.
     */
    public float[] glyph(String text, SplittableRandom rnd) {
        List<Font> able = fonts.stream().filter(f -> f.canDisplayUpTo(text) == -1).toList();
        if (able.isEmpty()) {
            throw new IllegalArgumentException("none of the fonts " + fontNames() + " can draw \"" + text + "\"");
        }
        // a hairline font thinned further can lose its ink: such a draw is no mark at all, so it is drawn again
        for (int attempt = 0; ; attempt++) {
            float[] px = glyph(text, able.get(rnd.nextInt(able.size())), rnd);
            if (ink(px) >= MIN_INK || attempt == 20) {
                return px;
            }
        }
    }

    /**
     * {@code count} digits, the classes in turn and the fonts at random (in parallel; digit i always draws from
     * its own stream, seeded by {@code seed} and i, so the result does not depend on the threads).
     */
    public LabelledDigits draw(int count, long seed) {
        int[] labels = new int[count];
        List<float[]> out = IntStream.range(0, count).parallel().mapToObj(i -> {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
            return glyph(String.valueOf(i % 10), rnd);
        }).toList();
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        return new LabelledDigits(DigitImages.fromFloats(out), labels);
    }

    private static double ink(float[] px) {
        double sum = 0;
        for (float v : px) {
            sum += v;
        }
        return sum;
    }

    /** {@code text} in one font, varied as the class comment says, as 784 MNIST-layout floats. */
    static float[] glyph(String text, Font font, SplittableRandom rnd) {
        FontRenderContext frc = new FontRenderContext(null, true, true);
        Shape glyph = font.createGlyphVector(frc, text).getOutline();
        AffineTransform t = new AffineTransform();
        t.rotate(Math.toRadians(-12 + rnd.nextDouble() * 24));
        t.shear(-0.35 + rnd.nextDouble() * 0.7, 0);
        t.scale(0.65 + rnd.nextDouble() * 0.6, 1);
        Shape shaped = t.createTransformedShape(glyph);
        Rectangle2D b = shaped.getBounds2D();
        double fit = 0.6 * SIDE / Math.max(b.getWidth(), b.getHeight());
        AffineTransform place = AffineTransform.getTranslateInstance(SIDE / 2.0, SIDE / 2.0);
        place.scale(fit, fit);
        place.translate(-b.getCenterX(), -b.getCenterY());
        Shape placed = place.createTransformedShape(shaped);
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SIDE, SIDE);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.fill(placed);
            if (rnd.nextDouble() < 0.35) {
                g.setStroke(new BasicStroke((float) (1 + rnd.nextDouble() * 0.05 * SIDE), BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND));
                g.draw(placed);
            }
        } finally {
            g.dispose();
        }
        float[] px = MnistNormalizer.normalize(img);
        return rnd.nextBoolean() ? px : HandStyles.restyle(px, 0, LabelledDigits.NOT_A_DIGIT, rnd);
    }
}
