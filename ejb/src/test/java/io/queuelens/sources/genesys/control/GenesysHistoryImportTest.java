package io.queuelens.sources.genesys.control;

import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.sources.genesys.entity.GenesysRegion;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A day of details into facts and rollups on H2: twice gives the same rows; late endings are picked up by the overlap. */
class GenesysHistoryImportTest {

    static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

    GenesysStandIn org;
    TestDatabases.Db db;

    @BeforeEach
    void start() throws Exception {
        org = new GenesysStandIn("client-1", "s3cret");
        db = TestDatabases.open("h2");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into tenant (id, name, time_zone, locale, currency, created_at) values "
                    + "('t1', 'T', 'UTC', 'en', 'EUR', '2026-01-01 00:00:00')");
        }
    }

    @AfterEach
    void stop() {
        org.close();
        db.close();
    }

    GenesysHistoryImport importer(GenesysApi api) {
        return new GenesysHistoryImport(api, db.dataSource(), "t1", "gc1",
                new QueueRollupRefresher("t1", KpiSettingsHistory.defaultsOnly()), Duration.ofHours(6), 3);
    }

    GenesysApi api() {
        return new GenesysApi("t1", "gc1", GenesysRegion.of(null, org.baseUrl()), "client-1", "s3cret",
                GenesysApi.newHttpClient(Duration.ofSeconds(5)), GenesysApi.Settings.defaults(1000));
    }

    /** 8 answered (2 of them transferred to q2 and answered there) and 4 abandoned calls across the day. */
    void aDay() {
        for (int i = 0; i < 12; i++) {
            Instant t = DAY.plus(Duration.ofMinutes(37L + i * 113L));
            GenesysConversations c = GenesysConversations.call("conv-" + i, t, "+49171000" + i);
            if (i % 3 == 2) {
                c.queue("q1", t.plusSeconds(2), t.plusSeconds(40), "peer");
            } else if (i % 4 == 0) {
                c.queue("q1", t.plusSeconds(2), t.plusSeconds(22), "transfer")
                        .agent("u1", "q1", t.plusSeconds(18), t.plusSeconds(22), t.plusSeconds(82), 0, 10, "transfer")
                        .queue("q2", t.plusSeconds(83), t.plusSeconds(93), "transfer")
                        .agent("u2", "q2", t.plusSeconds(90), t.plusSeconds(93), t.plusSeconds(153), 0, 0, "peer");
            } else {
                c.queue("q1", t.plusSeconds(2), t.plusSeconds(12), "transfer")
                        .agent("u2", "q1", t.plusSeconds(10), t.plusSeconds(12), t.plusSeconds(192), 30, 20, "client");
            }
            org.conversation(c.build());
        }
    }

    List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void a_day_read_twice_gives_the_same_facts_and_rollups() throws Exception {
        aDay();
        GenesysHistoryImport history = importer(api());
        GenesysHistoryImport.Result first = history.read(DAY, DAY.plus(Duration.ofDays(1)));
        assertThat(first.conversations()).isEqualTo(12);
        assertThat(first.visits()).isEqualTo(14);
        String visits = "select call_id, visit_seq, queue, outcome, wait_s, talk_s, hold_s, agent, transferred, transfer_target "
                + "from queue_visit order by call_id, visit_seq";
        String rollups = "select queue, sum(offered), sum(answered), sum(abandoned), sum(transferred), sum(talk), sum(hold) "
                + "from rollup_queue_15m where tenant_id = 't1' group by queue order by queue";
        List<String> factsOnce = rows(visits);
        List<String> rollupsOnce = rows(rollups);
        List<String> pausesOnce = rows("select agent, queue, reason, start_at, end_at from agent_pause order by start_at");
        assertThat(factsOnce).hasSize(14);
        // q1: 12 offered, 8 answered (2 transferred on to q2), 4 abandoned; talk 6 x 150 + 2 x 60, hold 6 x 30; q2: 2 x 60
        assertThat(rollupsOnce).containsExactly("q1|12|8|4|2|1020|180|", "q2|2|2|0|0|120|0|");
        assertThat(pausesOnce).hasSize(8);

        org.faultsAfter(2).tooManyRequests(2, "0"); // a 429 storm in the middle loses nothing
        GenesysHistoryImport.Result second = importer(api()).read(DAY, DAY.plus(Duration.ofDays(1)));
        assertThat(second.visits()).isEqualTo(14);
        assertThat(rows(visits)).isEqualTo(factsOnce);
        assertThat(rows(rollups)).isEqualTo(rollupsOnce);
        assertThat(rows("select agent, queue, reason, start_at, end_at from agent_pause order by start_at")).isEqualTo(pausesOnce);
        assertThat(org.requests()).anyMatch(r -> r.endsWith(" 429"));
        assertThat(history.checkpoint()).contains(DAY.plus(Duration.ofDays(1)));
    }

    @Test
    void the_overlap_reads_a_conversation_again_once_it_has_finished() throws Exception {
        Instant t = DAY.plus(Duration.ofHours(10));
        org.conversation(GenesysConversations.call("late", t, "+4917100099").queue("q1", t, null, null).build());
        GenesysHistoryImport history = importer(api());
        history.read(DAY, t.plusSeconds(60));
        assertThat(rows("select outcome from queue_visit")).containsExactly("OPEN|");

        // the call is answered later; the stand-in now gives it finished
        GenesysStandIn finished = org;
        finished.conversationsClear();
        finished.conversation(GenesysConversations.call("late", t, "+4917100099").queue("q1", t, t.plusSeconds(30), "transfer")
                .agent("u1", "q1", t.plusSeconds(25), t.plusSeconds(30), t.plusSeconds(300), 0, 0, "peer").build());
        GenesysHistoryImport.Result r = history.incremental(t.plus(Duration.ofMinutes(30)), Duration.ofHours(2), Duration.ofDays(1));
        assertThat(r.from()).isEqualTo(t.plusSeconds(60).minus(Duration.ofHours(2)));
        assertThat(rows("select outcome, wait_s, talk_s, agent from queue_visit")).containsExactly("ANSWERED|30|270|u1|");
        assertThat(history.checkpoint()).contains(t.plus(Duration.ofMinutes(30)));
    }

    static jakarta.json.JsonObject aggregate(String queue, long offered, long answered) {
        return jakarta.json.Json.createObjectBuilder()
                .add("group", jakarta.json.Json.createObjectBuilder().add("queueId", queue).add("mediaType", "voice"))
                .add("data", jakarta.json.Json.createArrayBuilder().add(jakarta.json.Json.createObjectBuilder()
                        .add("interval", "2026-03-02T09:00:00.000Z/2026-03-02T09:30:00.000Z")
                        .add("metrics", jakarta.json.Json.createArrayBuilder()
                                .add(jakarta.json.Json.createObjectBuilder().add("metric", "nOffered")
                                        .add("stats", jakarta.json.Json.createObjectBuilder().add("count", offered)))
                                .add(jakarta.json.Json.createObjectBuilder().add("metric", "tAnswered")
                                        .add("stats", jakarta.json.Json.createObjectBuilder().add("count", answered).add("sum", 1000))))))
                .build();
    }

    @Test
    void the_cross_check_shows_the_queues_whose_counts_differ() throws Exception {
        aDay();
        importer(api()).read(DAY, DAY.plus(Duration.ofDays(1)));
        org.aggregates(jakarta.json.Json.createArrayBuilder().add(aggregate("q1", 7, 5)).add(aggregate("q1", 5, 3))
                .add(aggregate("q2", 3, 2)).build()); // q1 in two half-hours: 12/8; q2: one more offered than imported
        java.util.List<io.queuelens.sources.genesys.entity.CrossCheckRow> rows = new GenesysCrossCheck(api(), db.dataSource(), "t1", "gc1")
                .check(java.time.LocalDate.of(2026, 3, 2), java.time.ZoneOffset.UTC);
        assertThat(rows).extracting(r -> r.queue() + ":" + r.offeredGenesys() + "/" + r.answeredGenesys() + " vs "
                + r.offeredFacts() + "/" + r.answeredFacts() + (r.mismatch() ? " MISMATCH" : ""))
                .containsExactly("q1:12/8 vs 12/8", "q2:3/2 vs 2/2 MISMATCH");
        assertThat(GenesysCrossCheck.stored(db.dataSource(), "t1", java.time.LocalDate.of(2026, 3, 1), java.time.LocalDate.of(2026, 3, 2)))
                .hasSize(2).filteredOn(r -> r.mismatch()).extracting(r -> r.queue()).containsExactly("q2");
        assertThat(GenesysCrossCheck.stored(db.dataSource(), "t2", java.time.LocalDate.of(2026, 3, 1), java.time.LocalDate.of(2026, 3, 2))).isEmpty();
    }
}
