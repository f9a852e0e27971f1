package io.queuelens.schema.control;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Many rows for one {@code INSERT ... VALUES} statement (an upsert when {@code tail} is an
 * {@code ON DUPLICATE KEY UPDATE} clause), value by value: {@code rows.text(a).number(b).endRow()}.
 *
 * <p>On MariaDB/MySQL the rows are written into the statement's text as literals, up to
 * {@link #STATEMENT_CHARS} characters per statement. mysql-connector-j's rewritten batches do the same in
 * the end, but first keep a binding object per value, clone them per row, look up an encoder and three
 * connection properties in hash maps per value, and compute each value's text length before writing it
 * again: a profile of a 1.5 M-line import had 64% of the import thread's samples in that code
 * (docs/PERFORMANCE.md). Text of printable ASCII without quote or backslash is written between single
 * quotes; any other text as a hexadecimal literal with a character set introducer
 * ({@code _utf8mb4 X'4f27...'}). Either way nothing in it is ever read as SQL, whatever the session's
 * {@code sql_mode} says about backslashes, so no value can change the statement.
 *
 * <p>On H2 (embedded: no wire, no statement text to save) the rows are a prepared statement's batch.
 * Both forms store the same values; {@code MultiRowInsertTest} checks that on both databases.
 */
public final class MultiRowInsert implements AutoCloseable {

    /**
     * Characters of statement text before it is sent (the text is ASCII: as many bytes). A quarter of the
     * smallest {@code max_allowed_packet} a server has had by default (1 MB, MySQL 5.5; MariaDB's is 16 MB),
     * and enough rows per statement that the round trips do not count.
     */
    static final int STATEMENT_CHARS = 256 * 1024;

    /** Rows of a prepared batch (H2) before it is executed: bounds the batch's memory for a large settlement. */
    static final int PREPARED_BATCH_ROWS = 1000;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    private final Connection connection;
    /** Where {@link #text(boolean, String, int, String, List)} collects its statements, or null: sent on {@link #connection}. */
    private final List<String> collected;
    private final String head;
    private final String tail;
    private final int columns;
    private final int limit;
    // exactly one of these two is in use: the statement text (MariaDB) or the prepared batch (H2)
    private final StringBuilder sql;
    private final PreparedStatement prepared;
    private final boolean fractions;
    private int column;
    private int rowsInStatement;
    private long rows;

    /**
     * @param head    {@code INSERT INTO t (a, b, c) VALUES} (the rows follow it)
     * @param columns how many values each row has
     * @param tail    what follows the rows, e.g. {@code ON DUPLICATE KEY UPDATE b = VALUES(b)}, or empty
     */
    public static MultiRowInsert into(Connection c, String head, int columns, String tail) throws SQLException {
        return new MultiRowInsert(c, head, columns, tail, STATEMENT_CHARS);
    }

    /**
     * The same rows as statement text for MariaDB/MySQL, collected into {@code statements} instead of sent: built on one
     * thread without a connection, and {@link #execute executed} on another (a bulk import builds the next commit's
     * statements while the database runs the last one's).
     *
     * @param fractions whether times keep their fraction of a second ({@link #storesFractions} of the target database)
     */
    public static MultiRowInsert text(boolean fractions, String head, int columns, String tail, List<String> statements) {
        return new MultiRowInsert(head, columns, tail, STATEMENT_CHARS, fractions, statements);
    }

    /** Executes statements {@link #text collected} before, in their order, on {@code c} (a MariaDB/MySQL connection). */
    public static void execute(Connection c, List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false); // nothing to rewrite: do not scan a megabyte for JDBC escapes
            for (String sql : statements) {
                s.executeUpdate(sql);
            }
        }
    }

    private MultiRowInsert(String head, int columns, String tail, int limit, boolean fractions, List<String> statements) {
        this(null, head, columns, tail, limit, new StringBuilder(Math.min(limit, 16 * 1024) + 1024), null, fractions,
                java.util.Objects.requireNonNull(statements, "statements"));
    }

    MultiRowInsert(Connection c, String head, int columns, String tail, int limit) throws SQLException {
        this(c, head, columns, tail, limit, DatabaseKind.of(c) == DatabaseKind.MYSQL);
    }

    private MultiRowInsert(Connection c, String head, int columns, String tail, int limit, boolean asText) throws SQLException {
        this(c, head, columns, tail, limit,
                asText ? new StringBuilder(Math.min(limit, 16 * 1024) + 1024) : null,
                asText ? null : c.prepareStatement(head + " (" + "?, ".repeat(columns - 1) + "?) " + tail),
                !asText || driverSendsFractions(c.getMetaData().getDatabaseProductVersion()), null);
    }

    private MultiRowInsert(Connection c, String head, int columns, String tail, int limit, StringBuilder sql,
                           PreparedStatement prepared, boolean fractions, List<String> collected) {
        if (columns < 1) {
            throw new IllegalArgumentException("a row has at least one column: " + columns);
        }
        this.connection = c;
        this.collected = collected;
        this.head = head;
        this.tail = tail;
        this.columns = columns;
        this.limit = limit;
        this.sql = sql;
        this.prepared = prepared;
        this.fractions = fractions;
    }

    /** A text value, or NULL. */
    public MultiRowInsert text(String value) throws SQLException {
        if (value == null) {
            return nothing(Types.VARCHAR);
        }
        if (prepared != null) {
            prepared.setString(next(), value);
            return this;
        }
        separate();
        if (isPlain(value)) {
            // most values (tenants, queues, agents, call ids): read as themselves in every sql_mode and
            // ASCII character set; the server parses a plain literal in a fraction of the time of an
            // introducer (a character set looked up by name) and a hexadecimal string (docs/PERFORMANCE.md)
            sql.append('\'').append(value).append('\'');
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        sql.append("_utf8mb4 X'");
        for (byte b : utf8) {
            sql.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        sql.append('\'');
        return this;
    }

    /** A whole number (INT, BIGINT). */
    public MultiRowInsert number(long value) throws SQLException {
        if (prepared != null) {
            prepared.setLong(next(), value);
            return this;
        }
        separate();
        sql.append(value);
        return this;
    }

    /** A whole number, or NULL. */
    public MultiRowInsert number(Integer value) throws SQLException {
        return value == null ? nothing(Types.INTEGER) : number(value.longValue());
    }

    /** A BOOLEAN. */
    public MultiRowInsert bool(boolean value) throws SQLException {
        if (prepared != null) {
            prepared.setBoolean(next(), value);
            return this;
        }
        separate();
        sql.append(value ? "TRUE" : "FALSE");
        return this;
    }

    /** A DATE. */
    public MultiRowInsert date(java.time.LocalDate value) throws SQLException {
        java.util.Objects.requireNonNull(value, "date");
        if (prepared != null) {
            prepared.setObject(next(), value);
            return this;
        }
        separate();
        sql.append('\'');
        day(value.getYear(), value.getMonthValue(), value.getDayOfMonth()).append('\'');
        return this;
    }

    /** A UTC wall time ({@link UtcColumns}), or NULL. */
    public MultiRowInsert time(Instant value) throws SQLException {
        LocalDateTime t = UtcColumns.of(value);
        if (t == null) {
            return nothing(Types.TIMESTAMP);
        }
        if (prepared != null) {
            prepared.setObject(next(), t);
            return this;
        }
        separate();
        // what the driver sends for a LocalDateTime: the digits the column does not hold are the server's to cut
        sql.append('\'');
        day(t.getYear(), t.getMonthValue(), t.getDayOfMonth()).append(' ');
        digits(t.getHour(), 2).append(':');
        digits(t.getMinute(), 2).append(':');
        digits(t.getSecond(), 2);
        if (fractions && t.getNano() != 0) {
            sql.append('.');
            digits(t.getNano() / 1000, 6);
        }
        sql.append('\'');
        return this;
    }

    /** Ends the row; its values must all have been given. Sends the statement when its text is long enough. */
    public void endRow() throws SQLException {
        if (column != columns) {
            throw new IllegalStateException("a row of " + head + " has " + columns + " values, not " + column);
        }
        column = 0;
        rows++;
        if (prepared != null) {
            prepared.addBatch();
            if (rows % PREPARED_BATCH_ROWS == 0) {
                prepared.executeBatch();
            }
            return;
        }
        sql.append(')');
        rowsInStatement++;
        if (sql.length() >= limit) {
            send();
        }
    }

    /** Rows ended so far. */
    public long rows() {
        return rows;
    }

    /** Sends what is left. A row begun but not ended is a mistake of the caller, and is refused. */
    @Override
    public void close() throws SQLException {
        try {
            if (column != 0) {
                throw new IllegalStateException("a row of " + head + " was not ended");
            }
            if (prepared != null) {
                prepared.executeBatch();
            } else if (rowsInStatement > 0) {
                send();
            }
        } finally {
            if (prepared != null) {
                prepared.close();
            }
        }
    }

    /**
     * Whether the times this class writes on {@code c}'s database keep their fraction of a second (to the millisecond
     * of a {@code DATETIME(3)}): not on MariaDB, see {@link #driverSendsFractions}.
     */
    public static boolean storesFractions(Connection c) throws SQLException {
        return DatabaseKind.of(c) != DatabaseKind.MYSQL || driverSendsFractions(c.getMetaData().getDatabaseProductVersion());
    }

    /**
     * Whether mysql-connector-j sends a time's fraction of a second to this server: only to one it takes for
     * 5.6.4 or later. MariaDB introduces itself as {@code 5.5.5-10.11.x-MariaDB}, so the driver has always
     * sent it whole seconds, and the times stored on MariaDB so far are whole seconds, some of them in unique
     * keys ({@code agent_session.login_at}, {@code agent_pause.start_at}). Rows written here keep that, so a
     * re-import or a replay after an upgrade finds its rows instead of adding a second copy with the fraction.
     */
    static boolean driverSendsFractions(String serverVersion) {
        java.util.regex.Matcher m = VERSION.matcher(serverVersion);
        if (!m.find()) {
            return false;
        }
        int[] v = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        return v[0] != 5 ? v[0] > 5 : v[1] != 6 ? v[1] > 6 : v[2] >= 4;
    }

    /**
     * Whether {@code value} can be written between single quotes as it is: printable ASCII without a quote (which
     * would end it) or a backslash (an escape unless {@code NO_BACKSLASH_ESCAPES}), so nothing in it is SQL and
     * it means the same bytes in every {@code sql_mode} and every ASCII-based connection character set.
     */
    static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x20 || ch > 0x7E || ch == '\'' || ch == '\\') {
                return false;
            }
        }
        return true;
    }

    private MultiRowInsert nothing(int sqlType) throws SQLException {
        if (prepared != null) {
            prepared.setNull(next(), sqlType);
            return this;
        }
        separate();
        sql.append("NULL");
        return this;
    }

    private int next() {
        if (column == columns) {
            throw new IllegalStateException("a row of " + head + " has only " + columns + " values");
        }
        return ++column;
    }

    /** Before a literal: the statement's head, the row's opening or the comma between values. */
    private void separate() {
        int at = next();
        if (at > 1) {
            sql.append(", ");
        } else if (rowsInStatement == 0) {
            sql.append(head).append(" (");
        } else {
            sql.append(", (");
        }
    }

    /** {@code YYYY-MM-DD}, as a DATE and the date of a DATETIME are written. */
    private StringBuilder day(int year, int month, int dayOfMonth) {
        digits(year, 4).append('-');
        digits(month, 2).append('-');
        return digits(dayOfMonth, 2);
    }

    /** {@code value} in decimal, zero-padded to {@code width} digits (more when it has more). */
    private StringBuilder digits(int value, int width) {
        if (value < 0 || value >= POWERS_OF_TEN[width]) {
            String s = Integer.toString(value);
            for (int i = s.length(); i < width; i++) {
                sql.append('0');
            }
            return sql.append(s);
        }
        // digit by digit: no String per value (six per time, a million times in a bulk import)
        for (int divisor = POWERS_OF_TEN[width - 1]; divisor > 0; divisor /= 10) {
            sql.append((char) ('0' + value / divisor % 10));
        }
        return sql;
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private void send() throws SQLException {
        if (!tail.isEmpty()) {
            sql.append(' ').append(tail);
        }
        if (collected != null) {
            collected.add(sql.toString());
        } else {
            execute(connection, List.of(sql.toString()));
        }
        sql.setLength(0);
        rowsInStatement = 0;
    }
}
