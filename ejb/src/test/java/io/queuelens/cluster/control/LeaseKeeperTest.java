package io.queuelens.cluster.control;

import io.queuelens.cluster.entity.Lease;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant leases on the real table (H2 and MariaDB): one holder per tenant, takeover only after the
 * lease ran out in the database's clock, the holder's self-fencing before that, fair sharing, release
 * at shutdown. Members' monotonic clocks are the test's own; the database's clock is real, so the
 * tests that need a lease to run out wait for its (short) TTL.
 */
class LeaseKeeperTest {

    /** Short enough to wait out in a test, long enough for a slow database round trip. */
    private static final long TTL = 2500;

    private static void tenants(TestDatabases.Db db, String... ids) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String id : ids) {
                s.executeUpdate("insert into tenant (id, name, time_zone, locale, currency, created_at) values ('" + id
                        + "', 'T', 'Europe/Berlin', 'en', 'EUR', '2026-01-01 00:00:00')");
            }
        }
    }

    /** A member: its keeper, its own monotonic clock and what its listener was told. */
    private static final class Member {
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);
        final List<String> told = new ArrayList<>();
        final LeaseKeeper keeper;

        Member(DataSource ds, String id, int[] liveMembers) {
            keeper = new LeaseKeeper(new LeaseStore(ds, 5), id, TTL, nanos::get, () -> liveMembers[0],
                    (tenant, held, token) -> told.add(tenant + (held ? "+" : "-") + token));
        }

        void advance(long millis) {
            nanos.addAndGet(millis * 1_000_000);
        }
    }

    private static List<Lease> leases(DataSource ds) throws SQLException {
        return new LeaseStore(ds, 5).all(2 * TTL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void oneMemberTakesAFreeTenantAndTheOtherCannotUntilItRunsOut(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            tenants(db, "t1");
            int[] live = {2};
            Member a = new Member(db.dataSource(), "member-a", live);
            Member b = new Member(db.dataSource(), "member-b", live);

            a.keeper.round();
            long expiresIn = b.keeper.round();
            assertThat(a.keeper.holds("t1")).isTrue();
            assertThat(b.keeper.holds("t1")).isFalse();
            assertThat(expiresIn).as("when b may look again for a's lease").isBetween(TTL / 2, TTL);
            assertThat(a.told).containsExactly("t1+1");
            assertThat(b.told).isEmpty();
            assertThat(leases(db.dataSource())).singleElement()
                    .satisfies(l -> assertThat(l.holder()).isEqualTo("member-a"))
                    .satisfies(l -> assertThat(l.token()).isEqualTo(1));

            // a renews while b keeps trying: b never gets it
            for (int i = 0; i < 3; i++) {
                Thread.sleep(TTL / 3);
                a.advance(TTL / 3);
                a.keeper.round();
                b.keeper.round();
                a.keeper.fence();
                assertThat(a.keeper.holds("t1")).isTrue();
                assertThat(b.keeper.holds("t1")).isFalse();
            }

            // a dies (no more rounds): b takes over only once the lease ran out in the database
            b.keeper.round();
            assertThat(b.keeper.holds("t1")).as("not before the lease ran out").isFalse();
            Thread.sleep(TTL + 200);
            b.keeper.round();
            assertThat(b.keeper.holds("t1")).isTrue();
            assertThat(b.told).containsExactly("t1+2");
            assertThat(leases(db.dataSource())).singleElement().satisfies(l -> assertThat(l.token()).isEqualTo(2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aHolderThatCannotRenewStopsBeforeTheLeaseCanPassOn(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            tenants(db, "t1");
            int[] live = {2};
            AtomicBoolean cut = new AtomicBoolean();
            // a's database connection goes away (a partition): every statement of a fails from then on
            DataSource partitioned = new CuttableDataSource(db.dataSource(), cut);
            Member a = new Member(partitioned, "member-a", live);
            Member b = new Member(db.dataSource(), "member-b", live);
            long renewedAt = System.nanoTime();
            a.keeper.round();
            assertThat(a.keeper.holds("t1")).isTrue();

            cut.set(true);
            a.advance(a.keeper.trustMillis() - 1);
            a.keeper.round();
            a.keeper.fence();
            assertThat(a.keeper.holds("t1")).as("still within its trust").isTrue();
            a.advance(1);
            assertThat(a.keeper.holds("t1")).as("holds() answers no the moment the tenure is overdue").isFalse();
            a.keeper.fence();
            assertThat(a.told).containsExactly("t1+1", "t1-1");

            // and in real time, the database lets b take it only after a stopped (a's trust < TTL)
            b.keeper.round();
            assertThat(b.keeper.holds("t1")).isFalse();
            while (!b.keeper.holds("t1")) {
                Thread.sleep(50);
                b.keeper.round();
            }
            assertThat((System.nanoTime() - renewedAt) / 1_000_000).isGreaterThanOrEqualTo(TTL - 5); // DATETIME(3) truncates
            assertThat(a.keeper.trustMillis()).isLessThan(TTL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void tenantsAreSharedOverLiveMembersAndAnOrderlyStopHandsOverAtOnce(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            tenants(db, "t1", "t2", "t3", "t4");
            int[] live = {2};
            Member a = new Member(db.dataSource(), "member-a", live);
            Member b = new Member(db.dataSource(), "member-b", live);
            a.keeper.round();
            b.keeper.round();
            assertThat(a.keeper.heldTenants()).hasSize(2);
            assertThat(b.keeper.heldTenants()).hasSize(2).doesNotContainAnyElementsOf(a.keeper.heldTenants());

            a.keeper.releaseAll();
            assertThat(a.keeper.heldTenants()).isEmpty();
            live[0] = 1;
            Thread.sleep(20); // released at the database's now: free once now has moved on
            b.keeper.round();
            assertThat(b.keeper.heldTenants()).containsExactlyInAnyOrder("t1", "t2", "t3", "t4");
            assertThat(leases(db.dataSource())).allSatisfy(l -> assertThat(l.holder()).isEqualTo("member-b"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aFreeTenantBeyondTheShareIsTakenOnceNoPeerTookItForTwoTtls(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            tenants(db, "t1", "t2");
            int[] live = {2}; // the peer is in the grid but does not take anything (e.g. its database is cut off)
            Member a = new Member(db.dataSource(), "member-a", live);
            a.keeper.round();
            assertThat(a.keeper.heldTenants()).as("the fair share first").hasSize(1);
            Thread.sleep(2 * TTL + 200);
            a.advance(2 * TTL + 200);
            a.keeper.round();
            assertThat(a.keeper.heldTenants()).as("then the rest nobody took").hasSize(2);
        }
    }

    /** A data source whose connections fail once {@code cut} is set, as a database behind a partition. */
    private record CuttableDataSource(DataSource real, AtomicBoolean cut) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            if (cut.get()) {
                throw new SQLException("connection refused (partition)", "08S01");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return real.isWrapperFor(iface);
        }
    }
}
