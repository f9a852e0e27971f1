package io.queuelens.ingest.control;

import io.queuelens.ingest.entity.QuarantinedLine;
import io.queuelens.schema.control.UtcColumns;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuarantineReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void countsAndPagesOneTenantNewestFirst(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            insert(c, "acme", "a", "file:x:1", "<script>1</script>", "2026-11-20T10:00:00Z");
            insert(c, "acme", "a", "file:x:2", "line 2", "2026-11-20T11:00:00Z");
            insert(c, "acme", "a", "file:x:3", "line 3", "2026-11-20T12:00:00Z");
            insert(c, "acme", "b", "table:9", "line b", "2026-11-20T13:00:00Z");
            insert(c, "other", "a", "file:x:1", "not acme's", "2026-11-20T14:00:00Z");

            assertThat(QuarantineReader.count(c, "acme", null)).isEqualTo(4);
            assertThat(QuarantineReader.count(c, "acme", "a")).isEqualTo(3);
            assertThat(QuarantineReader.count(c, "nobody", null)).isZero();

            List<QuarantinedLine> first = QuarantineReader.page(c, "acme", "a", 0, 2);
            assertThat(first).extracting(QuarantinedLine::position).containsExactly("file:x:3", "file:x:2");
            List<QuarantinedLine> second = QuarantineReader.page(c, "acme", "a", 2, 2);
            assertThat(second).extracting(QuarantinedLine::position).containsExactly("file:x:1");
            assertThat(second.get(0).rawInput()).isEqualTo("<script>1</script>");
            assertThat(second.get(0).reason()).isEqualTo("reason of file:x:1");
            assertThat(second.get(0).receivedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
            assertThat(second.get(0).sourceId()).isEqualTo("a");
            assertThat(QuarantineReader.page(c, "acme", null, 0, 10)).extracting(QuarantinedLine::rawInput)
                    .containsExactly("line b", "line 3", "line 2", "<script>1</script>");
        }
    }

    private static void insert(Connection c, String tenant, String source, String position, String raw, String at)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantined_input (tenant_id, source_id, position, "
                + "raw_input, reason, received_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, source);
            ps.setString(3, position);
            ps.setString(4, raw);
            ps.setString(5, "reason of " + position);
            ps.setObject(6, UtcColumns.of(Instant.parse(at)));
            ps.executeUpdate();
        }
    }
}
