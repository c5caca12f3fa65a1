package org.digitocr.spark;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where a run's {@code fields} and {@code rejects} rows land and how they become visible: each table shows the
 * whole run or none of it, and a run id written again replaces that run's rows.
 */
interface RunTables {
    /** Every source the tables hold rows of, with the version of it they were read from (for incremental runs). */
    List<HeldSource> held();

    /**
     * Makes the run's rows visible, replacing any earlier rows of the same run id and, for {@code replaced}
     * sources read again because they changed, their rows in earlier runs.
     */
    PublishedTables publish(Dataset<Row> fields, Dataset<Row> rejects, Set<String> replaced) throws IOException;

    /** What a warehouse reads: the tables' names or folders, without publishing anything (a run with no input). */
    PublishedTables unchanged();

    /** A source as the tables hold it: its URI, size, modification time and checksum, and the run that read it. */
    record HeldSource(String source, long bytes, Long modifiedMillis, String sha256, String runId) {
    }
}
