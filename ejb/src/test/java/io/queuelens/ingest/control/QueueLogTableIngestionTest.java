package io.queuelens.ingest.control;

import io.queuelens.schema.control.UtcColumns;
import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.rollups.control.AfterCallWorkMatcher;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.rollups.control.RepeatDetector;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.sources.demo.control.ContactCenterSimulation;
import io.queuelens.sources.demo.control.PbxTableWriter;
import io.queuelens.sources.demo.entity.QueueLogRow;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A simulated day of the demo PBX read from its queue_log table into facts and rollups, on H2 and on
 * MariaDB: every ENTERQUEUE becomes a visit, the rollups equal a recomputation from all facts at
 * once, and neither a crash in the middle of a commit, a restart from the checkpoint, nor a full
 * re-import changes a single row.
 */
class QueueLogTableIngestionTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant WEDNESDAY = ZonedDateTime.of(2026, 3, 4, 0, 0, 0, 0, BERLIN).toInstant();
    static final KpiSettingsHistory SETTINGS = KpiSettingsHistory.defaultsOnly();

    static List<QueueLogRow> simulatedDay() {
        List<QueueLogRow> rows = new ArrayList<>();
        ContactCenterSimulation sim = ContactCenterSimulation.queueLogOnly(7, WEDNESDAY, BERLIN, 30, rows::add);
        sim.advanceTo(WEDNESDAY.plus(Duration.ofDays(1)));
        return rows;
    }

    static void writePbxTable(DataSource ds, List<QueueLogRow> rows) throws SQLException {
        PbxTableWriter writer = new PbxTableWriter(ds, BERLIN);
        rows.forEach(writer::add);
        writer.flush();
    }

    static QueueLogTableIngestion ingestion(DataSource ds) {
        return new QueueLogTableIngestion("demo", "demo", ds, "demo_queue_log", BERLIN, ds,
                new QueueRollupRefresher("demo", SETTINGS));
    }

    static IngestResult ingestAll(QueueLogTableIngestion ingestion, int batch) throws SQLException {
        IngestResult total = IngestResult.NONE;
        IngestResult r;
        do {
            r = ingestion.step(batch);
            total = total.plus(r);
        } while (!r.caughtUp());
        return total;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aSimulatedDayBecomesFactsAndRollupsThatAgree(String kind) throws Exception {
        List<QueueLogRow> rows = simulatedDay();
        long enterQueue = rows.stream().filter(r -> r.event().equals("ENTERQUEUE")).count();
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            writePbxTable(db.dataSource(), rows);
            IngestResult result = ingestAll(ingestion(db.dataSource()), 997);

            assertThat(result.linesRead()).isEqualTo(rows.size());
            assertThat(result.quarantined()).isZero();
            assertThat(count(db, "select count(*) from queue_visit")).isEqualTo(enterQueue);
            assertThat(count(db, "select count(*) from quarantined_input")).isZero();
            assertThat(count(db, "select count(*) from agent_session")).isPositive();
            assertThat(count(db, "select count(*) from agent_pause")).isPositive();
            assertThat(count(db, "select sum(offered) from rollup_queue_15m")).isEqualTo(enterQueue);
            assertThat(rollupTotalsByQueue(db)).isEqualTo(totalsRecomputedFromAllFacts(db));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aCrashMidCommitARestartAndAReimportLeaveExactlyTheSameRows(String kind) throws Exception {
        List<QueueLogRow> rows = simulatedDay();
        String expectedVisits;
        String expectedRollups;
        try (TestDatabases.Db reference = TestDatabases.open(kind)) {
            writePbxTable(reference.dataSource(), rows);
            ingestAll(ingestion(reference.dataSource()), 5000);
            expectedVisits = dump(reference, "select * from queue_visit order by call_id, visit_seq", 2);
            expectedRollups = dump(reference, "select * from rollup_queue_15m order by queue, bucket_start", 1);
        }
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            writePbxTable(db.dataSource(), rows);
            DataSource failsThirdCommit = failingCommit(db.dataSource(), 3);
            QueueLogTableIngestion first = ingestion(failsThirdCommit);
            first.step(1500);
            first.step(1500);
            assertThatThrownBy(() -> first.step(1500)).isInstanceOf(SQLException.class).hasMessageContaining("simulated crash");
            first.step(1500); // retries the failed batch from the last checkpoint
            // The process dies here; a new one resumes from the checkpoint with the open calls it held.
            ingestAll(ingestion(db.dataSource()), 1500);
            assertThat(dump(db, "select * from queue_visit order by call_id, visit_seq", 2)).isEqualTo(expectedVisits);
            assertThat(dump(db, "select * from rollup_queue_15m order by queue, bucket_start", 1)).isEqualTo(expectedRollups);

            // A full re-import of the same input from the start changes nothing.
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("delete from ingest_checkpoint");
            }
            ingestAll(ingestion(db.dataSource()), 5000);
            assertThat(dump(db, "select * from queue_visit order by call_id, visit_seq", 2)).isEqualTo(expectedVisits);
            assertThat(dump(db, "select * from rollup_queue_15m order by queue, bucket_start", 1)).isEqualTo(expectedRollups);
        }
    }

    /** Every QueueTotals column summed per queue from the rollups. */
    private static Map<String, QueueTotals> rollupTotalsByQueue(TestDatabases.Db db) throws SQLException {
        Map<String, QueueTotals> byQueue = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select queue, sum(offered), sum(open_visits), sum(answered), sum(abandoned), sum(short_abandoned),
                       sum(timeouts), sum(exit_key), sum(exit_empty), sum(withdrawn), sum(lost), sum(answered_in_sla),
                       sum(transferred), sum(repeats), sum(first_visits), sum(short_calls), sum(wait_answered),
                       sum(wait_abandoned), sum(talk), sum(hold), sum(acw), max(max_wait)
                     from rollup_queue_15m group by queue""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long[] v = new long[21];
                for (int i = 0; i < 21; i++) {
                    v[i] = rs.getLong(i + 2);
                }
                byQueue.put(rs.getString(1), new QueueTotals(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                        v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], 0));
            }
        }
        return byQueue;
    }

    /** The same totals computed in one go from all stored facts, without buckets. */
    private static Map<String, QueueTotals> totalsRecomputedFromAllFacts(TestDatabases.Db db) throws SQLException {
        List<QueueVisit> visits;
        List<AgentPause> pauses = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            visits = FactStore.visitsEnteredBetween(c, "demo", WEDNESDAY.minus(Duration.ofDays(2)), WEDNESDAY.plus(Duration.ofDays(3)));
            try (PreparedStatement ps = c.prepareStatement("select tenant_id, source_id, agent, queue, reason, start_at, end_at from agent_pause");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pauses.add(new AgentPause(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            UtcColumns.instant(rs.getObject(6, java.time.LocalDateTime.class)),
                            UtcColumns.instant(rs.getObject(7, java.time.LocalDateTime.class))));
                }
            }
        }
        Function<QueueVisit, KpiSettings> settings = v -> SETTINGS.getEffective(v.queue(), Buckets.floor(v.enteredAt()));
        var repeats = RepeatDetector.repeatsAmong(visits, settings);
        var acw = AfterCallWorkMatcher.acwSeconds(visits, pauses, settings);
        Map<String, QueueTotals> byQueue = new TreeMap<>();
        for (QueueVisit v : visits) {
            QueueTotals t = QueueTotals.ofVisit(v, acw.getOrDefault(v.naturalKey(), 0), repeats.contains(v.naturalKey()),
                    settings.apply(v));
            byQueue.merge(v.queue(), t, QueueTotals::plus);
        }
        byQueue.replaceAll((q, t) -> new QueueTotals(t.offered(), t.open(), t.answered(), t.abandoned(), t.shortAbandoned(),
                t.timeout(), t.exitKey(), t.exitEmpty(), t.withdrawn(), t.lost(), t.answeredInSla(), t.transferred(),
                t.repeat(), t.firstVisits(), t.shortCalls(), t.waitAnswered(), t.waitAbandoned(), t.talk(), t.hold(),
                t.acw(), t.maxWait(), 0));
        return byQueue;
    }

    private static long count(TestDatabases.Db db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** All columns from {@code firstColumn} on, one line per row (skips generated ids). */
    private static String dump(TestDatabases.Db db, String sql, int firstColumn) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = firstColumn; i <= n; i++) {
                    sb.append(rs.getString(i)).append('|');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A data source whose n-th commit fails, as a crash between writing and committing would. */
    private static DataSource failingCommit(DataSource real, int failingCommit) {
        AtomicInteger commits = new AtomicInteger();
        InvocationHandler dataSource = (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            if (method.getName().equals("getConnection")) {
                Connection c = (Connection) result;
                return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                        (p, m, a) -> {
                            if (m.getName().equals("commit") && commits.incrementAndGet() == failingCommit) {
                                c.rollback();
                                throw new SQLException("simulated crash before commit");
                            }
                            return invoke(c, m, a);
                        });
            }
            return result;
        };
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class}, dataSource);
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
