package org.digitocr.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.digitocr.extract.ReviewPolicy;
import org.digitocr.model.ModelBundle;
import org.digitocr.provenance.ModelCard;

/**
 * The model of a run as the driver reads it from any Hadoop path: its card, review policy and the files the
 * executors need, with an id that names the exact network (card name, creation time, MD5 of the weights).
 */
record ModelSource(String id, ModelCard card, ReviewPolicy policy, Map<String, byte[]> files) {
    /** Writes the model's files into a local directory, e.g. to load its network for fine-tuning. */
    ModelBundle unpack(java.nio.file.Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        return new ModelBundle(dir);
    }

    private static final String[] SHIPPED = {ModelBundle.NETWORK, ModelCard.FILE, ReviewPolicy.FILE};

    static ModelSource read(String location, Configuration conf) throws IOException {
        Path dir = new Path(location);
        FileSystem fs = dir.getFileSystem(conf);
        java.nio.file.Path local = Files.createTempDirectory("digit-ocr-model-driver-");
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (String name : SHIPPED) {
                Path f = new Path(dir, name);
                if (!fs.exists(f)) {
                    throw new IllegalArgumentException(location + ": not a model directory (no " + name + ")");
                }
                try (var in = fs.open(f)) {
                    files.put(name, in.readAllBytes());
                }
                Files.write(local.resolve(name), files.get(name));
            }
            ModelBundle bundle = new ModelBundle(local);
            ModelCard card = bundle.readCard();
            ReviewPolicy policy = bundle.readReviewPolicy();
            String md5 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(files.get(ModelBundle.NETWORK)));
            return new ModelSource(card.name() + "@" + card.createdAt() + "#" + md5.substring(0, 12), card, policy, files);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            for (String name : SHIPPED) {
                Files.deleteIfExists(local.resolve(name));
            }
            Files.deleteIfExists(local);
        }
    }
}
