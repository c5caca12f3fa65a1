package org.digitocr.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.digitocr.decode.DecodeLimits;
import org.digitocr.model.ModelIdentity;

/**
 * Everything an executor needs to build the forms pipeline, shipped once per executor as a broadcast: the
 * model's files (a few MB, so executors need no access to where the model lives), the templates' JSON as
 * read and validated on the driver, and the run's settings. A plain class rather than a record because
 * Spark's Kryo serializer cannot build records.
 */
public final class PipelineSpec implements Serializable {
    private final String modelId;
    private final String modelCardSha256;
    private final TreeMap<String, byte[]> modelFiles;
    private final TreeMap<String, String> templates;
    /** {@link DecodeLimits} as its values: Spark's Kryo serializer cannot build records. */
    private final long maxPixels;
    private final long maxFileBytes;
    private final int maxPages;
    private final long maxFilePixels;
    private final double reviewThreshold;

    /**
     * @param modelFiles      file name to bytes of the model directory
     * @param templates       template source to its JSON text
     * @param reviewThreshold field confidence needed to skip review, from the model's review policy
     */
    public PipelineSpec(ModelIdentity model, Map<String, byte[]> modelFiles, Map<String, String> templates,
                        DecodeLimits limits, double reviewThreshold) {
        this.modelId = model.id();
        this.modelCardSha256 = model.cardSha256();
        this.modelFiles = new TreeMap<>(modelFiles);
        this.templates = new TreeMap<>(templates);
        this.maxPixels = limits.maxPixels();
        this.maxFileBytes = limits.maxFileBytes();
        this.maxPages = limits.maxPages();
        this.maxFilePixels = limits.maxFilePixels();
        this.reviewThreshold = reviewThreshold;
    }

    public String modelId() {
        return modelId;
    }

    /** The model every row this pipeline reads carries. */
    public ModelIdentity model() {
        return new ModelIdentity(modelId, modelCardSha256);
    }

    public Map<String, byte[]> modelFiles() {
        return Collections.unmodifiableMap(modelFiles);
    }

    public Map<String, String> templates() {
        return Collections.unmodifiableMap(templates);
    }

    public DecodeLimits limits() {
        return new DecodeLimits(maxPixels, maxFileBytes, maxPages, maxFilePixels);
    }

    public double reviewThreshold() {
        return reviewThreshold;
    }

    /** Identifies the pipeline an executor builds from this spec, so equal specs share one loaded model. */
    public String key() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(modelId.getBytes(StandardCharsets.UTF_8));
            templates.forEach((k, v) -> {
                md.update(k.getBytes(StandardCharsets.UTF_8));
                md.update(v.getBytes(StandardCharsets.UTF_8));
            });
            md.update((limits() + "/" + reviewThreshold).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
