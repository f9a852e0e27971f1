package io.queuelens.audit.boundary;

import io.queuelens.audit.entity.AuditEntry;
import io.queuelens.audit.entity.AuditPage;
import io.queuelens.audit.entity.AuditQuery;
import io.queuelens.audit.entity.Audited;
import io.queuelens.identity.boundary.PasswordChanged;
import io.queuelens.testsupport.TestDatabases;
import io.queuelens.testsupport.TestDatabases.Db;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log stored by V14 on both databases the product runs on, read back page by page. */
class AuditLogTest {

    // whole seconds: mysql-connector-j sends no fractions to a MariaDB that reports itself as 5.5.5-10.x
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private static AuditLog over(Db db) {
        AuditLog log = new AuditLog();
        log.dataSource = db.dataSource();
        return log;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void linesComeBackNewestFirstFilteredAndPagedInTheDatabase(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            AuditLog log = over(db);
            for (int i = 0; i < 12; i++) {
                String tenant = i % 2 == 0 ? "t1" : "t2";
                String actor = i % 3 == 0 ? "anna" : "bob";
                log.store(new Audited(actor, tenant, i % 4 == 0 ? "source.added" : "wallboard.saved", "x" + i,
                        "detail " + i, T0.plusSeconds(60L * i)));
            }
            log.store(new Audited("eve", null, "login.failed", "eve", null, T0.plusSeconds(60L * 5))); // same time as #5

            AuditPage all = log.page(new AuditQuery(null, null, null, null, null, 0, 5));
            assertThat(all.count()).isEqualTo(13);
            assertThat(all.items()).extracting(AuditEntry::target).containsExactly("x11", "x10", "x9", "x8", "x7");
            AuditPage third = log.page(new AuditQuery(null, null, null, null, null, 2, 5));
            assertThat(third.items()).extracting(AuditEntry::target).containsExactly("x2", "x1", "x0");
            // lines of the same millisecond: the later insert first
            AuditPage second = log.page(new AuditQuery(null, null, null, null, null, 1, 5));
            assertThat(second.items()).extracting(AuditEntry::target).containsExactly("x6", "eve", "x5", "x4", "x3");

            AuditEntry first = third.items().get(2);
            assertThat(first.at()).isEqualTo(T0);
            assertThat(first.actor()).isEqualTo("anna");
            assertThat(first.tenantId()).isEqualTo("t1");
            assertThat(first.action()).isEqualTo("source.added");
            assertThat(first.detail()).isEqualTo("detail 0");

            AuditPage t1Anna = log.page(new AuditQuery(T0.plusSeconds(60), T0.plusSeconds(60 * 11), " t1 ", "anna", null, 0, 50));
            assertThat(t1Anna.items()).extracting(AuditEntry::target).containsExactly("x6");
            AuditPage added = log.page(new AuditQuery(null, null, null, null, "source.added", 0, 50));
            assertThat(added.items()).extracting(AuditEntry::target).containsExactly("x8", "x4", "x0");
            assertThat(log.page(new AuditQuery(null, T0, null, null, null, 0, 50)).count()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void overlongTextIsCutNotRefusedAndPasswordChangesAreLogged(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            AuditLog log = over(db);
            log.store(Audited.now("anna", "t1", "import.finished", "a".repeat(400), "<script>ü</script>".repeat(100)));
            log.passwordChanged(new PasswordChanged("bob"));

            List<AuditEntry> items = log.page(new AuditQuery(null, null, null, null, null, 0, 10)).items();
            assertThat(items).extracting(AuditEntry::action).containsExactly("password.changed", "import.finished");
            assertThat(items.get(0).actor()).isEqualTo("bob");
            assertThat(items.get(1).target()).hasSize(255).endsWith("…");
            assertThat(items.get(1).detail()).hasSize(1000).startsWith("<script>ü</script>");
        }
    }

    @Test
    void aQueryRefusesBadPagesAndAnEmptyRange() {
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, -1, 10)).hasMessageContaining("page");
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, 0, 501)).hasMessageContaining("size");
        assertThatThrownBy(() -> new AuditQuery(T0, T0, null, null, null, 0, 10)).hasMessageContaining("from");
    }

    @Test
    void aTrailOutsideARequestNamesTheSystemAsActor() {
        List<Audited> lines = new ArrayList<>();
        AuditTrail trail = AuditTrail.to(lines::add);
        trail.record("t1", "import.started", "import/upload", null);
        trail.recordAs("anna", "t1", "wallboard.saved", "Floor", null);
        assertThat(lines).extracting(Audited::actor).containsExactly("system", "anna");
    }
}
