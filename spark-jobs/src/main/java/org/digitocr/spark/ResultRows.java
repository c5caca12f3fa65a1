package org.digitocr.spark;

import java.sql.Timestamp;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.digitocr.extract.DigitReading;
import org.digitocr.extract.FieldResult;
import org.digitocr.extract.Reject;
import org.digitocr.extract.ReviewReason;
import org.digitocr.extract.SourceFacts;
import org.digitocr.extract.SourceResult;
import org.digitocr.model.ModelIdentity;
import org.digitocr.provenance.BuildInfo;

/**
 * The Parquet schemas a warehouse loads ({@link #FIELDS}, {@link #REJECTS}), and the rows the extraction
 * tasks emit: one {@link #OUTCOME} row per field, per reject and per input file, so a single pass over the
 * scans yields both tables and the accounting of every file.
 */
public final class ResultRows {
    public static final StructType DIGIT = new StructType()
            .add("digit", DataTypes.IntegerType, false)
            .add("prob", DataTypes.DoubleType, false)
            .add("alt", DataTypes.IntegerType, false)
            .add("alt_prob", DataTypes.DoubleType, false);

    /** Why a field goes to review: a {@link ReviewReason.Code} name and an optional detail for people. */
    public static final StructType REASON = new StructType()
            .add("code", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType, true);

    /** One row per field read; partitioned by {@code run_id} and {@code template} on disk. */
    public static final StructType FIELDS = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model_id", DataTypes.StringType, false)
            .add("model_card_sha256", DataTypes.StringType, false)
            .add("product_version", DataTypes.StringType, false)
            .add("processed_at", DataTypes.TimestampType, false)
            .add("source", DataTypes.StringType, false)
            .add("source_bytes", DataTypes.LongType, false)
            .add("source_modified_at", DataTypes.TimestampType, true)
            .add("source_sha256", DataTypes.StringType, true)
            .add("page", DataTypes.IntegerType, false)
            .add("template", DataTypes.StringType, false)
            .add("template_sha256", DataTypes.StringType, false)
            .add("field", DataTypes.StringType, false)
            .add("value", DataTypes.StringType, false)
            .add("confidence", DataTypes.DoubleType, false)
            .add("digits", new ArrayType(DIGIT, false), false)
            .add("valid", DataTypes.BooleanType, false)
            .add("needs_review", DataTypes.BooleanType, false)
            .add("reasons", new ArrayType(REASON, false), false)
            .add("suggestion", DataTypes.StringType, true)
            .add("review_crop", DataTypes.BinaryType, true)
            .add("digit_images", new ArrayType(DataTypes.BinaryType, false), true);

    /** One row per rejected file ({@code page} null) or page; partitioned by {@code run_id} on disk. */
    public static final StructType REJECTS = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model_id", DataTypes.StringType, false)
            .add("model_card_sha256", DataTypes.StringType, false)
            .add("product_version", DataTypes.StringType, false)
            .add("processed_at", DataTypes.TimestampType, false)
            .add("source", DataTypes.StringType, false)
            .add("source_bytes", DataTypes.LongType, false)
            .add("source_modified_at", DataTypes.TimestampType, true)
            .add("source_sha256", DataTypes.StringType, true)
            .add("page", DataTypes.IntegerType, true)
            .add("reason_code", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false);

    /** One row per input file: how many pages, fields and rejects it gave, and the time of each stage on it. */
    public static final StructType FILE = new StructType()
            .add("source", DataTypes.StringType, false)
            .add("pages", DataTypes.IntegerType, false)
            .add("fields", DataTypes.IntegerType, false)
            .add("rejects", DataTypes.IntegerType, false)
            .add("decode_ns", DataTypes.LongType, false)
            .add("register_ns", DataTypes.LongType, false)
            .add("segment_ns", DataTypes.LongType, false)
            .add("classify_ns", DataTypes.LongType, false);

    public static final StructType OUTCOME = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("field", FIELDS, true)
            .add("reject", REJECTS, true)
            .add("file", FILE, true);

