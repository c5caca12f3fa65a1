package org.digitocr.extract;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.digitocr.form.Box;
import org.digitocr.segment.DigitCrop;
import org.digitocr.segment.FieldImage;


/**
 * The picture a reviewer keys a field from: the field as it was cut from the registered page, with a coloured
 * frame around each digit the segmenter found, so a wrong split or a missed digit is seen at a glance.
 */
public final class ReviewCrop {
    private static final Color FRAME = new Color(0, 110, 220);
    private static final float QUALITY = 0.8f;

    private ReviewCrop() {
    }

    /** JPEG of the field with its digits framed (JPEG: scans are noisy, and PNG of noise is ten times larger). */
    public static byte[] jpeg(FieldImage field, List<DigitCrop> digits) {
        BufferedImage img = new BufferedImage(field.width(), field.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < field.height(); y++) {
            for (int x = 0; x < field.width(); x++) {
                int v = Math.max(0, Math.min(255, Math.round(field.at(x, y))));
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        Graphics2D g = img.createGraphics();
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(1.5f));
        for (DigitCrop d : digits) {
            Box w = d.where();
            g.drawRect(w.x() - field.originX() - 1, w.y() - field.originY() - 1, w.width() + 1, w.height() + 1);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(QUALITY);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode review crop", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
