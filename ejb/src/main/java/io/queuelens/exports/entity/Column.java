package io.queuelens.exports.entity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of an exported table.
 *
 * @param key   the machine name (Parquet field name; same as the JSON API's where there is one)
 * @param title the header people read (XLSX, CSV, PDF); durations and percentages say their unit
 * @param type  how the values are written
 */
public record Column(String key, String title, ColumnType type) {

    private static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");

    public Column {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a column key is a Parquet-safe name, was '" + key + "'");
        }
    }

    public static Column text(String key, String title) {
        return new Column(key, title, ColumnType.TEXT);
    }

    public static Column integer(String key, String title) {
        return new Column(key, title, ColumnType.INTEGER);
    }

    public static Column decimal(String key, String title) {
        return new Column(key, title, ColumnType.DECIMAL);
    }

    public static Column percent(String key, String title) {
        return new Column(key, title + " %", ColumnType.PERCENT);
    }

    public static Column duration(String key, String title) {
        return new Column(key, title, ColumnType.DURATION);
    }

    public static Column timestamp(String key, String title) {
        return new Column(key, title, ColumnType.TIMESTAMP);
    }

    public static Column bool(String key, String title) {
        return new Column(key, title, ColumnType.BOOLEAN);
    }
}
