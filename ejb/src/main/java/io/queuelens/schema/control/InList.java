package io.queuelens.schema.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * "The column is one of these values", with the values as parameters, written the way each database
 * evaluates it fastest. MariaDB and MySQL get {@code column IN (?, ?, ...)}, which they sort and look up
 * in an index. H2 gets {@code column = ANY(?)} with one array parameter: H2 checks a row against an
 * {@code IN} list of parameters one value after another. With 500 call ids, that made the demo's
 * CDR linking H2's largest user of CPU, 11 times slower than the array form (docs/PERFORMANCE.md).
 * <p>
 * Neither form is an index lookup on H2 (2.2 and 2.3) unless the listed column leads the index, and
 * every index here leads with {@code tenant_id}: H2 reads the whole tenant's (and source's) part of the
 * index and checks each row against the list (EXPLAIN ANALYZE: scanCount 20,001 for two call ids in
 * 20,000 CDRs). An equality on the column is a lookup (scanCount 2). So on H2 {@link #chunk} is 1 and
 * a one-value condition is written {@code column = ?}: 4,000 call ids in 200,000 CDRs read in 43 ms
 * one by one, 5.6 s in lists of 500.
 * <p>
 * Callers still chunk long lists: MariaDB's {@code eq_range_index_dive_limit} (200) sets the size a
 * list may have before the optimizer estimates instead of looking.
 */
public final class InList {

    private final DatabaseKind kind;

    private InList(DatabaseKind kind) {
        this.kind = kind;
    }

    public static InList of(Connection c) throws SQLException {
        return new InList(DatabaseKind.of(c));
    }

    /**
     * How many values one statement should carry when a caller wants at most {@code most}: 1 on H2,
     * where only an equality is looked up in an index that does not lead with the column (see above).
     */
    public int chunk(int most) {
        return kind == DatabaseKind.H2 ? 1 : most;
    }

    /** The condition that {@code column} is one of {@code n} values (n at least 1). */
    public String sql(String column, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("an IN list needs at least one value: " + column);
        }
        if (n == 1) {
            return column + " = ?";
        }
        return kind == DatabaseKind.H2 ? column + " = ANY(?)"
                : column + " IN (" + String.join(",", Collections.nCopies(n, "?")) + ")";
    }

    /**
     * Binds {@code values} to the parameters of a condition from {@link #sql}, starting at parameter
     * {@code at}.
     *
     * @return the index of the next parameter after them
     */
    public int bind(PreparedStatement ps, int at, List<String> values) throws SQLException {
        if (kind == DatabaseKind.H2 && values.size() > 1) {
            ps.setObject(at, values.toArray(new String[0]));
            return at + 1;
        }
        int i = at;
        for (String v : values) {
            ps.setString(i++, v);
        }
        return i;
    }
}
