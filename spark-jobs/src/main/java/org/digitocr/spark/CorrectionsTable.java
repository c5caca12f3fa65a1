package org.digitocr.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.io.IOException;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The reviewers' decisions as an Iceberg table {@code corrections} beside the job's {@code fields} and
 * {@code rejects}: the latest decision of every field in a corrections file (the review station's JSON Lines),
 * committed at once; the runs the file decides are replaced whole (overwrite by filter), so loading the same file
 * again changes nothing and a file with later decisions supersedes the earlier load.
 */
final class CorrectionsTable {
    static final String NAME = "corrections";
    /** The corrections file's columns, as the review station writes them ({@code decided_at} ISO-8601, stored as a timestamp). */
    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("page", DataTypes.IntegerType, false)
            .add("field", DataTypes.StringType, false)
            .add("decision", DataTypes.StringType, false)
            .add("value", DataTypes.StringType, true)
            .add("original_value", DataTypes.StringType, true)
            .add("reviewer", DataTypes.StringType, true)
            .add("decided_at", DataTypes.StringType, true);

    private CorrectionsTable() {
    }

    /** Loads {@code file} into {@code warehouse}'s corrections table; returns how many decisions it holds. */
    static long load(SparkSession spark, String file, String warehouse) throws IOException {
        Dataset<Row> all = spark.read().schema(SCHEMA).option("mode", "FAILFAST").json(file)
                .withColumn("decided_at", col("decided_at").cast(DataTypes.TimestampType));
        Dataset<Row> latest = all.withColumn("n", row_number().over(Window.partitionBy("run_id", "source", "page",
                "field").orderBy(col("decided_at").desc()))).where(col("n").equalTo(1)).drop("n");
        List<String> runs = latest.select("run_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        if (runs.isEmpty()) {
            throw new IOException(file + ": no decisions");
        }
        String table = IcebergTables.registerHadoopCatalog(spark, warehouse) + "." + NAME;
        try {
            if (!spark.catalog().tableExists(table)) {
                latest.writeTo(table).using("iceberg").tableProperty("format-version", "2")
                        .partitionedBy(col("run_id"), scala.collection.JavaConverters.asScalaBuffer(List.<Column>of())
                                .toSeq()).create();
            } else {
                latest.writeTo(table).overwrite(col("run_id").isin(runs.toArray()));
            }
        } catch (org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException
                 | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IOException(table + " was created or dropped by another job while the corrections were loaded;"
                    + " nothing was committed, load them again", e);
        }
        return latest.count();
    }
}
