package org.digitocr.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.digitocr.provenance.ModelCard;

/**
 * A model as the product ships it: a directory holding the DL4J network ({@code model.zip}), its card
 * ({@code model-card.json}, which carries the calibration temperature) and its training history.
 */
public record ModelBundle(Path dir) {
    public static final String NETWORK = "model.zip";
    public static final String HISTORY = "history.csv";
    /** The reference model shipped in the repository, trained on MNIST: for single digit images. */
    public static final Path BUNDLED = Path.of("data", "models", "reference-cnn");
    /**
     * The model the forms pipeline uses by default: the reference model fine-tuned on digits read back off
     * scanned forms, and taught that touching pairs and fragments are no single digit.
     */
    public static final Path FORMS = Path.of("data", "models", "forms-cnn");

    public Path network() {
        return dir.resolve(NETWORK);
    }

    public Path card() {
        return dir.resolve(ModelCard.FILE);
    }

    public Path history() {
        return dir.resolve(HISTORY);
    }

    /** When fields skip review: {@code review-policy.json}, fitted with the model. */
    public Path reviewPolicy() {
        return dir.resolve(org.digitocr.extract.ReviewPolicy.FILE);
    }

    public org.digitocr.extract.ReviewPolicy readReviewPolicy() {
        try {
            return org.digitocr.extract.ReviewPolicy.read(reviewPolicy());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + ": no " + org.digitocr.extract.ReviewPolicy.FILE
                    + " (retrain or export the model with this version)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(reviewPolicy() + ": cannot read review policy", e);
        }
    }

    public ModelCard readCard() {
        try {
            return ModelCard.read(card());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + ": not a model directory (no " + ModelCard.FILE + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(card() + ": cannot read model card", e);
        }
    }

    public MultiLayerNetwork readNetwork() {
        if (!Files.isRegularFile(network())) {
            throw new IllegalArgumentException(dir + ": not a model directory (no " + NETWORK + ")");
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(network().toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(network() + ": cannot load network", e);
        }
    }

    /** Writes network, card and (if given) history into the directory, creating it. */
    public void write(MultiLayerNetwork net, ModelCard card, Path historyCsv) throws IOException {
        Files.createDirectories(dir);
        ModelSerializer.writeModel(net, network().toFile(), false);
        card.write(card());
        if (historyCsv != null && !historyCsv.toAbsolutePath().equals(history().toAbsolutePath())) {
            Files.copy(historyCsv, history(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
