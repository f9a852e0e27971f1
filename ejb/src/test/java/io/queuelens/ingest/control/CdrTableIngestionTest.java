package io.queuelens.ingest.control;

import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.schema.control.UtcColumns;
import io.queuelens.sources.demo.control.ContactCenterSimulation;
import io.queuelens.sources.demo.control.PbxListener;
import io.queuelens.sources.demo.control.PbxTableWriter;
import io.queuelens.sources.demo.entity.CdrRow;
import io.queuelens.sources.demo.entity.QueueDefinition;
import io.queuelens.sources.demo.entity.QueueLogRow;
import io.queuelens.testsupport.SampleCaptures;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cdr reader on H2 and MariaDB, for both table layouts: FreePBX's (the demo's demo_cdr, and the
 * real FreePBX dump from the shared samples) and Asterisk 22's stock one without calldate or sequence.
 * It reads incrementally, finds rows written late behind rows already read, re-reads without doubling,
 * resumes after a crash and a restart, and links CDRs and queue visits whichever comes first.
 */
class CdrTableIngestionTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant THURSDAY_MORNING = ZonedDateTime.of(2026, 3, 5, 8, 0, 0, 0, BERLIN).toInstant();

    /** A clock the test moves by hand (the reader's rescan interval). */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-03-06T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    record Day(List<QueueLogRow> queueLog, List<CdrRow> cdr) {
    }

    static Day simulatedHours(int hours) {
        List<QueueLogRow> queueLog = new ArrayList<>();
        List<CdrRow> cdr = new ArrayList<>();
        ContactCenterSimulation sim = new ContactCenterSimulation(11, THURSDAY_MORNING, BERLIN, 20, QueueDefinition.defaults(),
                new PbxListener() {
                    @Override
                    public boolean wantsAmi() {
                        return false;
                    }

                    @Override
                    public void queueLog(QueueLogRow row) {
                        queueLog.add(row);
                    }

                    @Override
                    public void cdr(CdrRow row) {
                        cdr.add(row);
                    }
                });
        sim.advanceTo(THURSDAY_MORNING.plus(Duration.ofHours(hours)));
        return new Day(queueLog, cdr);
    }

    static CdrTableIngestion reader(DataSource ds, String table, ManualClock clock) {
        return new CdrTableIngestion("demo", "demo", ds, table, BERLIN, ds, Duration.ofHours(4), Duration.ofMinutes(1), clock);
    }

    static int readAll(CdrTableIngestion reader, int batch) throws SQLException {
        int stored = 0;
        CdrTableIngestion.Step s;
        do {
            s = reader.step(batch);
            stored += s.stored();
        } while (!s.caughtUp());
        return stored;
    }

    static void write(DataSource ds, List<QueueLogRow> queueLog, List<CdrRow> cdr) throws SQLException {
        PbxTableWriter w = new PbxTableWriter(ds, BERLIN);
        queueLog.forEach(w::add);
        cdr.forEach(w::add);
        w.flush();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theDemoCdrTableIsReadIncrementallyAndAReReadChangesNothing(String kind) throws Exception {
        Day day = simulatedHours(4);
        assertThat(day.cdr().size()).isGreaterThan(200);
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            ManualClock clock = new ManualClock();
            int half = day.cdr().size() / 2;
            write(db.dataSource(), List.of(), day.cdr().subList(0, half));
            CdrTableIngestion reader = reader(db.dataSource(), "demo_cdr", clock);
            assertThat(readAll(reader, 37)).isEqualTo(half);
            assertThat(reader.layout().freePbx()).isTrue();
            write(db.dataSource(), List.of(), day.cdr().subList(half, day.cdr().size()));
            // rows are written at the end of their calls: some of the second half start before the position
            int behind = (int) day.cdr().subList(half, day.cdr().size()).stream()
                    .filter(r -> r.calldate().isBefore(day.cdr().get(half - 1).calldate())).count();
            assertThat(behind).isPositive();
            assertThat(readAll(reader, 37)).isEqualTo(day.cdr().size() - half - behind);
            clock.now = clock.now.plus(Duration.ofMinutes(1));
            assertThat(readAll(reader, 37) + readAll(reader, 37)).isEqualTo(behind);
            assertThat(count(db, "select count(*) from cdr_record")).isEqualTo(day.cdr().size());
            String stored = dump(db);

            // nothing new: a step reads nothing; after the rescan interval it re-reads the overlap, storing nothing
            assertThat(reader.step(100).read()).isZero();
            clock.now = clock.now.plus(Duration.ofMinutes(2));
            assertThat(readAll(reader, 100)).isZero();
            // a restart and a full re-read from the start (no checkpoint) store nothing new either
            assertThat(readAll(reader(db.dataSource(), "demo_cdr", clock), 50)).isZero();
            exec(db, "delete from ingest_checkpoint");
            readAll(reader(db.dataSource(), "demo_cdr", clock), 50);
            assertThat(dump(db)).isEqualTo(stored);

            CdrRow first = day.cdr().get(0);
            try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select calldate, calldate_local, src, did, caller_name, natural_key, sequence from cdr_record where uniqueid = ?")) {
                ps.setString(1, first.uniqueid());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.ofInstant(first.calldate(), ZoneOffset.UTC).withNano(0));
                    assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.ofInstant(first.calldate(), BERLIN).withNano(0));
                    assertThat(rs.getString(3)).isEqualTo(first.src());
                    assertThat(rs.getString(4)).isEqualTo(first.did());
                    assertThat(rs.getString(6)).isEqualTo(first.uniqueid() + "#" + first.sequence());
                    assertThat(rs.getInt(7)).isEqualTo(first.sequence());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aRowWrittenLateBehindTheReadPositionIsFoundByTheOverlap(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            ManualClock clock = new ManualClock();
            insertFreePbx(db, "2026-03-05 10:00:00", "1772701200.1", 1, "ANSWERED");
            insertFreePbx(db, "2026-03-05 10:30:00", "1772703000.2", 2, "ANSWERED");
            CdrTableIngestion reader = reader(db.dataSource(), "demo_cdr", clock);
            assertThat(readAll(reader, 10)).isEqualTo(2);
            // a 40-minute call that started at 10:10 ends now: its row lands behind the position
            insertFreePbx(db, "2026-03-05 10:10:00", "1772701800.3", 3, "ANSWERED");
            insertFreePbx(db, "2026-03-05 10:45:00", "1772703900.4", 4, "NO ANSWER");
            assertThat(readAll(reader, 10)).as("before the rescan: only what lies after the position").isEqualTo(1);
            clock.now = clock.now.plus(Duration.ofMinutes(1));
            readAll(reader, 10); // caught up again at the rescan moment: the next pass goes back
            assertThat(readAll(reader, 10)).isEqualTo(1);
            assertThat(count(db, "select count(*) from cdr_record")).isEqualTo(4);
            // a restart starts with a pass over the overlap, and stores nothing twice
            insertFreePbx(db, "2026-03-05 10:20:00", "1772702400.5", 5, "BUSY");
            assertThat(readAll(reader(db.dataSource(), "demo_cdr", clock), 2)).isEqualTo(1);
            assertThat(count(db, "select count(*) from cdr_record")).isEqualTo(5);
            assertThat(count(db, "select count(distinct natural_key) from cdr_record")).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void asterisk22sStockLayoutWithoutCalldateOrSequenceIsReadWithoutSplittingEqualKeys(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            exec(db, """
                    create table cdr (accountcode varchar(80), src varchar(80), dst varchar(80), dcontext varchar(80),
                      clid varchar(80), channel varchar(80), dstchannel varchar(80), lastapp varchar(80), lastdata varchar(80),
                      start datetime, answer datetime, `end` datetime, duration int, billsec int, disposition varchar(45),
                      amaflags int, userfield varchar(255), uniqueid varchar(150), linkedid varchar(150), peeraccount varchar(80))""");
            // one channel, two CDRs with the same start (a forked CDR): only the dstchannel differs
            for (String[] r : new String[][]{
                    {"2026-03-05 09:00:00", "1772697600.0", "PJSIP/201-00000001", "ANSWERED", "30"},
                    {"2026-03-05 09:00:00", "1772697600.0", "PJSIP/202-00000002", "NO ANSWER", "0"},
                    {"2026-03-05 09:00:00", "1772697600.0", "PJSIP/203-00000003", "NO ANSWER", "0"},
                    {"2026-03-05 09:05:00", "1772697900.4", "PJSIP/201-00000004", "ANSWERED", "12"}}) {
                exec(db, "insert into cdr values ('', '0301234567', '400', 'ext-queues', '\"Jane\" <0301234567>', "
                        + "'PJSIP/trunk-1', '" + r[2] + "', 'Queue', 'sales', '" + r[0] + "', null, '" + r[0] + "', 40, "
                        + r[4] + ", '" + r[3] + "', 3, '', '" + r[1] + "', '" + r[1] + "', '')");
            }
            ManualClock clock = new ManualClock();
            CdrTableIngestion reader = reader(db.dataSource(), "cdr", clock);
            assertThat(readAll(reader, 1)).isEqualTo(4);
            assertThat(reader.layout().timeColumn()).isEqualTo("start");
            assertThat(reader.layout().freePbx()).isFalse();
            assertThat(count(db, "select count(*) from cdr_record where recording_file is null and did is null and sequence is null")).isEqualTo(4);
            clock.now = clock.now.plus(Duration.ofMinutes(5));
            assertThat(readAll(reader, 2)).isZero();
            assertThat(count(db, "select count(*) from cdr_record")).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theRealFreePbxDumpIsReadCompletely(String kind) throws Exception {
        Path dump = SampleCaptures.file("asterisk", "cdr", "freepbx_asteriskcdrdb_dump.sql");
        List<String> inserts = Files.readAllLines(dump).stream().filter(l -> l.startsWith("INSERT INTO `cdr` VALUES")).toList();
        assertThat(inserts).hasSize(574);
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            exec(db, "create table cdr as select * from demo_cdr where 1 = 0");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                for (String insert : inserts) {
                    // the dump holds one junk row with a zero date: MariaDB stores it (and the reader must not
                    // stumble over it), H2 cannot
                    if (kind.equals("mariadb") || !insert.contains("'0000-00-00 00:00:00'")) {
                        s.execute(insert.replace("`cdr`", "cdr").replace("\\\"", "\""));
                    }
                }
            }
            long distinct = count(db, "select count(*) from (select distinct uniqueid, sequence from cdr "
                    + "where calldate >= '1000-01-01') k");
            assertThat(distinct).isGreaterThan(500);
            CdrTableIngestion reader = reader(db.dataSource(), "cdr", new ManualClock());
            assertThat(readAll(reader, 50)).isEqualTo(distinct);
            assertThat(count(db, "select count(*) from cdr_record")).isEqualTo(distinct);
            assertThat(count(db, "select count(distinct disposition) from cdr_record")).isGreaterThanOrEqualTo(4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aFailedCommitStoresNothingAndTheNextStepOrAnotherProcessResumes(String kind) throws Exception {
        Day day = simulatedHours(2);
        assertThat(day.cdr().size()).isGreaterThan(60);
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            write(db.dataSource(), List.of(), day.cdr());
            CdrTableIngestion reader = reader(db.dataSource(), "demo_cdr", new ManualClock());
            reader.step(20);
            // an impossible write in the same transaction (the link step cannot reach its table): all of it rolls back
            exec(db, "alter table queue_visit rename to queue_visit_away");
            assertThatThrownBy(() -> reader.step(20)).isInstanceOf(SQLException.class);
            assertThat(count(db, "select count(*) from cdr_record")).isEqualTo(20);
            exec(db, "alter table queue_visit_away rename to queue_visit");
            // the same instance retries from the checkpoint (going back by the overlap, so it stores less at first)
            int stored = reader.step(20).stored() + reader.step(20).stored();
            assertThat(count(db, "select count(*) from cdr_record")).isEqualTo(20 + stored);
            // killed here: a new process resumes from the checkpoint
            assertThat(readAll(reader(db.dataSource(), "demo_cdr", new ManualClock()), 20)).isEqualTo(day.cdr().size() - 20 - stored);
            assertThat(count(db, "select count(*) from cdr_record")).isEqualTo(day.cdr().size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void cdrsAndVisitsAreLinkedWhicheverArrivesFirst(String kind) throws Exception {
        Day day = simulatedHours(3);
        long recorded = day.cdr().stream().filter(r -> !r.recordingfile().isEmpty()).count();
        assertThat(recorded).isPositive();
        for (boolean cdrFirst : new boolean[]{true, false}) {
            try (TestDatabases.Db db = TestDatabases.open(kind)) {
                write(db.dataSource(), day.queueLog(), day.cdr());
                QueueLogTableIngestion visits = new QueueLogTableIngestion("demo", "demo", db.dataSource(), "demo_queue_log",
                        BERLIN, db.dataSource(), new QueueRollupRefresher("demo", KpiSettingsHistory.defaultsOnly()));
                CdrTableIngestion cdrs = reader(db.dataSource(), "demo_cdr", new ManualClock());
                if (cdrFirst) {
                    readAll(cdrs, 500);
                    drain(visits);
                } else {
                    drain(visits);
                    readAll(cdrs, 500);
                }
                String order = cdrFirst ? "CDRs first" : "visits first";
                assertThat(count(db, """
                        select count(*) from queue_visit v join cdr_record r
                          on r.uniqueid = v.call_id and r.tenant_id = v.tenant_id and r.source_id = v.source_id
                        where r.recording_file is not null and v.recording_file = r.recording_file""")).as(order)
                        .isGreaterThanOrEqualTo(recorded);
                assertThat(count(db, "select count(*) from queue_visit v where v.outcome = 'ANSWERED' and v.ended_at is not null "
                        + "and v.recording_file is null and exists (select 1 from cdr_record r where r.uniqueid = v.call_id)"))
                        .as(order).isZero();
                assertThat(count(db, "select count(*) from queue_visit where did is null")).as(order).isZero();
                assertThat(count(db, "select count(*) from cdr_record where queue is null")).as(order).isZero();
                assertThat(count(db, "select count(*) from cdr_record where disposition = 'ANSWERED' and agent is null"))
                        .as(order).isZero();
                assertThat(count(db, "select count(*) from cdr_record where visit_call_id <> uniqueid")).as(order).isZero();
            }
        }
    }

    /**
     * A visit and its CDR committed at the same moment each linked in a transaction that could not see
     * the other: no link on either side. The readers' periodic relink (demo and configured sources) finds
     * those CDRs by when they were stored and links them; a second relink changes nothing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aRaceLostByBothWritersIsLinkedByTheRelinkOfRecentCdrs(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            CdrTableIngestion cdrs = twoHoursReadAndLinked(db, new ManualClock());
            String recorded = "select count(*) from queue_visit where recording_file is not null";
            long linkedBefore = count(db, LINKED_CDRS);
            long recordedBefore = count(db, recorded);
            assertThat(linkedBefore).isPositive();
            assertThat(recordedBefore).isPositive();
            // the recording only ever comes from the CDR; DID and caller name may be queue_log's own
            exec(db, "update queue_visit set recording_file = null");
            exec(db, "update cdr_record set visit_call_id = null, queue = null, agent = null");

            assertThat(cdrs.relinkRecent(Duration.ofMinutes(10), Duration.ofDays(2))).isPositive();

            assertThat(count(db, LINKED_CDRS)).isEqualTo(linkedBefore);
            assertThat(count(db, recorded)).isEqualTo(recordedBefore);
            assertThat(cdrs.relinkRecent(Duration.ofMinutes(10), Duration.ofDays(2))).isZero();
        }
    }

    /**
     * After its first relink a reader reads again only the CDRs stored since its previous relink began (less
     * a minute for transactions still open then), not the whole window at every tick; a new reader (a restart)
     * starts with the whole window.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aRelinkReadsOnlyWhatWasStoredSinceThePreviousRelinkBegan(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            ManualClock clock = new ManualClock();
            clock.now = Instant.now().plusSeconds(1); // the CDRs' ingested_at is the wall clock's
            CdrTableIngestion cdrs = twoHoursReadAndLinked(db, clock);
            long linkedBefore = count(db, LINKED_CDRS);
            assertThat(linkedBefore).isPositive();
            Duration window = Duration.ofMinutes(10);
            Duration anyCall = Duration.ofDays(3650); // the simulated calls are from March
            assertThat(cdrs.relinkRecent(window, anyCall)).as("all linked already").isZero();

            // unlinked, stored 2 minutes before that relink: inside the window, but before the previous relink began
            exec(db, "update cdr_record set visit_call_id = null, queue = null, agent = null");
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("update cdr_record set ingested_at = ?")) {
                ps.setObject(1, UtcColumns.of(clock.now.minus(Duration.ofMinutes(2))));
                ps.executeUpdate();
            }
            clock.now = clock.now.plusSeconds(2);
            assertThat(cdrs.relinkRecent(window, anyCall)).isZero();
            assertThat(count(db, LINKED_CDRS)).isZero();

            CdrTableIngestion restarted = reader(db.dataSource(), "demo_cdr", clock);
            assertThat(restarted.relinkRecent(window, anyCall)).isPositive();
            assertThat(count(db, LINKED_CDRS)).isEqualTo(linkedBefore);
        }
    }

    static final String LINKED_CDRS = "select count(*) from cdr_record where visit_call_id is not null";

    /** Two simulated hours of the demo's PBX tables, their CDRs read and their queue_log drained: every CDR linked. */
    private static CdrTableIngestion twoHoursReadAndLinked(TestDatabases.Db db, ManualClock clock) throws SQLException {
        Day day = simulatedHours(2);
        write(db.dataSource(), day.queueLog(), day.cdr());
        CdrTableIngestion cdrs = reader(db.dataSource(), "demo_cdr", clock);
        readAll(cdrs, 500);
        drain(new QueueLogTableIngestion("demo", "demo", db.dataSource(), "demo_queue_log", BERLIN, db.dataSource(),
                new QueueRollupRefresher("demo", KpiSettingsHistory.defaultsOnly())));
        return cdrs;
    }

    private static void drain(QueueLogTableIngestion ingestion) throws SQLException {
        IngestResult r;
        do {
            r = ingestion.step(700);
        } while (!r.caughtUp());
    }

    private static void insertFreePbx(TestDatabases.Db db, String calldate, String uniqueid, int sequence, String disposition)
            throws SQLException {
        exec(db, "insert into demo_cdr (calldate, src, dst, uniqueid, linkedid, sequence, disposition, duration, billsec) "
                + "values ('" + calldate + "', '0301234567', '400', '" + uniqueid + "', '" + uniqueid + "', " + sequence
                + ", '" + disposition + "', 10, 5)");
    }

    static long count(TestDatabases.Db db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void exec(TestDatabases.Db db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String dump(TestDatabases.Db db) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from cdr_record order by natural_key")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 2; i <= n; i++) {
                    if (!rs.getMetaData().getColumnLabel(i).equalsIgnoreCase("ingested_at")) {
                        sb.append(rs.getString(i)).append('|');
                    }
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
