package org.digitocr.extract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the time of reading a file went, in nanoseconds: decoding, registration (finding the marks and the
 * template), segmentation (cutting fields into normalised digits) and classification (the network, validation
 * and review). Summed over a run, it says which stage to speed up.
 */
public record StageTimes(long decode, long register, long segment, long classify) {
    public static final StageTimes NONE = new StageTimes(0, 0, 0, 0);

    public StageTimes plus(StageTimes o) {
        return new StageTimes(decode + o.decode, register + o.register, segment + o.segment, classify + o.classify);
    }

    /** Each stage's share of the total, e.g. {@code "decode 26%, register 19%, segment 38%, classify 17%"}. */
    public static String shares(Map<String, Double> secondsByStage) {
        double busy = secondsByStage.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder b = new StringBuilder();
        secondsByStage.forEach((stage, secs) -> b.append(b.isEmpty() ? "" : ", ").append(stage).append(' ')
                .append(Math.round(100 * secs / Math.max(busy, 1e-9))).append('%'));
        return b.toString();
    }

    /** Seconds per stage, in pipeline order. */
    public Map<String, Double> seconds() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("decode", decode / 1e9);
        m.put("register", register / 1e9);
        m.put("segment", segment / 1e9);
        m.put("classify", classify / 1e9);
        return m;
    }
}
