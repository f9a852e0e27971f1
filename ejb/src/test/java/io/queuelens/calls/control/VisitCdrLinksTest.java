package io.queuelens.calls.control;

import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link between a visit and its CDRs when neither writer saw the other (both committed at once):
 * the sweep finds the unlinked CDR and links both sides; an agent leg's CDR reaches the caller's
 * visit through its linkedid; queue_log's own DID stays; running it again changes nothing.
 */
class VisitCdrLinksTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theSweepLinksARaceLostByBothWritersAndIsIdempotent(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate(visit("1000.1", 1, "sales", "NULL", "'EXITWITHTIMEOUT'", "NULL"));
                s.executeUpdate(visit("1000.1", 2, "support", "'Agent One'", "'ANSWERED'", "'+49999'"));
                s.executeUpdate(visit("2000.5", 1, "sales", "NULL", "'ABANDON'", "NULL"));
                // the agent leg's CDR: its own uniqueid, the caller's as linkedid, the recording on it
                s.executeUpdate(cdr("1000.2", "1000.1", "'ANSWERED'", "'q401-1000.1.wav'", "'+4930123'", "'Jane Doe'"));
                s.executeUpdate(cdr("2000.5", "2000.5", "'NO ANSWER'", "NULL", "'+4930124'", "NULL"));
                s.executeUpdate(cdr("3000.9", "3000.9", "'ANSWERED'", "NULL", "NULL", "NULL")); // an outbound call: no visit
            }
            Instant since = Instant.parse("2026-03-05T00:00:00Z");
            Set<String> unlinked = CdrStore.unlinkedCallIds(c, "demo", "pbx", since, since);
            assertThat(unlinked).containsExactlyInAnyOrder("1000.2", "1000.1", "2000.5", "3000.9");

            assertThat(VisitCdrLinks.link(c, "demo", "pbx", unlinked)).isEqualTo(3 + 2);
            assertThat(row(c, "select recording_file, did, caller_name from queue_visit where call_id = '1000.1' and visit_seq = 1"))
                    .isEqualTo("q401-1000.1.wav|+4930123|Jane Doe");
            assertThat(row(c, "select recording_file, did, caller_name from queue_visit where call_id = '1000.1' and visit_seq = 2"))
                    .as("queue_log's own DID stays").isEqualTo("q401-1000.1.wav|+49999|Jane Doe");
            assertThat(row(c, "select recording_file, did, caller_name from queue_visit where call_id = '2000.5'"))
                    .isEqualTo("null|+4930124|null");
            assertThat(row(c, "select visit_call_id, queue, agent from cdr_record where uniqueid = '1000.2'"))
                    .as("the queue and agent where the call was answered").isEqualTo("1000.1|support|Agent One");
            assertThat(row(c, "select visit_call_id, queue, agent from cdr_record where uniqueid = '2000.5'"))
                    .isEqualTo("2000.5|sales|null");
            assertThat(row(c, "select visit_call_id, queue, agent from cdr_record where uniqueid = '3000.9'"))
                    .isEqualTo("null|null|null");

            assertThat(VisitCdrLinks.link(c, "demo", "pbx", unlinked)).isZero();
            assertThat(CdrStore.unlinkedCallIds(c, "demo", "pbx", since, since)).containsExactly("3000.9");
            // another tenant's or source's rows are never touched
            assertThat(VisitCdrLinks.link(c, "other", "pbx", unlinked)).isZero();
            assertThat(VisitCdrLinks.link(c, "demo", "elsewhere", unlinked)).isZero();
        }
    }

    private static String visit(String callId, int seq, String queue, String agent, String outcome, String did) {
        return "insert into queue_visit (tenant_id, source_id, call_id, visit_seq, queue, did, entered_at, outcome, wait_s, "
                + "ring_s, talk_s, hold_s, agent, transferred, ring_no_answers) values ('demo', 'pbx', '" + callId + "', " + seq
                + ", '" + queue + "', " + did + ", '2026-03-05 10:00:0" + seq + "', " + outcome + ", 1, 0, 0, 0, " + agent
                + ", false, 0)";
    }

    private static String cdr(String uniqueid, String linkedid, String disposition, String recording, String did, String name) {
        return "insert into cdr_record (tenant_id, source_id, natural_key, calldate, calldate_local, clid, src, dst, did, "
                + "caller_name, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, accountcode, "
                + "userfield, uniqueid, linkedid, recording_file, ingested_at) values ('demo', 'pbx', '" + uniqueid + "#1', "
                + "'2026-03-05 10:00:00', '2026-03-05 11:00:00', '', '0301', '401', " + did + ", " + name + ", '', '', '', '', '', "
                + "10, 5, " + disposition + ", '', '', '" + uniqueid + "', '" + linkedid + "', " + recording
                + ", '2026-03-05 10:10:00')";
    }

    private static String row(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                sb.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            return sb.toString();
        }
    }
}
