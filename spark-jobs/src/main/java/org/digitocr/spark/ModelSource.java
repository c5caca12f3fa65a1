package org.digitocr.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.digitocr.model.ReviewPolicy;
import org.digitocr.model.ModelBundle;
import org.digitocr.model.ModelIdentity;
import org.digitocr.provenance.ModelCard;

/**
 * The model of a run as the driver reads it from any Hadoop path: its card, review policy and the files the
 * executors need (every network of an ensemble), with an id that names the exact networks (card name, creation
 * time, MD5 of the weights).
 */
record ModelSource(ModelIdentity identity, ModelCard card, ReviewPolicy policy, Map<String, byte[]> files) {
    String id() {
        return identity.id();
    }

    /** Writes the model's files into a local directory, e.g. to load its network for fine-tuning. */
    ModelBundle unpack(java.nio.file.Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        return new ModelBundle(dir);
    }

    private static final String[] DESCRIBED = {ModelCard.FILE, ReviewPolicy.FILE};
    /** Where the application jar carries the forms model (see spark-jobs' pom), the default of every run. */
    static final String BUNDLED = "digit-ocr/models/forms-cnn/";

    /** The model at {@code location} (any Hadoop path), or the forms model inside the application jar when null. */
    static ModelSource read(String location, Configuration conf) throws IOException {
        if (location == null) {
            return bundled();
        }
        Path dir = new Path(location);
        FileSystem fs = dir.getFileSystem(conf);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : DESCRIBED) {
            files.put(name, readFile(fs, new Path(dir, name), location));
        }
        for (int i = 0; i == 0 || fs.exists(new Path(dir, ModelBundle.networkName(i))); i++) {
            files.put(ModelBundle.networkName(i), readFile(fs, new Path(dir, ModelBundle.networkName(i)), location));
        }
        return of(files);
    }

    /** The forms model the application jar carries. */
    static ModelSource bundled() throws IOException {
        ClassLoader loader = ModelSource.class.getClassLoader();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : DESCRIBED) {
            files.put(name, resource(loader, name));
        }
        for (int i = 0; i == 0 || loader.getResource(BUNDLED + ModelBundle.networkName(i)) != null; i++) {
            files.put(ModelBundle.networkName(i), resource(loader, ModelBundle.networkName(i)));
        }
        return of(files);
    }

    private static byte[] resource(ClassLoader loader, String name) throws IOException {
        try (var in = loader.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new IOException("the application jar carries no " + BUNDLED + name + "; give --model");
            }
            return in.readAllBytes();
        }
    }

    private static ModelSource of(Map<String, byte[]> files) throws IOException {
        List<byte[]> nets = new ArrayList<>();
        for (int i = 0; files.containsKey(ModelBundle.networkName(i)); i++) {
            nets.add(files.get(ModelBundle.networkName(i)));
        }
        java.nio.file.Path local = Files.createTempDirectory("digit-ocr-model-driver-");
        try {
            for (String name : DESCRIBED) {
                Files.write(local.resolve(name), files.get(name));
            }
            ModelBundle bundle = new ModelBundle(local);
            ModelCard card = bundle.readCard();
            ReviewPolicy policy = bundle.readReviewPolicy();
            return new ModelSource(ModelIdentity.of(card, files.get(ModelCard.FILE), nets), card, policy, files);
        } finally {
            for (String name : DESCRIBED) {
                Files.deleteIfExists(local.resolve(name));
            }
            Files.deleteIfExists(local);
        }
    }

    private static byte[] readFile(FileSystem fs, Path f, String location) throws IOException {
        if (!fs.exists(f)) {
            throw new IllegalArgumentException(location + ": not a model directory (no " + f.getName() + ")");
        }
        try (var in = fs.open(f)) {
            return in.readAllBytes();
        }
    }
}
