package org.digitocr.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.sample.HandStyles;

/**
 * Training digits rewritten in other hands ({@link HandStyles}) on the executors: the digits are broadcast, each
 * task restyles a range of them (OpenCV thinning and drawing, the costly part), and the driver gathers the result.
 * Digit i is drawn from its own stream, so the result is {@link HandStyles#restyleAll}'s, whatever the cluster.
 */
final class SparkHandStyles {
    private SparkHandStyles() {
    }

    static LabelledDigits restyleAll(JavaSparkContext jsc, LabelledDigits digits, long seed) {
        if (digits.size() == 0) {
            return digits;
        }
        Broadcast<AugmentPartition.Digits> shared = jsc.broadcast(new AugmentPartition.Digits(digits));
        int slices = Math.max(1, Math.min(digits.size(), jsc.defaultParallelism() * 4));
        List<int[]> ranges = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            ranges.add(new int[] {(int) ((long) digits.size() * s / slices), (int) ((long) digits.size() * (s + 1) / slices)});
        }
        List<byte[]> parts = jsc.parallelize(ranges, slices).map(r -> {
            LabelledDigits d = shared.value().toLabelled();
            List<float[]> styled = IntStream.range(r[0], r[1]).mapToObj(i -> HandStyles.restyle(d, i, seed)).toList();
            return DigitImages.fromFloats(styled).pixels();
        }).collect();
        shared.destroy();
        byte[] pixels = new byte[digits.size() * DigitImages.PIXELS];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, pixels, at, p.length);
            at += p.length;
        }
        return new LabelledDigits(new DigitImages(pixels, digits.size()), digits.labels().clone());
    }
}
