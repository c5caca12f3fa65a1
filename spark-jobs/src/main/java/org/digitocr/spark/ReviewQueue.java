package org.digitocr.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.digitocr.review.ReviewFiles;
import org.digitocr.review.ReviewRun;

/**
 * One run of the fields table laid out as the review station reads a single-machine run: {@code fields.jsonl} (every
 * field of the run, the table's columns but the binary ones, timestamps as ISO-8601) and the {@code review/} files
 * cut from the table's {@code review_crop} and {@code digit_images}. The station's corrections then go beside it.
 */
final class ReviewQueue {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BINARY = List.of("review_crop", "digit_images");

    private ReviewQueue() {
    }

    /** Writes run {@code runId} of the fields table at {@code fields} into {@code out}; returns its field count. */
    static long write(SparkSession spark, String fields, String runId, Path out) throws IOException {
        Dataset<Row> run = IcebergTables.readFolder(spark, fields).where(col("run_id").equalTo(runId))
                .orderBy("source", "page", "field");
        Column[] plain = Arrays.stream(run.columns()).filter(c -> !BINARY.contains(c)).map(c -> col("`" + c + "`"))
                .toArray(Column[]::new);
        Dataset<Row> rows = run.select(to_json(struct(plain)).as("json"), col("source"), col("page"), col("field"),
                col("needs_review"), col("review_crop"), col("digit_images"));
        Files.createDirectories(out);
        Path review = out.resolve(ReviewFiles.DIR);
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve(ReviewRun.FIELDS), StandardCharsets.UTF_8)) {
            for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
                Row r = it.next();
                ObjectNode node = (ObjectNode) JSON.readTree(r.getString(0));
                if (r.getBoolean(4)) {
                    List<byte[]> digits = r.isNullAt(6) ? null : r.getList(6);
                    ReviewFiles.write(review, r.getString(1), r.getInt(2), r.getString(3), r.isNullAt(5) ? null
                            : (byte[]) r.get(5), digits).forEach(node::put);
                }
                w.write(JSON.writeValueAsString(node));
                w.write('\n');
                n++;
            }
        }
        if (n == 0) {
            throw new IOException(fields + ": no rows of run " + runId);
        }
        return n;
    }
}
