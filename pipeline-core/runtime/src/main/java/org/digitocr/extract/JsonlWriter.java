package org.digitocr.extract;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.digitocr.model.ModelIdentity;
import org.digitocr.provenance.BuildInfo;

/**
 * Writes records as JSON Lines (one object per line), the output format of {@code extract}, with the Parquet
 * tables' names (snake_case: {@code needs_review}, {@code reason_code}, {@code model_id}); every line also carries
 * the same provenance fields (the model that read it, the file it came from), so a line copied anywhere still
 * says where it came from.
 */
public final class JsonlWriter implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final BufferedWriter out;
    private final Map<String, String> stamp;

    public JsonlWriter(Path file) throws IOException {
        this(file, Map.of());
    }

    /** A writer that adds {@code stamp}'s fields, in order, to every record it writes. */
    public JsonlWriter(Path file, Map<String, String> stamp) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.stamp = new LinkedHashMap<>(stamp);
    }

    /** The provenance every row of a run carries: the model's id, its card's SHA-256 and the product's version. */
    public static Map<String, String> provenance(ModelIdentity model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model_id", model.id());
        m.put("model_card_sha256", model.cardSha256());
        m.put("product_version", BuildInfo.current().version());
        return m;
    }

    public synchronized void write(Object record) throws IOException {
        write(record, null);
    }

    /** Writes {@code record} with the lineage of the file it came from (size, modification time, SHA-256, when read). */
    public synchronized void write(Object record, SourceFacts source) throws IOException {
        write(record, source, Map.of());
    }

    /** As {@link #write(Object, SourceFacts)}, with {@code extra} columns after the record's own. */
    public synchronized void write(Object record, SourceFacts source, Map<String, String> extra) throws IOException {
        if (stamp.isEmpty() && source == null && extra.isEmpty()) {
            out.write(JSON.writeValueAsString(record));
        } else {
            ObjectNode node = JSON.valueToTree(record);
            if (source != null) {
                node.put("source_bytes", source.bytes());
                node.put("source_modified_at", source.modifiedAt() == null ? null : source.modifiedAt().toString());
                node.put("source_sha256", source.sha256());
                node.put("processed_at", source.processedAt().toString());
            }
            extra.forEach(node::put);
            stamp.forEach(node::put);
            out.write(JSON.writeValueAsString(node));
        }
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
