package org.digitocr.spark;

/**
 * Where a run's rows went, as its summary records it.
 *
 * @param format            {@code ICEBERG} or {@code PARQUET}
 * @param fields            the fields table as a reader names it: its folder (Iceberg under the Hadoop catalog at
 *                          the output; {@code spark.read.format("iceberg").load(...)}), its name in a shared
 *                          catalog, or the run's Parquet folder
 * @param rejects           the rejects table, the same way
 * @param fieldsSnapshotId  the Iceberg snapshot this run committed to {@code fields}, or null (nothing committed,
 *                          or Parquet)
 * @param rejectsSnapshotId the Iceberg snapshot this run committed to {@code rejects}, or null
 */
public record PublishedTables(String format, String fields, String rejects, Long fieldsSnapshotId,
                              Long rejectsSnapshotId) {
    /** One line for people: the table and, for Iceberg, the snapshot this run committed. */
    public String describe(boolean ofFields) {
        Long snapshot = ofFields ? fieldsSnapshotId : rejectsSnapshotId;
        String where = ofFields ? fields : rejects;
        if (!"ICEBERG".equals(format)) {
            return where + " (Parquet)";
        }
        return where + " (Iceberg, " + (snapshot == null ? "nothing committed" : "snapshot " + snapshot) + ")";
    }
}
