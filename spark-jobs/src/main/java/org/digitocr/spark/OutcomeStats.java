package org.digitocr.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.digitocr.extract.FieldResult;
import org.digitocr.extract.Reject;
import org.digitocr.extract.StageTimes;
import org.digitocr.reject.RejectCode;
import org.digitocr.report.RunStats;
import org.digitocr.report.RunStatsCollector;

/**
 * A run's numbers and its report's samples from the outcome rows. The numbers are computed by the same
 * {@link RunStatsCollector} the single-machine run uses, one per partition on the executors, merged by a tree
 * aggregation: only those partial counts and the report's bounded samples reach the driver, never the run's rows.
 */
final class OutcomeStats {
    private OutcomeStats() {
    }

    static RunStatsCollector collect(Dataset<Row> outcome) {
        return outcome.javaRDD().treeAggregate(new RunStatsCollector(), OutcomeStats::add, RunStatsCollector::merge);
    }

    private static RunStatsCollector add(RunStatsCollector c, Row r) {
        switch (r.getString(0)) {
            case ResultRows.KIND_FIELD -> c.addField(ResultRows.fieldResult(r.getStruct(1)));
            case ResultRows.KIND_REJECT -> c.addReject(reject(r.getStruct(2)));
            case ResultRows.KIND_FILE -> {
                Row f = r.getStruct(3);
                c.addFile(f.getAs("pages"), f.getAs("rejects"), new StageTimes(f.getAs("decode_ns"),
                        f.getAs("register_ns"), f.getAs("segment_ns"), f.getAs("classify_ns")));
            }
            default -> throw new IllegalStateException("unknown outcome row kind " + r.getString(0));
        }
        return c;
    }

    /** The first rejects by source and page, as the run report lists them. */
    static List<Reject> rejectSample(Dataset<Row> outcome) {
        List<Reject> out = new ArrayList<>();
        for (Row r : rejects(outcome).orderBy("source", "page").limit(RunStats.REJECTS_SHOWN).collectAsList()) {
            out.add(reject(r));
        }
        return out;
    }

    /** The first fields sent to review by source, page and field, with their crops. */
    static List<FieldResult> reviewSample(Dataset<Row> outcome) {
        List<FieldResult> out = new ArrayList<>();
        for (Row r : fields(outcome).where(col("needs_review")).orderBy("source", "page", "field")
                .limit(RunStats.REVIEW_SHOWN).collectAsList()) {
            out.add(ResultRows.fieldResult(r));
        }
        return out;
    }

    private static Reject reject(Row r) {
        return new Reject(r.getAs("source"), r.getAs("page"), RejectCode.valueOf(r.getAs("reason_code")),
                r.getAs("reason"));
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
