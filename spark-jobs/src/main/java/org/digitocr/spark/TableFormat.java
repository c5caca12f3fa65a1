package org.digitocr.spark;

import java.util.regex.Pattern;

/**
 * How a run's {@code fields} and {@code rejects} land. Iceberg (the default): tables in a catalog, by default a
 * Hadoop catalog whose warehouse is the run's output folder (tables {@code OUTPUT/fields} and
 * {@code OUTPUT/rejects}), or a catalog the Spark configuration defines ({@code spark.sql.catalog.NAME}: REST,
 * Hive, Glue ...) with the tables in {@code namespace}. Parquet: Hive-style partition folders under the output.
 *
 * @param format    {@code iceberg} or {@code parquet}
 * @param catalog   a catalog configured in Spark, or null for the Hadoop catalog at the output
 * @param namespace the tables' namespace in {@code catalog} (ignored without one)
 */
public record TableFormat(Format format, String catalog, String namespace) {
    /** The default: Iceberg tables under a Hadoop catalog at the output path. */
    public static final TableFormat ICEBERG_AT_OUTPUT = new TableFormat(Format.ICEBERG, null, null);
    public static final TableFormat PARQUET = new TableFormat(Format.PARQUET, null, null);
    /** The namespace the tables go to in a configured catalog when none is given. */
    public static final String DEFAULT_NAMESPACE = "digit_ocr";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** The two ways a run's rows land. */
    public enum Format {
        ICEBERG, PARQUET
    }

    public TableFormat {
        if (format == null) {
            throw new IllegalArgumentException("an output format is needed: iceberg or parquet");
        }
        if (catalog != null && !NAME.matcher(catalog).matches()) {
            throw new IllegalArgumentException("--catalog '" + catalog + "' is not a catalog name");
        }
        if (catalog != null && format != Format.ICEBERG) {
            throw new IllegalArgumentException("--catalog needs --format iceberg");
        }
        if (catalog != null && namespace == null) {
            namespace = DEFAULT_NAMESPACE;
        }
        if (namespace != null && !NAME.matcher(namespace).matches()) {
            throw new IllegalArgumentException("--namespace '" + namespace + "' is not a namespace name");
        }
    }

    public boolean iceberg() {
        return format == Format.ICEBERG;
    }
}
