package io.queuelens.cdrs.control;

import io.queuelens.cdrs.entity.CdrListing;
import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.cdrs.entity.CdrSort;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.queuelens.cdrs.control.CdrSearchSql.RecordingCheck.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server-side paging, sorting and filtering of cdr_record, on H2 and MariaDB, always within one tenant. */
class CdrSearchSqlTest {

    static final Instant FROM = Instant.parse("2026-03-05T00:00:00Z");
    static final Instant TO = Instant.parse("2026-03-06T00:00:00Z");

    static CdrQuery query(String number, String did, String disposition, String queue, String agent, CdrSort sort,
                          boolean asc, int offset, int limit) {
        return new CdrQuery("demo", FROM, TO, number, did, disposition, queue, agent, sort, asc, offset, limit);
    }

    static void fill(TestDatabases.Db db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < 30; i++) {
                String tenant = i % 10 == 9 ? "other" : "demo";
                String disposition = i % 3 == 0 ? "NO ANSWER" : "ANSWERED";
                s.executeUpdate("insert into cdr_record (tenant_id, source_id, natural_key, calldate, calldate_local, clid, src, "
                        + "dst, did, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, accountcode, "
                        + "userfield, uniqueid, queue, agent, recording_file, ingested_at) values ('" + tenant + "', 'demo', 'k" + i
                        + "', '2026-03-05 " + String.format("%02d", i % 24) + ":00:0" + (i / 24) + "', '2026-03-05 10:00:00', "
                        + "'\"A_B\" <0301" + i + ">', '0301" + i + "', '40" + (i % 2) + "', '+49" + (i % 2) + "', 'ext-queues', '', '', "
                        + "'Queue', '', " + (100 - i) + ", 10, '" + disposition + "', '', '', 'u" + i + "', "
                        + "'" + (i % 2 == 0 ? "sales" : "support") + "', " + (disposition.equals("ANSWERED") ? "'Agent " + (i % 4) + "'" : "null")
                        + ", " + (i % 5 == 0 ? "'r" + i + ".wav'" : "null") + ", '2026-03-05 10:00:00')");
            }
            // outside the range
            s.executeUpdate("insert into cdr_record (tenant_id, source_id, natural_key, calldate, calldate_local, clid, src, dst, "
                    + "dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, accountcode, userfield, "
                    + "uniqueid, ingested_at) values ('demo', 'demo', 'late', '2026-03-06 00:00:00', '2026-03-06 01:00:00', '', "
                    + "'0301', '400', '', '', '', '', '', 1, 0, 'BUSY', '', '', 'late', '2026-03-06 00:00:00')");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void pagesAreSortedOnTheServerAndNeitherOverlapNorSkip(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            fill(db);
            assertThat(CdrSearchSql.count(c, query(null, null, null, null, null, null, false, 0, 10))).isEqualTo(27);
            List<Long> ids = new ArrayList<>();
            for (int offset = 0; offset < 27; offset += 10) {
                CdrSearchSql.rows(c, query(null, null, null, null, null, CdrSort.QUEUE, true, offset, 10), NONE)
                        .forEach(r -> ids.add(r.id()));
            }
            assertThat(ids).hasSize(27).doesNotHaveDuplicates();
            // the export's forward-only stream: every row once, in the pages' order, paging ignored
            List<Long> streamed = new ArrayList<>();
            CdrSearchSql.each(c, query(null, null, null, null, null, CdrSort.QUEUE, true, 0, 10), r -> streamed.add(r.id()));
            assertThat(streamed).containsExactlyElementsOf(ids);
            List<CdrListing> byDuration = CdrSearchSql.rows(c, query(null, null, null, null, null, CdrSort.DURATION, true, 0, 5), NONE);
            assertThat(byDuration).extracting(CdrListing::duration).containsExactly(72, 73, 74, 75, 76);
            List<CdrListing> newest = CdrSearchSql.rows(c, query(null, null, null, null, null, CdrSort.CALLDATE, false, 0, 1), NONE);
            assertThat(newest.get(0).calldate()).isEqualTo(Instant.parse("2026-03-05T23:00:00Z"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void everyFilterNarrowsTheResultAndLikeWildcardsAreLiteral(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            fill(db);
            assertThat(CdrSearchSql.count(c, query("030112", null, null, null, null, null, false, 0, 10))).isEqualTo(1);
            assertThat(CdrSearchSql.count(c, query("401", null, null, null, null, null, false, 0, 10))).isEqualTo(12);
            assertThat(CdrSearchSql.count(c, query("A_B", null, null, null, null, null, false, 0, 10))).isEqualTo(27);
            assertThat(CdrSearchSql.count(c, query("A%B", null, null, null, null, null, false, 0, 10))).isZero();
            assertThat(CdrSearchSql.count(c, query("A_", null, null, null, null, null, false, 0, 10))).isEqualTo(27);
            assertThat(CdrSearchSql.count(c, query("AxB", null, null, null, null, null, false, 0, 10))).isZero();
            assertThat(CdrSearchSql.count(c, query(null, "+490", null, null, null, null, false, 0, 10))).isEqualTo(15);
            assertThat(CdrSearchSql.count(c, query(null, null, "NO ANSWER", null, null, null, false, 0, 10))).isEqualTo(9);
            assertThat(CdrSearchSql.count(c, query(null, null, null, "support", null, null, false, 0, 10))).isEqualTo(12);
            assertThat(CdrSearchSql.count(c, query(null, null, null, null, "Agent 1", null, false, 0, 10))).isEqualTo(5);
            // the check is asked for named files only, with the call's local time; what it says is the row's recordingFound
            List<String> asked = new ArrayList<>();
            List<CdrListing> recorded = CdrSearchSql.rows(c, query(null, null, null, null, null, null, false, 0, 50), (file, local) -> {
                asked.add(file + " " + local);
                return file.equals("r10.wav");
            });
            assertThat(recorded.stream().filter(CdrListing::hasRecording).count()).isEqualTo(6);
            assertThat(asked).hasSize(6).contains("r10.wav 2026-03-05T10:00");
            assertThat(recorded).filteredOn(CdrListing::recordingFound).extracting(CdrListing::uniqueid).containsExactly("u10");
            assertThat(CdrSearchSql.queues(c, "demo")).containsExactly("sales", "support");
            assertThat(CdrSearchSql.queues(c, "nobody")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aQueueLimitLeavesOutRowsOfOtherQueues(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            fill(db);
            CdrQuery all = query(null, null, null, null, null, null, false, 0, 50);
            assertThat(CdrSearchSql.count(c, all.limitedTo(java.util.Set.of("support")))).isEqualTo(12);
            assertThat(CdrSearchSql.rows(c, all.limitedTo(java.util.Set.of("support")), NONE))
                    .extracting(CdrListing::queue).containsOnly("support");
            assertThat(CdrSearchSql.count(c, all.limitedTo(java.util.Set.of("support", "sales")))).isEqualTo(27);
            assertThat(CdrSearchSql.count(c, query(null, null, null, "sales", null, null, false, 0, 10)
                    .limitedTo(java.util.Set.of("support")))).isZero();
        }
    }

    @Test
    void badQueriesNameTheirParameter() {
        assertThatThrownBy(() -> new CdrQuery("demo", TO, FROM, null, null, null, null, null, null, true, 0, 10))
                .isInstanceOf(InvalidReportRequest.class).extracting(e -> ((InvalidReportRequest) e).parameter()).isEqualTo("to");
        assertThatThrownBy(() -> new CdrQuery("demo", FROM, TO, null, null, "MAYBE", null, null, null, true, 0, 10))
                .isInstanceOf(InvalidReportRequest.class).extracting(e -> ((InvalidReportRequest) e).parameter()).isEqualTo("disposition");
        assertThatThrownBy(() -> new CdrQuery("demo", FROM, TO, null, null, null, null, null, null, true, 0, 501))
                .isInstanceOf(InvalidReportRequest.class).extracting(e -> ((InvalidReportRequest) e).parameter()).isEqualTo("limit");
        assertThat(CdrSort.of("callerName")).contains(CdrSort.CALLER_NAME);
        assertThat(CdrSort.of("billsec")).contains(CdrSort.BILLSEC);
        assertThat(CdrSort.of("id; drop table cdr_record")).isEmpty();
    }
}
