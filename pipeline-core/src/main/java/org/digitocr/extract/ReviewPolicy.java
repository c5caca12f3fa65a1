package org.digitocr.extract;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * When a field may skip human review: it validates, segmentation had no doubt, and its confidence is at least
 * {@code threshold}. The threshold is fitted from held-out data so that accepted fields are wrong at most at
 * {@code targetErrorRate}; {@code fittedOn}, {@code expectedAcceptRate} and {@code expectedErrorRate} record how.
 */
public record ReviewPolicy(double threshold, double targetErrorRate, String fittedOn, double expectedAcceptRate,
                           double expectedErrorRate) {
    public static final String FILE = "review-policy.json";
    public static final double DEFAULT_TARGET = 0.005;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public boolean confident(double confidence) {
        return confidence >= threshold;
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static ReviewPolicy read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ReviewPolicy.class);
    }
}
