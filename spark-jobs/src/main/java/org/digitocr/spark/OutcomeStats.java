package org.digitocr.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.digitocr.extract.FieldResult;
import org.digitocr.extract.Reject;
import org.digitocr.extract.StageTimes;
import org.digitocr.report.ConfidenceBins;
import org.digitocr.report.FieldCounts;
import org.digitocr.report.RunCounts;
import org.digitocr.report.RunStats;

/**
 * A run's counts and its report's material, aggregated by Spark from the outcome rows. Only aggregates and the
 * report's bounded samples reach the driver, never the run's rows; reasons and confidence bins are classified
 * by the same core functions the single-machine report uses.
 */
final class OutcomeStats {
    private static final UserDefinedFunction REASON_KIND =
            udf((UDF1<String, String>) RunCounts::reasonKind, DataTypes.StringType);
    private static final UserDefinedFunction CONFIDENCE_BIN =
            udf((UDF1<Double, Integer>) ConfidenceBins::of, DataTypes.IntegerType);

    private OutcomeStats() {
    }

    static RunCounts counts(Dataset<Row> outcome, double seconds) {
        Row files = rows(outcome, ResultRows.KIND_FILE).agg(countDistinct("file.source"), sum("file.pages"),
                sum("file.decode_ns"), sum("file.register_ns"), sum("file.segment_ns"), sum("file.classify_ns")).first();
        Dataset<Row> fields = fields(outcome);
        List<FieldCounts> byField = new ArrayList<>();
        long total = 0, accepted = 0;
        for (Row r : fields.groupBy("template", "field").agg(count("*"), sum(when(col("needs_review"), 0).otherwise(1)))
                .orderBy("template", "field").collectAsList()) {
            byField.add(new FieldCounts(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3)));
            total += r.getLong(2);
            accepted += r.getLong(3);
        }
        Dataset<Row> rejects = rejects(outcome);
        return new RunCounts(files.getLong(0), files.isNullAt(1) ? 0 : files.getLong(1), total, accepted,
                rejects.count(), seconds, List.copyOf(byField),
                countBy(fields.where(col("needs_review")).select(explode(col("reasons.code")).as("code")), col("code")),
                countBy(rejects, REASON_KIND.apply(col("reason"))), new StageTimes(nanos(files, 2), nanos(files, 3), nanos(files, 4), nanos(files, 5))
                        .seconds());
    }

    static RunStats stats(Dataset<Row> outcome, RunCounts counts, String title, Map<String, String> facts,
                          double threshold) {
        long[] accepted = new long[ConfidenceBins.count()];
        long[] review = new long[ConfidenceBins.count()];
        Dataset<Row> fields = fields(outcome);
        for (Row r : fields.where(col("value").notEqual("")).groupBy(CONFIDENCE_BIN.apply(col("confidence")),
                col("needs_review")).count().collectAsList()) {
            (r.getBoolean(1) ? review : accepted)[r.getInt(0)] = r.getLong(2);
        }
        List<Reject> rejects = new ArrayList<>();
        for (Row r : rejects(outcome).orderBy("source", "page").limit(RunStats.REJECTS_SHOWN).collectAsList()) {
            rejects.add(new Reject(r.getAs("source"), r.getAs("page"), r.getAs("reason")));
        }
        List<FieldResult> toReview = new ArrayList<>();
        for (Row r : fields.where(col("needs_review")).orderBy("source", "page", "field").limit(RunStats.REVIEW_SHOWN)
                .collectAsList()) {
            toReview.add(ResultRows.fieldResult(r));
        }
        return new RunStats(title, facts, counts, threshold, accepted, review, List.copyOf(rejects), List.copyOf(toReview));
    }

    private static long nanos(Row r, int i) {
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }

    private static Map<String, Long> countBy(Dataset<Row> rows, Column kind) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : rows.groupBy(kind.as("kind")).count().orderBy("kind").collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    private static Dataset<Row> rows(Dataset<Row> outcome, String kind) {
        return outcome.where(col("kind").equalTo(kind));
    }

    static Dataset<Row> fields(Dataset<Row> outcome) {
        return rows(outcome, ResultRows.KIND_FIELD).select("field.*");
    }

    static Dataset<Row> rejects(Dataset<Row> outcome) {
        return rows(outcome, ResultRows.KIND_REJECT).select("reject.*");
    }
}
