package org.digitocr.spark;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Plain Hive-partitioned Parquet ({@code OUTPUT/fields/run_id=ID/template=T}, {@code OUTPUT/rejects/run_id=ID}):
 * written complete under a staging folder, each run partition with its {@code _SUCCESS} marker, then moved into
 * place by one rename each: the rejects first, the fields last, so that the final rename publishes the run and a
 * reader who sees its fields also sees its rejects. For readers that want files rather than a table format.
 */
final class ParquetTables implements RunTables {
    private final Path output;
    private final RunPublisher publisher;

    ParquetTables(FileSystem fs, Path output, String runId) {
        this.output = output;
        this.publisher = new RunPublisher(fs, output, runId);
    }

    @Override
    public List<HeldSource> held() {
        throw new UnsupportedOperationException("incremental runs need Iceberg tables");
    }

    @Override
    public PublishedTables publish(Dataset<Row> fields, Dataset<Row> rejects, Set<String> replaced) throws IOException {
        if (!replaced.isEmpty()) {
            throw new UnsupportedOperationException("plain Parquet cannot replace rows of earlier runs");
        }
        Path staging = publisher.newStaging();
        try {
            fields.write().partitionBy("run_id", "template").parquet(new Path(staging, BatchExtraction.FIELDS).toString());
            rejects.write().partitionBy("run_id").parquet(new Path(staging, BatchExtraction.REJECTS).toString());
            publisher.publish(staging, BatchExtraction.REJECTS);
            publisher.publish(staging, BatchExtraction.FIELDS);
        } finally {
            publisher.discard(staging);
        }
        return unchanged();
    }

    @Override
    public PublishedTables unchanged() {
        return new PublishedTables(TableFormat.Format.PARQUET.name(),
                publisher.partition(new Path(output, BatchExtraction.FIELDS)).toString(),
                publisher.partition(new Path(output, BatchExtraction.REJECTS)).toString(), null, null);
    }
}
