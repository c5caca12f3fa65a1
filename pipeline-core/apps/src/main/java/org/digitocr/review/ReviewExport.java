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
 * the decided value, checked like a reading ({@code valid}; it no longer needs review when valid), an unreadable one
 * keeps needing it with no value. A value whose template is not known is valid only when it is the reading, which
 * {@code extract} checked. Written to a temporary file and moved into place, so a reader sees the old export or the
 * new one.
 */
public final class ReviewExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewExport() {
    }

    /**
     * Writes every row of {@code run} with {@code decisions} applied, checked against {@code rules}, to {@code out};
     * returns the row count.
     */
    public static int write(ReviewRun run, Map<FieldKey, Correction> decisions, FieldRules rules, Path out) throws IOException {
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
                    boolean valid = valid(row, c, rules);
                    r.put("value", c.value());
                    r.put("valid", valid);
                    r.put("needs_review", !valid);
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

    private static boolean valid(ObjectNode row, Correction c, FieldRules rules) {
        if (c.decision() == Decision.UNREADABLE) {
            return false;
        }
        String sha = row.hasNonNull("template_sha256") ? row.get("template_sha256").asText() : null;
        return rules.spec(row.path("template").asText(null), sha, c.field())
                .map(spec -> rules.problem(spec, c.value()).isEmpty())
                .orElse(c.decision() == Decision.ACCEPTED && row.path("valid").asBoolean(false));
    }
}
