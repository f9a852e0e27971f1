package io.queuelens.names;

import io.queuelens.names.control.DisplayNameTable;
import io.queuelens.names.entity.DisplayName;
import io.queuelens.names.entity.NameBook;
import io.queuelens.names.entity.NameKind;
import io.queuelens.names.entity.NameOrigin;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** V15 display_name on both databases: a manual and a learned row per key, upsert, delete, tenant scope. */
class DisplayNameTableTest {

    // whole seconds: mysql-connector may drop the milliseconds
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void manualAndLearnedRowsLiveSideBySideAndResetFallsBackToTheLearnedName(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                for (String t : List.of("t1", "t2")) {
                    s.execute("INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) "
                            + "VALUES ('" + t + "', '" + t + "', 'UTC', 'en', 'EUR', CURRENT_TIMESTAMP)");
                }
            }
            DisplayNameTable.upsert(c, new DisplayName("t1", NameKind.AGENT, "Local/1001@from-queue/n", "Alice", NameOrigin.LEARNED, T, "system"));
            DisplayNameTable.upsert(c, new DisplayName("t1", NameKind.AGENT, "Local/1001@from-queue/n", "Alice A.", NameOrigin.LEARNED, T.plusSeconds(5), "system"));
            DisplayNameTable.upsert(c, new DisplayName("t1", NameKind.AGENT, "Agent/1001", "Team lead", NameOrigin.MANUAL, T, "ann"));
            DisplayNameTable.upsert(c, new DisplayName("t2", NameKind.QUEUE, "sales", "Other tenant's sales", NameOrigin.MANUAL, T, "bob"));

            List<DisplayName> rows = DisplayNameTable.ofTenant(c, "t1");
            assertThat(rows).hasSize(2);
            assertThat(rows).filteredOn(r -> r.origin() == NameOrigin.LEARNED).singleElement()
                    .satisfies(r -> {
                        assertThat(r.name()).isEqualTo("Alice A.");
                        assertThat(r.updatedAt()).isEqualTo(T.plusSeconds(5));
                    });
            NameBook book = NameBook.of("t1", rows);
            assertThat(book.agent("Alice A.")).isEqualTo("Team lead");

            assertThat(DisplayNameTable.delete(c, "t1", NameKind.AGENT, "Agent/1001", NameOrigin.MANUAL)).isTrue();
            assertThat(DisplayNameTable.delete(c, "t1", NameKind.AGENT, "Agent/1001", NameOrigin.MANUAL)).isFalse();
            assertThat(NameBook.of("t1", DisplayNameTable.ofTenant(c, "t1")).agent("PJSIP/1001")).isEqualTo("Alice A.");
            assertThat(NameBook.of("t2", DisplayNameTable.ofTenant(c, "t2")).queue("sales")).isEqualTo("Other tenant's sales");
        }
    }
}
