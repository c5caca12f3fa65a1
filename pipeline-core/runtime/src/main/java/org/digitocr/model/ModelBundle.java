package org.digitocr.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.digitocr.engine.Dl4jHelpers;
import org.digitocr.provenance.ModelCard;
import org.digitocr.provenance.NetworkFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model as the product ships it: a directory holding the DL4J network ({@code model.zip}), its card
 * ({@code model-card.json}, which carries the calibration temperature) and its training history. An ensemble
 * holds several networks of the same shape ({@code model.zip}, {@code model-2.zip}, ...) whose logits are
 * averaged; its card and temperature describe the ensemble as a whole, and name each network file with its SHA-256.
 */
public record ModelBundle(Path dir) {
    private static final Logger LOG = LoggerFactory.getLogger(ModelBundle.class);
    public static final String NETWORK = "model.zip";
    public static final String HISTORY = "history.csv";
    /** The reference model shipped in the repository, trained on MNIST: for single digit images. */
    public static final Path BUNDLED = Path.of("data", "models", "reference-cnn");
    /**
     * The model the forms pipeline uses by default: an ensemble of reference CNNs trained on MNIST plus digits
     * read back off generated forms, and taught that touching pairs and fragments are no single digit.
     */
    public static final Path FORMS = Path.of("data", "models", "forms-cnn");

    public Path network() {
        return dir.resolve(NETWORK);
    }

    /** File name of the {@code member}-th network (0-based): {@code model.zip}, {@code model-2.zip}, ... */
    public static String networkName(int member) {
        return member == 0 ? NETWORK : "model-" + (member + 1) + ".zip";
    }

    /** The network files present, in member order: one for a single model, several for an ensemble. */
    public List<Path> networks() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; Files.isRegularFile(dir.resolve(networkName(i))); i++) {
            files.add(dir.resolve(networkName(i)));
        }
        return files;
    }

    public Path card() {
        return dir.resolve(ModelCard.FILE);
    }

    public Path history() {
        return dir.resolve(HISTORY);
    }

    /** When fields skip review: {@code review-policy.json}, fitted with the model. */
    public Path reviewPolicy() {
        return dir.resolve(org.digitocr.model.ReviewPolicy.FILE);
    }

    public org.digitocr.model.ReviewPolicy readReviewPolicy() {
        try {
            return org.digitocr.model.ReviewPolicy.read(reviewPolicy());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + ": no " + org.digitocr.model.ReviewPolicy.FILE
                    + " (retrain or export the model with this version)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(reviewPolicy() + ": cannot read review policy", e);
        }
    }

    /** Which model this is ({@link ModelIdentity}), from its card and network files. */
    public ModelIdentity identity() {
        try {
            List<byte[]> nets = new ArrayList<>();
            for (Path n : networks()) {
                nets.add(Files.readAllBytes(n));
            }
            return ModelIdentity.of(readCard(), Files.readAllBytes(card()), nets);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read the model's files", e);
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

    /** The one network of a single model; an ensemble is refused (its members are not one network). */
    public MultiLayerNetwork readNetwork() {
        int count = networks().size();
        if (count > 1) {
            throw new IllegalArgumentException(dir + ": an ensemble of " + count
                    + " networks, not a single network (use one of its members)");
        }
        return readNetworks().get(0);
    }

    /** Every network of the bundle, in member order, once they are found to be the ones its card names. */
    public List<MultiLayerNetwork> readNetworks() {
        List<Path> files = networks();
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + ": not a model directory (no " + NETWORK + ")");
        }
        verify(files);
        Dl4jHelpers.allow();
        List<MultiLayerNetwork> nets = new ArrayList<>();
        for (Path f : files) {
            try {
                nets.add(ModelSerializer.restoreMultiLayerNetwork(f.toFile(), false));
            } catch (IOException e) {
                throw new UncheckedIOException(f + ": cannot load network", e);
            }
        }
        return nets;
    }

    /**
     * Refuses network files other than those the card names with their SHA-256: a member deleted, replaced by
     * another model's or added would run with calibration and review thresholds fitted for other networks. A card
     * written before it named them is let through with a warning.
     */
    private void verify(List<Path> files) {
        List<NetworkFile> named = readCard().networks();
        if (named == null) {
            LOG.warn("{}: its card names no network checksums (written before they were kept); not verified", dir);
            return;
        }
        List<String> present = files.stream().map(f -> f.getFileName().toString()).toList();
        List<String> listed = named.stream().map(NetworkFile::file).toList();
        if (!present.equals(listed)) {
            throw new IllegalArgumentException(dir + ": holds networks " + present + " but its card names " + listed
                    + " (" + ModelCard.FILE + ")");
        }
        for (int i = 0; i < files.size(); i++) {
            String actual = NetworkFile.sha256(files.get(i));
            if (!actual.equals(named.get(i).sha256())) {
                throw new IllegalArgumentException(files.get(i) + ": SHA-256 " + actual + ", but its card names "
                        + named.get(i).sha256() + ": not the network this model was made with");
            }
        }
    }

    /** Writes network, card and (if given) history into the directory, creating it. */
    public void write(MultiLayerNetwork net, ModelCard card, Path historyCsv) throws IOException {
        write(List.of(net), card, historyCsv);
    }

    /** Writes the networks (one, or an ensemble's members), card and (if given) history, creating the directory. */
    public void write(List<MultiLayerNetwork> nets, ModelCard card, Path historyCsv) throws IOException {
        Files.createDirectories(dir);
        for (Path stale : networks()) {
            Files.delete(stale);
        }
        List<NetworkFile> written = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            Path file = dir.resolve(networkName(i));
            ModelSerializer.writeModel(nets.get(i), file.toFile(), false);
            written.add(NetworkFile.of(file));
        }
        card.withNetworks(written).write(card());
        if (historyCsv != null && !historyCsv.toAbsolutePath().equals(history().toAbsolutePath())) {
            Files.copy(historyCsv, history(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
