package org.digitocr.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.digitocr.provenance.BuildInfo;
import org.slf4j.Logger;
import scala.collection.JavaConverters;
import org.slf4j.LoggerFactory;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

/**
 * The run's rows as Apache Iceberg tables ({@code fields} partitioned by run id and template, {@code rejects} by
 * run id; Parquet data files, format version 2). Each table gets one commit per run, an overwrite by filter: the
 * run's id, and the earlier runs that held a source this run read again. A reader sees a table before or after
 * that commit, never between; a job that dies before it leaves the last snapshot as it was. When the job's
 * schema gains columns, the table's schema is evolved (Iceberg keeps the old versions) before the commit.
 */
final class IcebergTables implements RunTables {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergTables.class);
    private static final String[] SOURCE_COLUMNS = {"source", "source_bytes", "source_modified_at", "source_sha256", "run_id"};

    private final SparkSession spark;
    private final String runId;
    private final String fields;
    private final String rejects;
    /** How a reader outside this session names the tables: their folders, or their names in a shared catalog. */
    private final String readerPrefix;

    private IcebergTables(SparkSession spark, String runId, String prefix, String readerPrefix) {
        this.spark = spark;
        this.runId = runId;
        this.fields = prefix + BatchExtraction.FIELDS;
        this.rejects = prefix + BatchExtraction.REJECTS;
        this.readerPrefix = readerPrefix;
    }

    /**
     * The tables a run writes: in the configured catalog {@code format.catalog()} (its namespace created when
     * missing), or under a Hadoop catalog registered in this session whose warehouse is {@code output}.
     */
    static IcebergTables open(SparkSession spark, TableFormat format, String output, String runId) {
        if (format.catalog() != null) {
            String ns = format.catalog() + "." + format.namespace();
            spark.sql("CREATE NAMESPACE IF NOT EXISTS " + ns);
            return new IcebergTables(spark, runId, ns + ".", ns + ".");
        }
        String catalog = registerHadoopCatalog(spark, output);
        return new IcebergTables(spark, runId, catalog + ".", output.endsWith("/") ? output : output + "/");
    }

    /** Table {@code name} of the Hadoop catalog whose warehouse is {@code warehouse}, as a reader of the output. */
    static Dataset<Row> read(SparkSession spark, String warehouse, String name) {
        return spark.table(registerHadoopCatalog(spark, warehouse) + "." + name);
    }

    /**
     * The rows of the table in folder {@code path}: an Iceberg table (read through a Hadoop catalog on its parent
     * folder, as the job writes it), or else Parquet.
     */
    static Dataset<Row> readFolder(SparkSession spark, String path) throws IOException {
        Path p = new Path(path);
        if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(new Path(p, "metadata"))) {
            return spark.read().parquet(path);
        }
        return read(spark, p.getParent().toString(), p.getName());
    }

    /** Registers (once per session) a Hadoop catalog whose warehouse is {@code warehouse}; returns its name. */
    static String registerHadoopCatalog(SparkSession spark, String warehouse) {
        String catalog = "digitocr_" + shortHash(warehouse);
        String key = "spark.sql.catalog." + catalog;
        spark.conf().set(key, "org.apache.iceberg.spark.SparkCatalog");
        spark.conf().set(key + ".type", "hadoop");
        spark.conf().set(key + ".warehouse", warehouse);
        spark.conf().set(key + ".cache-enabled", "false");
        return catalog;
    }

    @Override
    public List<HeldSource> held() {
        List<HeldSource> out = new ArrayList<>();
        Dataset<Row> all = null;
        for (String t : List.of(fields, rejects)) {
            if (exists(t)) {
                Dataset<Row> d = spark.table(t).selectExpr(SOURCE_COLUMNS);
                all = all == null ? d : all.union(d);
            }
        }
        if (all != null) {
            for (Row r : all.distinct().collectAsList()) {
                Timestamp modified = r.getTimestamp(2);
                out.add(new HeldSource(r.getString(0), r.getLong(1), modified == null ? null : modified.getTime(),
                        r.getString(3), r.getString(4)));
            }
        }
        return out;
    }

    @Override
    public PublishedTables publish(Dataset<Row> fieldRows, Dataset<Row> rejectRows, Set<String> replaced) throws IOException {
        Long f = write(fields, fieldRows, replaced, "run_id", "template");
        Long r = write(rejects, rejectRows, replaced, "run_id");
        return new PublishedTables(TableFormat.Format.ICEBERG.name(), readerPrefix + BatchExtraction.FIELDS,
                readerPrefix + BatchExtraction.REJECTS, f, r);
    }

    @Override
    public PublishedTables unchanged() {
        return new PublishedTables(TableFormat.Format.ICEBERG.name(), readerPrefix + BatchExtraction.FIELDS,
                readerPrefix + BatchExtraction.REJECTS, null, null);
    }

    /** One commit: creates the table with the run's rows, or overwrites the run's (and replaced sources') rows. */
    private Long write(String table, Dataset<Row> rows, Set<String> replaced, String... partitionBy) throws IOException {
        Map<String, String> props = Map.of("snapshot-property.digitocr.run-id", runId,
                "snapshot-property.digitocr.product-version", BuildInfo.current().version());
        if (!exists(table)) {
            List<Column> more = new ArrayList<>();
            for (int i = 1; i < partitionBy.length; i++) {
                more.add(col(partitionBy[i]));
            }
            try {
                rows.writeTo(table).using("iceberg").tableProperty("format-version", "2")
                        .tableProperty("write.parquet.compression-codec", "zstd")
                        .partitionedBy(col(partitionBy[0]), JavaConverters.asScalaBuffer(more).toSeq()).options(props)
                        .create();
            } catch (org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException e) {
                throw new IOException(table + " was created by another job while this run wrote it; nothing of"
                        + " run " + runId + " was committed to it, run it again", e);
            }
        } else {
            evolve(table, rows.schema());
            Column condition = col("run_id").equalTo(runId);
            Dataset<Row> data = rows;
            List<String> earlier = replaced.isEmpty() ? List.of() : spark.table(table)
                    .where(col("source").isin(replaced.toArray()).and(col("run_id").notEqual(runId)))
                    .select("run_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            if (!earlier.isEmpty()) {
                Dataset<Row> kept = spark.table(table).where(col("run_id").isin(earlier.toArray())
                        .and(not(col("source").isin(replaced.toArray()))));
                data = rows.unionByName(kept);
                condition = condition.or(col("run_id").isin(earlier.toArray()));
                LOG.info("{}: rows of {} changed sources replaced in runs {}", table, replaced.size(), earlier);
            }
            try {
                data.writeTo(table).options(props).overwrite(condition);
            } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
                throw new IOException(table + " was dropped while run " + runId + " wrote it", e);
            }
        }
        Table t = load(table);
        Snapshot s = t.currentSnapshot();
        LOG.info("{}: snapshot {} committed for run {}", table, s == null ? null : s.snapshotId(), runId);
        return s == null ? null : s.snapshotId();
    }

    /** Adds the job's new columns to an existing table (Iceberg schema evolution), committing only a change. */
    private void evolve(String table, StructType schema) throws IOException {
        Table t = load(table);
        UpdateSchema update = t.updateSchema().unionByNameWith(SparkSchemaUtil.convert(schema));
        if (!update.apply().sameSchema(t.schema())) {
            update.commit();
            LOG.info("{}: schema evolved to {}", table, t.schema());
        }
    }

    private boolean exists(String table) {
        return spark.catalog().tableExists(table);
    }

    private Table load(String table) throws IOException {
        try {
            Table t = Spark3Util.loadIcebergTable(spark, table);
            t.refresh();
            return t;
        } catch (org.apache.spark.sql.catalyst.parser.ParseException
                 | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IOException("cannot load Iceberg table " + table, e);
        }
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
