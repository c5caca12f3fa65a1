package org.digitocr.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.posexplode;

import java.io.IOException;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Training digits from reviewers' decisions: a corrections table (JSON Lines, Parquet, or the Iceberg table that
 * {@code ReviewQueueJob --load-corrections} commits; columns {@code run_id},
 * {@code source}, {@code page}, {@code field}, {@code decision} = {@code ACCEPTED}, {@code CORRECTED} or
 * {@code UNREADABLE}, and {@code value}, the right value) joined to the fields table of those runs on
 * (run, source, page, field). Every digit image the run kept of a field sent to review ({@code digit_images}, cut
 * by the product's own segmenter and normalised as the network saw it) is labelled with the digit at its place
 * in the decided value; fields whose value has another number of digits than were cut, and unreadable ones, give
 * none.
 */
final class CorrectedDigits {
    private CorrectedDigits() {
    }

    /** Rows of {@code image} (784 bytes) and {@code label} (0-9), one per labelled digit. */
    static Dataset<Row> of(SparkSession spark, String corrections, String fields) throws IOException {
        Dataset<Row> c = corrections.endsWith(".jsonl") || corrections.endsWith(".json")
                ? spark.read().json(corrections) : IcebergTables.readFolder(spark, corrections);
        Dataset<Row> f = IcebergTables.readFolder(spark, fields).where(col("digit_images").isNotNull())
                .select("run_id", "source", "page", "field", "digit_images");
        Dataset<Row> decided = c.where(col("decision").isin("ACCEPTED", "CORRECTED")
                        .and(col("value").rlike("^[0-9]+$")))
                .select(col("run_id"), col("source"), col("page").cast("int").as("page"), col("field"),
                        col("value").as("decided"));
        return f.join(decided, new String[] {"run_id", "source", "page", "field"}).where(expr("length(decided) = size(digit_images)"))
                .select(col("decided"), posexplode(col("digit_images")).as(new String[] {"pos", "image"}))
                .select(col("image"), expr("cast(substring(decided, pos + 1, 1) as int)").as("label"));
    }
}
