package org.digitocr.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.normalize.MnistNormalizer;

/**
 * Labelled digits from a folder with one sub-folder per digit ({@code 0/ ... 9/}) of PNG or JPEG images of
 * any size and polarity, normalised MNIST-style. Files that cannot be read are listed, not silently dropped.
 */
public final class DigitFolder {
    private DigitFolder() {
    }

    /** The digits read and the files that could not be used, each with its reason. */
    public record Loaded(LabelledDigits digits, List<String> sources, List<String> rejected) {
    }

    public static Loaded load(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": not a directory");
        }
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (int d = 0; d <= 9; d++) {
            Path sub = root.resolve(Integer.toString(d));
            if (!Files.isDirectory(sub)) {
                continue;
            }
            try (Stream<Path> files = Files.list(sub)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (!(name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"))) {
                        rejected.add(f + ": not a PNG or JPEG file");
                        continue;
                    }
                    try {
                        BufferedImage img = ImageIO.read(f.toFile());
                        if (img == null) {
                            rejected.add(f + ": not a readable image");
                            continue;
                        }
                        images.add(MnistNormalizer.normalize(img));
                        labels.add(d);
                        sources.add(f.toString());
                    } catch (IOException | RuntimeException e) {
                        rejected.add(f + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(sub + ": cannot list", e);
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException(root + ": no digit images found in sub-folders 0-9");
        }
        int[] lab = labels.stream().mapToInt(Integer::intValue).toArray();
        return new Loaded(new LabelledDigits(DigitImages.fromFloats(images), lab), sources, rejected);
    }
}
