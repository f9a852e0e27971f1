package io.queuelens.reports.boundary;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.ingest.control.FactCommitter;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.reports.entity.CallListRequest;
import io.queuelens.reports.entity.CallPage;
import io.queuelens.reports.entity.CallSort;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.rollups.RandomVisits;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The paged call list on both databases: filters, totals, and pages that neither repeat nor skip a visit. */
class CallListsTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final Instant BASE = Instant.parse("2026-11-20T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void pagesCoverEveryMatchingVisitOnceInAStableOrder(String kind) throws Exception {
        List<QueueVisit> visits = RandomVisits.generate(new Random(5), 300, BASE, 2).stream()
                .map(v -> new QueueVisit("acme", v.sourceId(), v.callId(), v.visitSeq(), v.queue(), v.callerNumber(),
                        v.callerName(), v.did(), v.enteredAt(), v.connectedAt(), v.endedAt(), v.outcome(), v.waitSeconds(),
                        v.ringSeconds(), v.talkSeconds(), v.holdSeconds(), v.agent(), v.transferred(), v.transferTarget(),
                        v.completedBy(), v.exitKey(), v.originalPosition(), v.ringNoAnswers(), v.nextQueue()))
                .toList();
        FactBatch batch = new FactBatch();
        visits.forEach(batch::visit);
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            new FactCommitter(db.dataSource(), "acme", "demo", "test",
                    new QueueRollupRefresher("acme", KpiSettingsHistory.defaultsOnly()))
                    .commit(batch, List.of(), new Checkpoint("1", AssemblerState.EMPTY), "test:");
            CallLists lists = new CallLists();
            lists.dataSource = db.dataSource();
            Instant from = BASE.plusSeconds(6 * 3600);
            Instant to = BASE.plusSeconds(40 * 3600);
            List<QueueVisit> expected = visits.stream()
                    .filter(v -> !v.enteredAt().isBefore(from) && v.enteredAt().isBefore(to)
                            && (v.queue().equals("q1") || v.queue().equals("q2")))
                    .toList();
            assertThat(expected).hasSizeGreaterThan(40);

            // sorted by wait (many ties): the tie-breakers keep pages disjoint
            List<QueueVisit> seen = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (int page = 0; ; page++) {
                CallPage p = lists.page(new CallListRequest("acme", from, to, UTC, List.of("q1", "q2"), List.of(),
                        Set.of(), null, page, 7, CallSort.WAIT, true));
                assertThat(p.total()).isEqualTo(expected.size());
                if (p.visits().isEmpty()) {
                    assertThat(page).isEqualTo(p.totalPages());
                    break;
                }
                p.visits().forEach(v -> assertThat(keys.add(v.naturalKey())).as("on two pages: " + v.naturalKey()).isTrue());
                seen.addAll(p.visits());
            }
            // compared by key: the MySQL driver drops the random visits' milliseconds on MariaDB (queue_log has none)
            assertThat(seen).extracting(QueueVisit::naturalKey)
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(QueueVisit::naturalKey).toList());

            // the export's stream (Connector/J row streaming on MariaDB) yields the pages' visits in the pages' order
            List<String> streamed = new ArrayList<>();
            lists.each(new CallListRequest("acme", from, to, UTC, List.of("q1", "q2"), List.of(), Set.of(), null, 0, 7,
                    CallSort.WAIT, true), v -> streamed.add(v.naturalKey()));
            assertThat(streamed).containsExactlyElementsOf(seen.stream().map(QueueVisit::naturalKey).toList());
            assertThat(seen).isSortedAccordingTo(Comparator.comparingInt(QueueVisit::waitSeconds).reversed());

            // filters
            CallPage answered = lists.page(new CallListRequest("acme", from, to, UTC, List.of(), List.of(),
                    Set.of(Outcome.ANSWERED), null, 0, 1000, CallSort.ENTERED_AT, false));
            assertThat(answered.visits()).allMatch(QueueVisit::answered)
                    .isSortedAccordingTo(Comparator.comparing(QueueVisit::enteredAt));
            assertThat(answered.total()).isEqualTo(visits.stream().filter(v -> v.answered()
                    && !v.enteredAt().isBefore(from) && v.enteredAt().isBefore(to)).count());
            QueueVisit someone = answered.visits().get(0);
            CallPage ofAgent = lists.page(new CallListRequest("acme", from, to, UTC, List.of(), List.of(someone.agent()),
                    Set.of(), someone.callerNumber(), 0, 50, CallSort.ENTERED_AT, false));
            assertThat(ofAgent.visits()).isNotEmpty().allMatch(v -> v.agent().equals(someone.agent())
                    && v.callerNumber().equals(someone.callerNumber()));
            CallPage otherTenant = lists.page(new CallListRequest("other", from, to, UTC, List.of(), List.of(),
                    Set.of(), null, 0, 50, CallSort.ENTERED_AT, false));
            assertThat(otherTenant.total()).isZero();
        }
    }

    @Test
    void badPagingIsRejectedByName() {
        assertThatThrownBy(() -> new CallListRequest("acme", BASE, BASE.plusSeconds(60), UTC, List.of(), List.of(),
                Set.of(), null, -1, 5000, CallSort.ENTERED_AT, true))
                .isInstanceOfSatisfying(InvalidReportRequest.class, e -> assertThat(e.problems())
                        .extracting(InvalidReportRequest.Problem::parameter).containsExactly("page", "size"));
        assertThatThrownBy(() -> new CallListRequest("acme", BASE, BASE, UTC, List.of(), List.of(),
                Set.of(), " ", 0, 10, null, true))
                .isInstanceOfSatisfying(InvalidReportRequest.class, e -> assertThat(e.problems())
                        .extracting(InvalidReportRequest.Problem::parameter).containsExactly("to", "caller", "sort"));
    }
}
