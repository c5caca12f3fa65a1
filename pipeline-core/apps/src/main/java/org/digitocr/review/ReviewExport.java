package org.digitocr.review;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The run's values with the reviewers' decisions applied, in the fields table's schema plus three columns
 * ({@code review_decision}, {@code reviewer}, {@code decided_at}; null where nobody decided): a decided field takes
 * the decided value and no longer needs review, an unreadable one keeps needing it with no value. Written to a
 * temporary file and moved into place, so a reader sees the old export or the new one.
 */
public final class ReviewExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewExport() {
    }

    /** Writes every row of {@code run} with {@code decisions} applied to {@code out}; returns the row count. */
    public static int write(ReviewRun run, Map<FieldKey, Correction> decisions, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".export-", ".tmp");
        int n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (ObjectNode row : run.rows()) {
                ObjectNode r = row.deepCopy();
                Correction c = decisions.get(ReviewRun.key(r));
                if (c == null) {
                    r.putNull("review_decision");
                    r.putNull("reviewer");
                    r.putNull("decided_at");
                } else {
                    r.put("value", c.value());
                    r.put("needs_review", c.decision() == Decision.UNREADABLE);
                    r.put("review_decision", c.decision().name());
                    r.put("reviewer", c.reviewer());
                    r.put("decided_at", c.decidedAt());
                }
                w.write(JSON.writeValueAsString(r));
                w.write('\n');
                n++;
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return n;
    }
}
