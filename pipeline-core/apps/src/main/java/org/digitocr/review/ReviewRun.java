package org.digitocr.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.digitocr.extract.DigitReading;
import org.digitocr.extract.ReviewReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's output folder as the station reads it: every row of its {@code fields.jsonl}, the queue of rows that
 * need review, and their review files, which are only ever read from inside the folder.
 */
public final class ReviewRun {
    /** The file {@code extract} writes the fields into. */
    public static final String FIELDS = "fields.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final Logger LOG = LoggerFactory.getLogger(ReviewRun.class);

    private final Path dir;
    private final String runId;
    private final List<ObjectNode> rows;
    private final List<ReviewItem> queue;

    private ReviewRun(Path dir, String runId, List<ObjectNode> rows, List<ReviewItem> queue) {
        this.dir = dir;
        this.runId = runId;
        this.rows = rows;
        this.queue = queue;
    }

    /** Reads the run in {@code dir}; an error names the folder and what is wrong with it. */
    public static ReviewRun open(Path dir) throws IOException {
        Path real = dir.toRealPath();
        Path fields = real.resolve(FIELDS);
        if (!Files.isRegularFile(fields)) {
            throw new IOException(dir + ": not a run's output folder (no " + FIELDS + "); give the --output of extract");
        }
        List<ObjectNode> rows = new ArrayList<>();
        List<ReviewItem> queue = new ArrayList<>();
        String runId = null;
        int lineNo = 0;
        for (String line : Files.readAllLines(fields, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (!(n instanceof ObjectNode row) || !row.hasNonNull("source") || !row.hasNonNull("field")) {
                throw new IOException(fields + ": line " + lineNo + " is not a field row");
            }
            String id = row.path("run_id").asText(null);
            if (id == null) {
                throw new IOException(fields + ": line " + lineNo + " has no run_id (written by an older digit-ocr;"
                        + " run extract again)");
            }
            if (runId == null) {
                runId = id;
            } else if (!runId.equals(id)) {
                throw new IOException(fields + ": rows of two runs (" + runId + ", " + id + ")");
            }
            rows.add(row);
            if (row.path("needs_review").asBoolean(false)) {
                queue.add(item(queue.size(), row));
            }
        }
        return new ReviewRun(real, runId == null ? "" : runId, List.copyOf(rows), List.copyOf(queue));
    }

    /** The key of a row of {@code fields.jsonl}: what its decision is filed under. */
    static FieldKey key(ObjectNode row) {
        return new FieldKey(row.path("run_id").asText(), row.path("source").asText(), row.path("page").asInt(),
                row.path("field").asText());
    }

    private static ReviewItem item(int index, ObjectNode row) throws IOException {
        FieldKey key = key(row);
        List<DigitReading> digits = JSON.convertValue(row.path("digits"), new TypeReference<>() { });
        List<ReviewReason> reasons = JSON.convertValue(row.path("reasons"), new TypeReference<>() { });
        return new ReviewItem(index, key, row.path("template").asText(), text(row, "template_sha256"), text(row, "value"),
                row.path("confidence").asDouble(), digits == null ? List.of() : digits,
                reasons == null ? List.of() : reasons, text(row, "suggestion"), text(row, ReviewFiles.CROP_COLUMN),
                text(row, ReviewFiles.DIGITS_COLUMN));
    }

    private static String text(ObjectNode row, String name) {
        JsonNode v = row.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    public Path dir() {
        return dir;
    }

    public String runId() {
        return runId;
    }

    /** Every row of the run, as written. */
    public List<ObjectNode> rows() {
        return rows;
    }

    /** The rows that need review, in the order they were written. */
    public List<ReviewItem> queue() {
        return queue;
    }

    /**
     * The file a row names ({@code relative} to the run's folder) if it is a regular file inside the folder:
     * nothing outside it is ever read, whatever a row says.
     */
    public Optional<Path> file(String relative) {
        if (relative == null) {
            return Optional.empty();
        }
        try {
            Path p = dir.resolve(relative).normalize();
            if (p.startsWith(dir) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    && p.toRealPath().startsWith(dir)) {
                return Optional.of(p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot resolve {} in {}", relative, dir, e);
        }
        LOG.warn("refused {}: not a file inside the run's folder {}", relative, dir);
        return Optional.empty();
    }
}
