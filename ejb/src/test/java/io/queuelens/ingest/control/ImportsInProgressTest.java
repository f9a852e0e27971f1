package io.queuelens.ingest.control;

import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportsInProgressTest {

    @Test
    void aSecondImportOfTheSameNameIsRefusedUntilTheFirstEnds() throws Exception {
        try (TestDatabases.Db db = TestDatabases.open("h2")) {
            try (ImportsInProgress.Claim first = ImportsInProgress.claim(db.dataSource(), "acme", "pbx1", "queue_log")) {
                assertThatThrownBy(() -> ImportsInProgress.claim(db.dataSource(), "acme", "pbx1", "queue_log"))
                        .isInstanceOf(ImportsInProgress.AlreadyRunning.class)
                        .hasMessageContaining("'queue_log' into acme/pbx1 is still running");
                // other names, sources and tenants are independent
                assertThatCode(() -> {
                    ImportsInProgress.claim(db.dataSource(), "acme", "pbx1", "queue_log.1").close();
                    ImportsInProgress.claim(db.dataSource(), "acme", "pbx2", "queue_log").close();
                    ImportsInProgress.claim(db.dataSource(), "other", "pbx1", "queue_log").close();
                }).doesNotThrowAnyException();
            }
            ImportsInProgress.claim(db.dataSource(), "acme", "pbx1", "queue_log").close();
        }
    }

    /**
     * Another cluster member is another connection to the same MariaDB: while it holds the name's lock
     * the claim is refused, a member that dies (its connection ends) frees it, and a claim that ends
     * releases it for the others.
     */
    @Test
    void onMariaDbTheNameIsClaimedForTheWholeClusterAndFreedWhenTheHolderDies() throws Exception {
        try (TestDatabases.Db db = TestDatabases.open("mariadb")) {
            String lock = ImportsInProgress.lockName("acme", "pbx1", "queue_log");
            Connection otherMember = db.dataSource().getConnection();
            assertThat(getLock(otherMember, lock)).isTrue();
            assertThatThrownBy(() -> ImportsInProgress.claim(db.dataSource(), "acme", "pbx1", "queue_log"))
                    .isInstanceOf(ImportsInProgress.AlreadyRunning.class)
                    .hasMessageContaining("still running on another server");
            otherMember.close(); // the member died: the database ends its session and its locks

            try (ImportsInProgress.Claim claim = ImportsInProgress.claim(db.dataSource(), "acme", "pbx1", "queue_log");
                 Connection third = db.dataSource().getConnection()) {
                assertThat(getLock(third, lock)).as("held by this member's claim").isFalse();
                claim.close();
                assertThat(getLock(third, lock)).as("released at the claim's end").isTrue();
            }
        }
    }

    @Test
    void lockNamesStayWithinMySqlsLimitWhateverTheNames() {
        String name = ImportsInProgress.lockName("t".repeat(64), "s".repeat(64), "n".repeat(49));
        assertThat(name).hasSizeLessThanOrEqualTo(64).startsWith("queuelens-import-");
        assertThat(name).isNotEqualTo(ImportsInProgress.lockName("t".repeat(64), "s".repeat(64), "n".repeat(48)));
    }

    private static boolean getLock(Connection c, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, lock);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }
}
