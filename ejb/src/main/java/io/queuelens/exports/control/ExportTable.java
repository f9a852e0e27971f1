package io.queuelens.exports.control;

import io.queuelens.exports.entity.Column;

import java.util.List;

/**
 * One table of an exported report.
 *
 * @param name    short name, a sheet's name (at most 31 characters, no []:*?/\)
 * @param title   the heading above it in a PDF
 * @param columns its columns
 * @param rows    its rows, read once
 */
public record ExportTable(String name, String title, List<Column> columns, RowSource rows) {

    public ExportTable {
        columns = List.copyOf(columns);
        if (name.length() > 31 || name.matches(".*[\\[\\]:*?/\\\\].*")) {
            throw new IllegalArgumentException("not a sheet name: " + name);
        }
    }

    /** A table of rows already in memory (a report's handful of rows). */
    public static ExportTable of(String name, String title, List<Column> columns, List<Object[]> rows) {
        List<Object[]> copy = List.copyOf(rows);
        return new ExportTable(name, title, columns, sink -> {
            for (Object[] r : copy) {
                sink.row(r);
            }
        });
    }
}
