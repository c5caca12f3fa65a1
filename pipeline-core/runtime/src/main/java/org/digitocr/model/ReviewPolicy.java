package org.digitocr.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * When a field may skip human review: it validates, segmentation had no doubt, and its confidence is at least
 * the threshold fitted for the chosen target error rate. Thresholds are fitted from held-out data (see
 * {@code calibrate.ReviewPolicyFitter}) for several targets, so a run can pick its own without refitting.
 *
 * @param fittedOn how the thresholds were obtained
 * @param points   one threshold per target error rate, with the accept and error rates seen when fitting
 */
public record ReviewPolicy(String fittedOn, List<Point> points) {
    public static final String FILE = "review-policy.json";
    public static final double DEFAULT_TARGET = 0.005;
    public static final double[] TARGETS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05};
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A fitted threshold: accepting fields at or above it gave {@code errorRate} wrong among {@code acceptRate}. */
    public record Point(double targetErrorRate, double threshold, double acceptRate, double errorRate) {
    }

    /** The threshold for a target: the fitted point with the largest target not above it (never laxer). */
    public double threshold(double targetErrorRate) {
        return points.stream().filter(p -> p.targetErrorRate() <= targetErrorRate + 1e-12)
                .max(Comparator.comparingDouble(Point::targetErrorRate))
                .map(Point::threshold)
                .orElseThrow(() -> new IllegalArgumentException("target error rate " + targetErrorRate
                        + " is below the smallest fitted target " + points.get(0).targetErrorRate()));
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static ReviewPolicy read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ReviewPolicy.class);
    }
}
