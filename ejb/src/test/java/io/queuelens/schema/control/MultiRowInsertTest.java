package io.queuelens.schema.control;

import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rows are stored as the driver's own binding stores them, on both databases: text that would end or
 * change a statement if it were pasted into one, non-ASCII letters, NULLs, the extremes of BIGINT, booleans
 * and times with milliseconds; rows spread over several statements; the tail's upsert; a MariaDB session whose
 * {@code sql_mode} reads backslashes literally; and a row with too few or too many values is refused.
 */
class MultiRowInsertTest {

    static final String HEAD = "INSERT INTO t (id, name, n, flag, at) VALUES";
    static final String UPSERT = "ON DUPLICATE KEY UPDATE name = VALUES(name), n = VALUES(n)";

    static final List<String> AWKWARD = List.of("O'Brien", "back\\slash", "\\'); DROP TABLE t; --", "say \"hi\"",
            "two\nlines\r\tand a tab", "nul \u0000 inside", "Şükrü Çağlar", "Ўзбекистон", "emoji 😀", "", "%_", "?",
            "_utf8mb4 X'41'", "'", "\\");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void storesEveryValueAsGiven(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.empty(kind); Connection c = db.dataSource().getConnection()) {
            createTable(c);
            List<Row> rows = new ArrayList<>();
            Instant t0 = Instant.parse("2026-03-29T00:59:59.123Z");
            for (int i = 0; i < AWKWARD.size(); i++) {
                rows.add(new Row(i, AWKWARD.get(i), i % 3 == 0 ? null : (long) i * 1_000_000_007L, i % 2 == 0,
                        i % 4 == 0 ? null : t0.plusMillis(i * 61_001L)));
            }
            rows.add(new Row(100, null, Long.MIN_VALUE, true, Instant.parse("1999-12-31T23:59:59Z")));
            rows.add(new Row(101, "max", Long.MAX_VALUE, false, Instant.parse("2038-01-19T03:14:08Z")));
            write(c, rows, MultiRowInsert.STATEMENT_CHARS, "");
            writeWithTheDriver(c, rows);
            // what the driver's own binding stores, whole seconds on MariaDB included (driverSendsFractions)
            assertThat(read(c, "t")).containsExactlyElementsOf(read(c, "reference"));
            assertThat(read(c, "t")).extracting(Row::name).containsExactlyElementsOf(rows.stream().map(Row::name).toList());
            assertThat(read(c, "t")).extracting(Row::n).containsExactlyElementsOf(rows.stream().map(Row::n).toList());
            if ("h2".equals(kind)) {
                assertThat(read(c, "t")).containsExactlyElementsOf(rows);
            }
        }
    }

    @Test
    void fractionsOfASecondGoWhereTheDriverSendsThem() {
        assertThat(MultiRowInsert.driverSendsFractions("5.5.5-10.11.19-MariaDB-0+deb12u1")).isFalse();
        assertThat(MultiRowInsert.driverSendsFractions("5.6.3")).isFalse();
        assertThat(MultiRowInsert.driverSendsFractions("5.6.4")).isTrue();
        assertThat(MultiRowInsert.driverSendsFractions("5.7.1-log")).isTrue();
        assertThat(MultiRowInsert.driverSendsFractions("8.0.36")).isTrue();
        assertThat(MultiRowInsert.driverSendsFractions("11.4.2-MariaDB")).isTrue();
        assertThat(MultiRowInsert.driverSendsFractions("unknown")).isFalse();
    }

    @Test
    void timesAsTextAreZeroPaddedWithTheirMicrosecondsWhereKept() throws Exception {
        assertThat(timeText(true, "2026-03-29T00:59:59.000123Z")).isEqualTo("INSERT INTO t (t) VALUES ('2026-03-29 00:59:59.000123')");
        assertThat(timeText(true, "0999-01-02T03:04:05.120Z")).isEqualTo("INSERT INTO t (t) VALUES ('0999-01-02 03:04:05.120000')");
        assertThat(timeText(true, "2038-12-31T23:09:08Z")).isEqualTo("INSERT INTO t (t) VALUES ('2038-12-31 23:09:08')");
        assertThat(timeText(false, "2026-10-05T10:20:30.999999Z")).isEqualTo("INSERT INTO t (t) VALUES ('2026-10-05 10:20:30')");
        assertThat(timeText(false, "+12345-06-07T08:09:10Z")).isEqualTo("INSERT INTO t (t) VALUES ('12345-06-07 08:09:10')");
    }

    @Test
    void plainAsciiTextIsQuotedAndEverythingElseHexadecimal() throws Exception {
        assertThat(textOf("sales-2 <vip> \"%_?;")).isEqualTo("INSERT INTO t (t) VALUES ('sales-2 <vip> \"%_?;')");
        assertThat(textOf("")).isEqualTo("INSERT INTO t (t) VALUES ('')");
        // a quote, a backslash, a control character or a non-ASCII letter: hexadecimal, never between quotes
        assertThat(textOf("O'Brien")).isEqualTo("INSERT INTO t (t) VALUES (_utf8mb4 X'4F27427269656E')");
        assertThat(textOf("a\\b")).isEqualTo("INSERT INTO t (t) VALUES (_utf8mb4 X'615C62')");
        assertThat(textOf("tab\t")).isEqualTo("INSERT INTO t (t) VALUES (_utf8mb4 X'74616209')");
        assertThat(textOf("del\u007f")).isEqualTo("INSERT INTO t (t) VALUES (_utf8mb4 X'64656C7F')");
        assertThat(textOf("Ş")).isEqualTo("INSERT INTO t (t) VALUES (_utf8mb4 X'C59E')");
    }

    private static String textOf(String value) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (MultiRowInsert rows = MultiRowInsert.text(true, "INSERT INTO t (t) VALUES", 1, "", statements)) {
            rows.text(value).endRow();
        }
        return String.join(";", statements);
    }

    private static String timeText(boolean fractions, String instant) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (MultiRowInsert rows = MultiRowInsert.text(fractions, "INSERT INTO t (t) VALUES", 1, "", statements)) {
            rows.time(Instant.parse(instant)).endRow();
        }
        return String.join(";", statements);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void rowsOverSeveralStatementsAndTheTailsUpsert(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.empty(kind); Connection c = db.dataSource().getConnection()) {
            createTable(c);
            List<Row> first = new ArrayList<>();
            List<Row> second = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 900L);
                first.add(new Row(i, "agent " + i, (long) i, true, at));
                second.add(new Row(i, "renamed " + i, (long) -i, true, at));
            }
            // 300 characters per statement: a few rows each, so the statement boundary falls everywhere
            assertThat(write(c, first, 300, UPSERT)).isEqualTo(120);
            assertThat(write(c, second.subList(0, 70), 300, UPSERT)).isEqualTo(70);
            List<Row> expected = new ArrayList<>(second.subList(0, 70));
            expected.addAll(first.subList(70, 120));
            assertThat(read(c)).containsExactlyElementsOf(expected);
        }
    }

    /** More rows than one prepared batch (H2) or one statement (MariaDB) holds: every one arrives, once. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void moreRowsThanOneBatchAllArrive(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.empty(kind); Connection c = db.dataSource().getConnection()) {
            createTable(c);
            int n = 2 * MultiRowInsert.PREPARED_BATCH_ROWS + 500;
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(new Row(i, "a fairly long name to fill the statement text " + i, (long) i, i % 2 == 0, null));
            }
            assertThat(write(c, rows, 64 * 1024, "")).isEqualTo(n);
            assertThat(read(c)).containsExactlyElementsOf(rows);
        }
    }

    /** With NO_BACKSLASH_ESCAPES a backslash in a quoted literal is a backslash: text written as hex is unaffected. */
    @Test
    void mariaDbReadingBackslashesLiterallyStoresTheSameText() throws Exception {
        try (TestDatabases.Db db = TestDatabases.empty("mariadb"); Connection c = db.dataSource().getConnection()) {
            createTable(c);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')");
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < AWKWARD.size(); i++) {
                rows.add(new Row(i, AWKWARD.get(i), 1L, false, null));
            }
            write(c, rows, MultiRowInsert.STATEMENT_CHARS, "");
            assertThat(read(c)).containsExactlyElementsOf(rows);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aRowWithTooFewOrTooManyValuesIsRefused(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.empty(kind); Connection c = db.dataSource().getConnection()) {
            createTable(c);
            try (MultiRowInsert rows = MultiRowInsert.into(c, HEAD, 5, "")) {
                rows.number(1).text("a").number(2).bool(true).time(null).endRow();
                rows.number(2).text("b");
                assertThatThrownBy(rows::endRow).isInstanceOf(IllegalStateException.class).hasMessageContaining("not 2");
                rows.number(3).bool(false).time(null);
                assertThatThrownBy(() -> rows.number(9)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("only 5");
                rows.endRow();
            }
            assertThat(read(c)).extracting(Row::id).containsExactly(1L, 2L);
            MultiRowInsert unfinished = MultiRowInsert.into(c, HEAD, 5, "");
            unfinished.number(7);
            assertThatThrownBy(unfinished::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("not ended");
        }
    }

    record Row(long id, String name, Long n, boolean flag, Instant at) {
    }

    private static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // the test's MariaDB database is utf8mb4, like the product's
            for (String table : List.of("t", "reference")) {
                s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(100), n BIGINT, "
                        + "flag BOOLEAN NOT NULL, at DATETIME(3))");
            }
        }
    }

    private static long write(Connection c, List<Row> rows, int limit, String tail) throws SQLException {
        try (MultiRowInsert insert = new MultiRowInsert(c, HEAD, 5, tail, limit)) {
            for (Row r : rows) {
                insert.number(r.id()).text(r.name());
                if (r.n() == null) {
                    insert.number((Integer) null);
                } else {
                    insert.number(r.n().longValue());
                }
                insert.bool(r.flag()).time(r.at()).endRow();
            }
            return insert.rows();
        }
    }

    private static void writeWithTheDriver(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reference (id, name, n, flag, at) VALUES (?, ?, ?, ?, ?)")) {
            for (Row r : rows) {
                ps.setLong(1, r.id());
                ps.setString(2, r.name());
                ps.setObject(3, r.n());
                ps.setBoolean(4, r.flag());
                ps.setObject(5, UtcColumns.of(r.at()));
                ps.executeUpdate();
            }
        }
    }

    private static List<Row> read(Connection c) throws SQLException {
        return read(c, "t");
    }

    private static List<Row> read(Connection c, String table) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, n, flag, at FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                long n = rs.getLong(3);
                Long nOrNull = rs.wasNull() ? null : n;
                out.add(new Row(rs.getLong(1), rs.getString(2), nOrNull, rs.getBoolean(4),
                        UtcColumns.instant(rs.getObject(5, LocalDateTime.class))));
            }
        }
        return out;
    }
}
