package io.queuelens.rollups.control;

import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.reports.control.AgentRollupReader;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.QuietQuarters;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agent buckets written and read back on both databases: quiet quarter hours as a day's bits, the rest as rows, in
 * the reader's order; a replaced range clears both kinds and keeps what lies outside it.
 */
class AgentRollupStoreTest {

    private static final String T = "t1";
    private static final AgentTotals BUSY = new AgentTotals(900_000, Map.of("Lunch", 60_000L), 120_000, 0, 0, 1, 0);

    private final AgentRollupStore store = new AgentRollupStore();
    private final AgentRollupReader reader = new AgentRollupReader();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void quietBucketsAreBitsOfTheirDayAndReadBackInOrderWithTheRows(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            List<AgentBucket> written = new ArrayList<>();
            // two agents, 11:00 to 13:00 UTC across the day's two halves, and the next day's first quarter hour
            for (String agent : List.of("SIP/200", "SIP/100")) {
                for (Instant t = at("2026-03-29T11:00:00Z"); t.isBefore(at("2026-03-29T13:00:00Z")); t = t.plusSeconds(900)) {
                    boolean busy = agent.equals("SIP/100") && t.equals(at("2026-03-29T11:30:00Z"));
                    written.add(new AgentBucket(T, agent, t, busy ? BUSY : QuietQuarters.QUIET));
                }
            }
            written.add(new AgentBucket(T, "SIP/100", at("2026-03-30T00:00:00Z"), QuietQuarters.QUIET));
            store.replace(c, T, List.of(range("SIP/100", "2026-03-29T11:00:00Z", "2026-03-30T00:15:00Z"),
                    range("SIP/200", "2026-03-29T11:00:00Z", "2026-03-29T13:00:00Z")), written);

            assertThat(count(c, "rollup_agent_15m")).as("only the busy bucket is a row").isEqualTo(1);
            assertThat(count(c, "rollup_agent_quiet")).as("three agent-days of bits").isEqualTo(3);
            List<AgentBucket> read = reader.read(c, T, at("2026-03-29T00:00:00Z"), at("2026-03-31T00:00:00Z"), List.of());
            assertThat(read).containsExactlyElementsOf(written.stream().sorted(java.util.Comparator.comparing(AgentBucket::start)
                    .thenComparing(AgentBucket::agent)).toList());
            assertThat(reader.read(c, T, at("2026-03-29T11:30:00Z"), at("2026-03-29T12:15:00Z"), List.of("SIP/200")))
                    .extracting(AgentBucket::start).containsExactly(at("2026-03-29T11:30:00Z"), at("2026-03-29T11:45:00Z"),
                            at("2026-03-29T12:00:00Z"));
            assertThat(reader.agentsInRange(c, T, at("2026-03-29T12:00:00Z"), at("2026-03-29T12:15:00Z")))
                    .containsExactly("SIP/100", "SIP/200");

            // recomputed 11:45-12:15 for SIP/100: a call at 12:00 (a bit becomes a row), 11:45 gone (logged out)
            store.replace(c, T, List.of(range("SIP/100", "2026-03-29T11:45:00Z", "2026-03-29T12:15:00Z")),
                    List.of(new AgentBucket(T, "SIP/100", at("2026-03-29T12:00:00Z"), BUSY)));
            List<AgentBucket> expected = new ArrayList<>(written);
            expected.removeIf(b -> b.agent().equals("SIP/100") && (b.start().equals(at("2026-03-29T11:45:00Z"))
                    || b.start().equals(at("2026-03-29T12:00:00Z"))));
            expected.add(new AgentBucket(T, "SIP/100", at("2026-03-29T12:00:00Z"), BUSY));
            assertThat(reader.read(c, T, at("2026-03-29T00:00:00Z"), at("2026-03-31T00:00:00Z"), List.of()))
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(count(c, "rollup_agent_15m")).isEqualTo(2);

            // the next day recomputed empty: its bits' row is deleted, not left with no bit
            store.replace(c, T, List.of(range("SIP/100", "2026-03-30T00:00:00Z", "2026-03-30T01:00:00Z")), List.of());
            assertThat(count(c, "rollup_agent_quiet")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aQuietRowWrittenBeforeTheBitsIsReadAndMovesToThemWhenItsRangeIsRecomputed(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO rollup_agent_15m (tenant_id, agent, bucket_start, logged_in_ms, paused_ms, talk_ms, "
                        + "hold_ms, acw_ms, answered, ring_no_answer, paused_ms_by_reason) VALUES "
                        + "('t1', 'SIP/100', '2026-03-29 08:00:00', 900000, 0, 0, 0, 0, 0, 0, '')");
            }
            AgentBucket quiet = new AgentBucket(T, "SIP/100", at("2026-03-29T08:00:00Z"), QuietQuarters.QUIET);
            assertThat(reader.read(c, T, at("2026-03-29T08:00:00Z"), at("2026-03-29T09:00:00Z"), List.of())).containsExactly(quiet);

            store.replace(c, T, List.of(range("SIP/100", "2026-03-29T08:00:00Z", "2026-03-29T09:00:00Z")), List.of(quiet));
            assertThat(count(c, "rollup_agent_15m")).isZero();
            assertThat(count(c, "rollup_agent_quiet")).isEqualTo(1);
            assertThat(reader.read(c, T, at("2026-03-29T08:00:00Z"), at("2026-03-29T09:00:00Z"), List.of())).containsExactly(quiet);
        }
    }

    private static AgentRollupStore.Range range(String agent, String from, String to) {
        return new AgentRollupStore.Range(agent, at(from), at(to));
    }

    private static Instant at(String t) {
        return Instant.parse(t);
    }

    private static long count(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
