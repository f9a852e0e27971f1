package io.queuelens.ingest.control;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The columns a cdr table has, read from the database's metadata: FreePBX's {@code asteriskcdrdb.cdr}
 * (calldate plus did, recordingfile, cnum, cnam, linkedid, sequence...), a cdr_odbc /
 * cdr_adaptive_odbc table with {@code calldate} and optional peeraccount/linkedid/sequence, or Asterisk
 * 22's stock layout with {@code start}/{@code answer}/{@code end} instead of calldate (FORMATS.md section 2).
 *
 * @param timeColumn {@code calldate} or {@code start}: the call's start, the reader's keyset leader
 * @param columns    every column, lower case
 */
public record CdrLayout(String timeColumn, Set<String> columns) {

    /** Columns no cdr layout lacks (besides the time column); without them the table is not a cdr table. */
    static final List<String> REQUIRED = List.of("uniqueid", "src", "dst", "duration", "billsec", "disposition");

    public boolean has(String column) {
        return columns.contains(column);
    }

    public boolean freePbx() {
        return has("recordingfile") && has("did");
    }

    public boolean hasSequence() {
        return has("sequence");
    }

    static CdrLayout detect(Connection c, String table) throws SQLException {
        Set<String> columns = new TreeSet<>();
        DatabaseMetaData md = c.getMetaData();
        // identifiers are stored upper case (H2 default), lower case or as written, depending on the database
        for (String candidate : new TreeSet<>(List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)))) {
            try (ResultSet rs = md.getColumns(c.getCatalog(), null, candidate, null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("cdr table '" + table + "' not found (or no columns visible to this user)");
        }
        String time = columns.contains("calldate") ? "calldate" : columns.contains("start") ? "start" : null;
        List<String> missing = REQUIRED.stream().filter(col -> !columns.contains(col)).toList();
        if (time == null || !missing.isEmpty()) {
            throw new SQLException("table '" + table + "' is not an Asterisk cdr table: "
                    + (time == null ? "neither calldate nor start" : "") + (time == null && !missing.isEmpty() ? ", " : "")
                    + (missing.isEmpty() ? "" : "no " + String.join(", ", missing)) + " (columns: " + columns + ")");
        }
        return new CdrLayout(time, Set.copyOf(columns));
    }
}
