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
 * written under a staging folder, then each table's run partition moved into place and marked with
 * {@code _SUCCESS}. For readers that want files rather than a table format.
 */
final class ParquetTables implements RunTables {
    private final FileSystem fs;
    private final Path output;
    private final RunPublisher publisher;

    ParquetTables(FileSystem fs, Path output, String runId) {
        this.fs = fs;
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
            publisher.publish(staging, BatchExtraction.FIELDS);
            publisher.publish(staging, BatchExtraction.REJECTS);
        } finally {
            publisher.discard(staging);
        }
        PublishedTables p = unchanged();
        RunPublisher.markDone(fs, new Path(p.fields()), new Path(p.rejects()));
        return p;
    }

    @Override
    public PublishedTables unchanged() {
        return new PublishedTables(TableFormat.Format.PARQUET.name(),
                publisher.partition(new Path(output, BatchExtraction.FIELDS)).toString(),
                publisher.partition(new Path(output, BatchExtraction.REJECTS)).toString(), null, null);
    }
}
