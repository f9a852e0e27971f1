package io.queuelens.sources.demo.control;

import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.testsupport.TestDatabases;
import io.queuelens.sources.demo.entity.AmiEndpoint;
import io.queuelens.sources.demo.entity.DemoSettings;
import io.queuelens.sources.demo.entity.QueueDefinition;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine end to end: backfill into real tables, live AMI, restart without duplicates. */
class DemoEngineTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static DemoSettings settings(int days, double eventRate, int port, Path file) {
        return new DemoSettings("demo", BERLIN, 42, 40, 1.0, eventRate, days, "127.0.0.1", port, file);
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void backfillsGoesLiveAndResumesWithoutDuplicates(String kind) throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Path file = Files.createTempFile("demo-queue-log", ".log");
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            DemoEngine engine = new DemoEngine(settings(2, 3000, 0, file), QueueDefinition.defaults(), db.dataSource(),
                    Executors.defaultThreadFactory(), scheduler, Clock.systemUTC());
            assertThat(engine.open()).isTrue();
            assertThat(engine.status().state()).isEqualTo(SourceStatus.State.STARTING);
            engine.run();
            SourceStatus live = engine.status();
            assertThat(live.state()).isEqualTo(SourceStatus.State.CONNECTED);
            assertThat(live.ready()).isTrue();
            long backfilled = live.counters().get("queueLogRows");
            assertThat(backfilled).isGreaterThan(1000);

            AmiEndpoint endpoint = engine.amiEndpoint();
            assertThat(endpoint.secret()).hasSizeGreaterThanOrEqualTo(32);
            ManagerConnection c = new ManagerConnectionFactory(endpoint.host(), endpoint.port(), endpoint.username(),
                    endpoint.secret()).createManagerConnection();
            List<ManagerEvent> received = new CopyOnWriteArrayList<>();
            c.addEventListener(received::add);
            c.login();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && received.stream().filter(QueueCallerJoinEvent.class::isInstance).count() < 5) {
                Thread.sleep(50);
            }
            assertThat(engine.status().counters().get("amiClients")).isEqualTo(1L);
            c.logoff();
            engine.close();
            assertThat(engine.status().state()).isEqualTo(SourceStatus.State.STOPPED);

            List<QueueCallerJoinEvent> joins = received.stream().filter(QueueCallerJoinEvent.class::isInstance)
                    .map(QueueCallerJoinEvent.class::cast).toList();
            assertThat(joins).hasSizeGreaterThanOrEqualTo(5);
            long written;
            try (Connection con = db.dataSource().getConnection()) {
                // live and history agree: every caller seen on AMI has its ENTERQUEUE row, same queue
                for (QueueCallerJoinEvent j : joins) {
                    assertThat(count(con, "SELECT COUNT(*) FROM demo_queue_log WHERE event = 'ENTERQUEUE' AND callid = '"
                            + j.getUniqueId() + "' AND queuename = '" + j.getQueue() + "'")).as(j.getUniqueId()).isEqualTo(1);
                }
                written = count(con, "SELECT COUNT(*) FROM demo_queue_log");
                assertThat(written).isEqualTo(engine.status().counters().get("queueLogRows"));
                assertThat(count(con, "SELECT COUNT(*) FROM demo_cdr")).isEqualTo(engine.status().counters().get("cdrRows")).isPositive();
                assertThat(count(con, "SELECT COUNT(*) FROM demo_cdr WHERE disposition = 'ANSWERED' AND billsec > 0")).isPositive();
            }
            assertThat(Files.readAllLines(file)).hasSize((int) written).first().asString().matches("\\d{10}\\|NONE\\|NONE\\|NONE\\|QUEUESTART\\|");

            // restart: resumes after the newest row, no duplicates, a new QUEUESTART like a restarted Asterisk
            DemoEngine again = new DemoEngine(settings(2, 0, 0, null), QueueDefinition.defaults(), db.dataSource(),
                    Executors.defaultThreadFactory(), scheduler, Clock.systemUTC());
            assertThat(again.open()).isTrue();
            again.run();
            again.close();
            try (Connection con = db.dataSource().getConnection()) {
                long total = count(con, "SELECT COUNT(*) FROM demo_queue_log");
                long distinct = count(con, "SELECT COUNT(*) FROM (SELECT DISTINCT time, callid, queuename, agent, event, "
                        + "data1, data2, data3, data4, data5 FROM demo_queue_log) d");
                assertThat(distinct).isEqualTo(total);
                assertThat(count(con, "SELECT COUNT(*) FROM demo_queue_log WHERE event = 'QUEUESTART'")).isEqualTo(2);
                // the second QUEUESTART is after every row of the first run
                assertThat(count(con, "SELECT COUNT(*) FROM demo_queue_log WHERE id < (SELECT MAX(id) FROM demo_queue_log "
                        + "WHERE event = 'QUEUESTART') AND time >= (SELECT MAX(time) FROM demo_queue_log WHERE event = 'QUEUESTART')"))
                        .isZero();
                long cdrTotal = count(con, "SELECT COUNT(*) FROM demo_cdr");
                assertThat(count(con, "SELECT COUNT(DISTINCT uniqueid) FROM demo_cdr")).isEqualTo(cdrTotal);
            }
        } finally {
            scheduler.shutdownNow();
            Files.deleteIfExists(file);
        }
    }

    @Test
    void thirtyDaysOfHistoryAtFortyAgentsTakeSecondsOnH2() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (TestDatabases.Db db = TestDatabases.open("h2")) {
            DemoEngine engine = new DemoEngine(settings(30, 0, 0, null), QueueDefinition.defaults(), db.dataSource(),
                    Executors.defaultThreadFactory(), scheduler, Clock.systemUTC());
            assertThat(engine.open()).isTrue();
            long began = System.nanoTime();
            engine.run();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            engine.close();
            // about 5,000 rows a weekday at 40 agents
            assertThat(engine.status().counters().get("queueLogRows")).isGreaterThan(100_000);
            // seconds, not minutes: about 10 s on a busy 2-core machine; the bound leaves room for CI noise
            assertThat(millis).as("30-day backfill in ms").isLessThan(60_000);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aPortInUseFailsTheSourceNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             TestDatabases.Db db = TestDatabases.open("h2")) {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            DemoEngine engine = new DemoEngine(settings(0, 0, taken.getLocalPort(), null), QueueDefinition.defaults(),
                    db.dataSource(), Executors.defaultThreadFactory(), scheduler, Clock.systemUTC());
            assertThat(engine.open()).isFalse();
            SourceStatus status = engine.status();
            assertThat(status.state()).isEqualTo(SourceStatus.State.FAILED);
            assertThat(status.ready()).isFalse();
            assertThat(status.detail()).contains("queuelens.demo.ami.port").contains(String.valueOf(taken.getLocalPort()));
            engine.run(); // does nothing once failed
            assertThat(engine.status().state()).isEqualTo(SourceStatus.State.FAILED);
            scheduler.shutdownNow();
        }
    }
}
