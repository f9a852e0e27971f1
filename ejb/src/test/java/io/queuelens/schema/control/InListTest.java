package io.queuelens.schema.control;

import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The IN-list condition selects the same rows on both databases, whichever form it takes there, with
 * parameters before and after it, for one value, several, values with quotes and non-ASCII letters, and
 * a list of 150 (MariaDB's chunk size for agents).
 */
class InListTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void selectsTheRowsWhoseColumnIsOneOfTheValues(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.empty(kind); Connection c = db.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, tenant_id VARCHAR(20), name VARCHAR(50), n INT)");
                s.execute("CREATE INDEX ix_t ON t (tenant_id, name)");
                s.execute("INSERT INTO t VALUES (1, 'a', 'Agent/1001', 1), (2, 'a', 'O''Brien', 2), (3, 'a', 'Şükrü', 3), "
                        + "(4, 'b', 'Agent/1001', 4), (5, 'a', 'Agent/1002', 5)");
                for (int i = 0; i < 200; i++) {
                    s.execute("INSERT INTO t VALUES (" + (100 + i) + ", 'a', 'SIP/" + i + "', " + (100 + i) + ")");
                }
            }
            InList in = InList.of(c);
            assertThat(ids(c, in, List.of("Agent/1001"))).containsExactly(1);
            assertThat(ids(c, in, List.of("O'Brien", "Şükrü", "nobody"))).containsExactly(2, 3);
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                many.add("SIP/" + i);
            }
            assertThat(ids(c, in, many)).hasSize(150).allMatch(id -> id >= 100 && id < 250);
            assertThat(ids(c, in, many.subList(0, 2))).containsExactly(100, 101);
        }
    }

    /**
     * H2 looks up a list only in an index the column leads; every index here leads with tenant_id. A
     * one-value condition is an equality, which H2 does look up: chunk 1 keeps its reads from scanning
     * the tenant's whole part of the index. MariaDB looks lists up and keeps the caller's chunk.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void onH2OneValueAtATimeIsAnIndexLookupAndNotAScanOfTheTenant(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.empty(kind); Connection c = db.dataSource().getConnection()) {
            InList in = InList.of(c);
            assertThat(in.chunk(500)).isEqualTo("h2".equals(kind) ? 1 : 500);
            if (!"h2".equals(kind)) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, tenant_id VARCHAR(20), name VARCHAR(50), n INT)");
                s.execute("CREATE INDEX ix_t ON t (tenant_id, name)");
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, 'a', ?, ?)")) {
                for (int i = 1; i <= 2000; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "SIP/" + i);
                    ins.setInt(3, i);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            assertThat(scanCount(c, in, List.of("SIP/7"))).isLessThan(5);
            // the list form, for comparison: the whole tenant
            assertThat(scanCount(c, in, List.of("SIP/7", "SIP/8"))).isGreaterThan(1000);
        }
    }

    private static long scanCount(Connection c, InList in, List<String> names) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE SELECT id FROM t WHERE tenant_id = ? AND "
                + in.sql("name", names.size()))) {
            ps.setString(1, "a");
            in.bind(ps, 2, names);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(rs.getString(1));
                assertThat(m.find()).as(rs.getString(1)).isTrue();
                return Long.parseLong(m.group(1));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void anEmptyListIsRefusedRatherThanWrittenAsInvalidSql(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.empty(kind); Connection c = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> InList.of(c).sql("agent", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Ids of tenant a's rows with a name among {@code names} and n below 10,000 (a parameter on each side). */
    private static List<Integer> ids(Connection c, InList in, List<String> names) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE tenant_id = ? AND " + in.sql("name", names.size())
                + " AND n < ? ORDER BY id")) {
            ps.setString(1, "a");
            int next = in.bind(ps, 2, names);
            ps.setInt(next, 10_000);
            List<Integer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        }
    }
}
