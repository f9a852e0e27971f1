package io.queuelens.exports.entity;

/**
 * What a column holds, which decides how every format writes it. Row values are Java objects of the
 * type named here, or null (an empty cell, a null in Parquet).
 */
public enum ColumnType {
    /** {@code String}. */
    TEXT,
    /** A whole number: {@code Long} or {@code Integer}. */
    INTEGER,
    /** A decimal number: {@code Double}. */
    DECIMAL,
    /** A percentage 0..100 as {@code Double} (KPI.md's scale): XLSX shows 0.0 with a % in the header. */
    PERCENT,
    /** Seconds as a {@code Number}: XLSX shows [h]:mm:ss, CSV and Parquet write seconds. */
    DURATION,
    /** An {@code Instant}: written in the report's time zone (CSV with its offset, Parquet as UTC millis). */
    TIMESTAMP,
    /** {@code Boolean}. */
    BOOLEAN
}