    public static final String KIND_FIELD = "field";
    public static final String KIND_REJECT = "reject";
    public static final String KIND_FILE = "file";

    private ResultRows() {
    }

    /** The outcome rows of one input file: its fields, its rejects and its accounting row. */
    public static void addAll(String runId, ModelIdentity model, SourceResult r, List<Row> out) {
        Object[] lineage = lineage(runId, model, r.facts());
        for (FieldResult f : r.fields()) {
            out.add(RowFactory.create(KIND_FIELD, field(lineage, r.facts(), f), null, null));
        }
        for (Reject j : r.rejects()) {
            out.add(RowFactory.create(KIND_REJECT, null, row(lineage, j.source(), r.facts(), j.page(),
                    j.reasonCode().name(), j.reason()), null));
        }
        out.add(RowFactory.create(KIND_FILE, null, null,
                RowFactory.create(r.source(), r.pages(), r.fields().size(), r.rejects().size(), r.times().decode(),
                        r.times().register(), r.times().segment(), r.times().classify())));
    }

    /** A field row of {@link #FIELDS} back as the core's result, e.g. for the run report's review sample. */
    public static FieldResult fieldResult(Row r) {
        List<Row> digitRows = r.getList(r.fieldIndex("digits"));
        List<DigitReading> digits = new java.util.ArrayList<>(digitRows.size());
        for (Row d : digitRows) {
            digits.add(new DigitReading(d.getInt(0), d.getDouble(1), d.getInt(2), d.getDouble(3)));
        }
        return new FieldResult(r.getAs("source"), r.<Integer>getAs("page"), r.getAs("template"), r.getAs("template_sha256"), r.getAs("field"),
                r.getAs("value"), r.<Double>getAs("confidence"), List.copyOf(digits), r.<Boolean>getAs("valid"),
                r.<Boolean>getAs("needs_review"), reasons(r.getList(r.fieldIndex("reasons"))),
                r.getAs("suggestion"), r.getAs("review_crop"), r.isNullAt(r.fieldIndex("digit_images")) ? null
                        : r.<byte[]>getList(r.fieldIndex("digit_images")));
    }

    private static List<ReviewReason> reasons(List<Row> rows) {
        return rows.stream().map(x -> new ReviewReason(ReviewReason.Code.valueOf(x.getString(0)), x.getString(1)))
                .toList();
    }

    /** The columns every field and reject row of one file starts with: run, model, product, when processed. */
    private static Object[] lineage(String runId, ModelIdentity model, SourceFacts facts) {
        return new Object[] {runId, model.id(), model.cardSha256(), BuildInfo.current().version(),
                Timestamp.from(facts.processedAt())};
    }

    /** A row of the lineage columns, the source and its facts, then {@code rest}. */
    private static Row row(Object[] lineage, String source, SourceFacts facts, Object... rest) {
        Object[] v = new Object[lineage.length + 4 + rest.length];
        System.arraycopy(lineage, 0, v, 0, lineage.length);
        int k = lineage.length;
        v[k++] = source;
        v[k++] = facts.bytes();
        v[k++] = facts.modifiedAt() == null ? null : Timestamp.from(facts.modifiedAt());
        v[k++] = facts.sha256();
        System.arraycopy(rest, 0, v, k, rest.length);
        return RowFactory.create(v);
    }

    private static Row field(Object[] lineage, SourceFacts facts, FieldResult f) {
        Row[] digits = new Row[f.digits().size()];
        for (int i = 0; i < digits.length; i++) {
            DigitReading d = f.digits().get(i);
            digits[i] = RowFactory.create(d.digit(), d.prob(), d.alt(), d.altProb());
        }
        return row(lineage, f.source(), facts, f.page(), f.template(), f.templateSha256(), f.field(), f.value(), f.confidence(), digits,
                f.valid(), f.needsReview(),
                f.reasons().stream().map(x -> RowFactory.create(x.code().name(), x.detail())).toArray(Row[]::new),
                f.suggestion(), f.crop(), f.digitImages() == null ? null : f.digitImages().toArray(byte[][]::new));
    }
}
