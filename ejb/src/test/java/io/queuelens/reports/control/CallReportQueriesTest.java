package io.queuelens.reports.control;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.reports.entity.AbandonedCall;
import io.queuelens.reports.entity.AgentAnswered;
import io.queuelens.reports.entity.WaitBand;
import io.queuelens.reports.entity.WaitBuckets;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The visit-level report queries on H2 and MariaDB against hand-computed expectations (CallReportFixtures). */
class CallReportQueriesTest {

    private static final Instant FROM = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-21T00:00:00Z");

    private static VisitScope scope(List<String> queues, List<String> agents) {
        return new VisitScope("acme", FROM, TO, queues, agents);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void answerWaitsFallIntoTheirBandsWithLowerEdgesInclusive(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = open(db)) {
            WaitBuckets buckets = WaitBuckets.parse(null, "buckets");
            // answered waits in range: 0, 9, 10, 25, 60, 301 (sales) and 15 (support)
            assertThat(WaitDistribution.count(c, scope(List.of(), List.of()), Set.of(Outcome.ANSWERED), buckets))
                    .extracting(WaitBand::count).containsExactly(2L, 2L, 1L, 0L, 1L, 0L, 1L);
            assertThat(WaitDistribution.count(c, scope(List.of("sales"), List.of()), Set.of(Outcome.ANSWERED), buckets))
                    .extracting(WaitBand::count).containsExactly(2L, 1L, 1L, 0L, 1L, 0L, 1L);
            assertThat(WaitDistribution.count(c, scope(List.of(), List.of("Agent/2")), Set.of(Outcome.ANSWERED), buckets))
                    .extracting(WaitBand::count).containsExactly(0L, 0L, 1L, 0L, 1L, 0L, 1L);
            List<WaitBand> bands = WaitDistribution.count(c, scope(List.of(), List.of()), Set.of(Outcome.ANSWERED), buckets);
            assertThat(bands.get(0).label()).isEqualTo("0–10 s");
            assertThat(bands.get(6).label()).isEqualTo("300+ s");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void abandonWaitsIncludeShortAbandonsAndAMissingZeroEdgeIsAdded(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = open(db)) {
            WaitBuckets buckets = WaitBuckets.parse("10, 60", "buckets");
            assertThat(buckets.edges()).containsExactly(0, 10, 60);
            // abandoned waits in range: 2, 40, 119 (the other tenant's 3 and the 5 before from are not counted)
            assertThat(WaitDistribution.count(c, scope(List.of(), List.of()), Set.of(Outcome.ABANDONED), buckets))
                    .extracting(WaitBand::count).containsExactly(1L, 1L, 1L);
            // nothing matches: every band 0 (SUM over no rows is NULL in SQL)
            assertThat(WaitDistribution.count(c, new VisitScope("nobody", FROM, TO, List.of(), List.of()),
                    Set.of(Outcome.ABANDONED), buckets)).extracting(WaitBand::count).containsExactly(0L, 0L, 0L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void agentsGetCountAsaTalkAndAhtWithTheirAfterCallWork(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = open(db)) {
            List<AgentAnswered> agents = AgentAnswers.byAgent(c, scope(List.of(), List.of()), KpiSettings.DEFAULTS);
            assertThat(agents).extracting(AgentAnswered::agent).containsExactly("Agent/1", "Agent/2");
            AgentAnswered one = agents.get(0);
            // waits 0+9+10+15 = 34 over 4; talk 100+200+300+60 = 660; hold 10; ACW 30 (after a1)
            assertThat(one.figures().answered()).isEqualTo(4);
            assertThat(one.figures().asa()).isCloseTo(8.5, within(1e-9));
            assertThat(one.figures().avgTalk()).isCloseTo(165.0, within(1e-9));
            assertThat(one.figures().aht()).isCloseTo(175.0, within(1e-9));
            assertThat(one.figures().answeredInSla()).isEqualTo(4);
            AgentAnswered two = agents.get(1);
            assertThat(two.figures().answered()).isEqualTo(3);
            assertThat(two.figures().asa()).isCloseTo(386 / 3.0, within(1e-9));
            assertThat(two.figures().aht()).isCloseTo(50.0, within(1e-9));
            assertThat(two.figures().transferred()).isEqualTo(1);

            // support only: Agent/1's one call there, no ACW matched to it
            List<AgentAnswered> support = AgentAnswers.byAgent(c, scope(List.of("support"), List.of()), KpiSettings.DEFAULTS);
            assertThat(support).extracting(AgentAnswered::agent).containsExactly("Agent/1");
            assertThat(support.get(0).figures().aht()).isCloseTo(60.0, within(1e-9));
            assertThat(AgentAnswers.byAgent(c, scope(List.of(), List.of("Agent/2")), KpiSettings.DEFAULTS))
                    .extracting(AgentAnswered::agent).containsExactly("Agent/2");
            assertThat(AgentAnswers.names(c, scope(List.of(), List.of()))).containsExactly("Agent/1", "Agent/2");
            assertThat(AgentAnswers.names(c, scope(List.of("support"), List.of()))).containsExactly("Agent/1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void abandonedCallsArePagedNewestFirstAndKnowWhoWasReachedLater(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = open(db)) {
            VisitScope all = scope(List.of(), List.of());
            assertThat(AbandonedCalls.count(c, all)).isEqualTo(3);
            assertThat(AbandonedCalls.count(c, scope(List.of("sales"), List.of()))).isEqualTo(2);

            List<AbandonedCall> first = AbandonedCalls.page(c, all, 0, 2);
            assertThat(first).extracting(AbandonedCall::callId).containsExactly("b3", "b2");
            assertThat(first.get(0).callerNumber()).isNull();
            assertThat(first.get(0).reachedLater()).as("no number, never reached").isFalse();
            assertThat(first.get(1).reachedLater()).as("+222 was only answered before, and in another tenant").isFalse();
            assertThat(first.get(1).waitSeconds()).isEqualTo(40);
            assertThat(first.get(1).enteredAt()).isEqualTo(Instant.parse("2026-11-20T02:00:00Z"));

            List<AbandonedCall> second = AbandonedCalls.page(c, all, 2, 2);
            assertThat(second).extracting(AbandonedCall::callId).containsExactly("b1");
            assertThat(second.get(0).reachedLaterAt()).isEqualTo(Instant.parse("2026-11-20T05:00:09Z"));
            assertThat(AbandonedCalls.page(c, all, 4, 2)).isEmpty();
        }
    }

    private static Connection open(TestDatabases.Db db) throws Exception {
        CallReportFixtures.write(db.dataSource());
        return db.dataSource().getConnection();
    }
}
