package org.digitocr.provenance;

import org.digitocr.normalize.PenNormalization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * How, when and from what a model was made, and how well it did: saved as {@code model-card.json} beside
 * every model. The classifier reads its temperature from here, so a model never travels without its card.
 *
 * @param name          model name
 * @param createdAt     ISO-8601 time the model was finished
 * @param producer      the product version and component that made it
 * @param framework     DL4J/ND4J versions and backend
 * @param host          machine it was trained on (cores, OS, Java)
 * @param architecture  layer-by-layer description
 * @param parameters    parameter count including BatchNorm running statistics (DL4J's count)
 * @param trainableParameters parameters updated by the optimiser
 * @param data          data files with their MD5 sums
 * @param split         how the data was split
 * @param training      how it was trained: recipe, examples, start or members, epochs and timings
 * @param temperature   temperature-scaling constant for calibrated probabilities
 * @param penNormalization when digits written broader than MNIST's are also read thinned (null: never, as in
 *                      cards written before it existed)
 * @param metrics       evaluation numbers (test accuracy, top-2, ECE before/after calibration ...)
 * @param notes         anything a user should know
 * @param networks      each network file with its SHA-256, in member order (null in cards written before it existed)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(
        String name,
        String createdAt,
        String producer,
        String framework,
        String host,
        String architecture,
        long parameters,
        long trainableParameters,
        List<DataFile> data,
        String split,
        TrainingRecord training,
        double temperature,
        PenNormalization penNormalization,
        Map<String, Double> metrics,
        String notes,
        List<NetworkFile> networks) {

    public static final String FILE = "model-card.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ModelCard {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
    }

    /** The same card naming {@code files} as its networks. */
    public ModelCard withNetworks(List<NetworkFile> files) {
        return new ModelCard(name, createdAt, producer, framework, host, architecture, parameters, trainableParameters,
                data, split, training, temperature, penNormalization, metrics, notes, List.copyOf(files));
    }

    public static ModelCard read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ModelCard.class);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }
}
