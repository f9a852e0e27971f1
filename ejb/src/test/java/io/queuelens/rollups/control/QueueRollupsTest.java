package io.queuelens.rollups.control;

import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.rollups.entity.RatedVisit;
import org.junit.jupiter.api.Test;

import static io.queuelens.calls.entity.Outcome.LOST;
import static io.queuelens.calls.entity.Outcome.TIMEOUT;
import static io.queuelens.rollups.TestVisits.TENANT;
import static io.queuelens.rollups.TestVisits.answered;
import static io.queuelens.rollups.TestVisits.at;
import static io.queuelens.rollups.TestVisits.open;
import static io.queuelens.rollups.TestVisits.unanswered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueRollupsTest {

    private final QueueRollups rollups = new QueueRollups(KpiSettingsHistory.defaultsOnly());

    private QueueTotals bucket(String start) {
        return rollups.findBucket(TENANT, "q", at(start)).map(QueueBucket::totals).orElse(QueueTotals.ZERO);
    }

    @Test
    void anOpenVisitIsReplacedWhenItIsAnswered() {
        rollups.upsert(open("c1", 1, "q", "+1", "2026-03-10T09:14:59Z"));
        assertThat(bucket("2026-03-10T09:00:00Z").offered()).isEqualTo(1);
        assertThat(bucket("2026-03-10T09:00:00Z").open()).isEqualTo(1);
        rollups.upsert(answered("c1", 1, "q", "+1", "2026-03-10T09:14:59Z", 12, 60, 0, "A", false), 30);
        QueueTotals t = bucket("2026-03-10T09:00:00Z");
        assertThat(t.offered()).isEqualTo(1);
        assertThat(t.open()).isZero();
        assertThat(t.answered()).isEqualTo(1);
        assertThat(t.answeredInSla()).isEqualTo(1);
        assertThat(t.acw()).isEqualTo(30);
        assertThat(t.maxWait()).isEqualTo(12);
    }

    @Test
    void aRepeatLearntLaterUpdatesTheEarlierBucket() {
        rollups.upsert(answered("c1", 1, "q", "+1", "2026-03-10T09:00:00Z", 12, 60, 0, "A", false));
        assertThat(bucket("2026-03-10T09:00:00Z").repeat()).isZero();
        rollups.upsert(open("c2", 1, "q", "+1", "2026-03-10T17:00:00Z"));
        assertThat(bucket("2026-03-10T09:00:00Z").repeat()).isEqualTo(1);
        assertThat(rollups.findVisit(TENANT + "|demo|c1|1")).get().extracting(RatedVisit::repeat).isEqualTo(true);
    }

    @Test
    void removingTheMaxWaitHolderRecomputesTheMaximumFromTheBucketsVisits() {
        rollups.upsert(unanswered("c1", 1, "q", "+1", "2026-03-10T09:01:00Z", TIMEOUT, 40));
        rollups.upsert(unanswered("c2", 1, "q", "+2", "2026-03-10T09:02:00Z", LOST, 900)); // provisional close
        assertThat(bucket("2026-03-10T09:00:00Z").maxWait()).isEqualTo(900);
        QueueVisit corrected = answered("c2", 1, "q", "+2", "2026-03-10T09:02:00Z", 25, 60, 0, "A", false);
        rollups.upsert(corrected);
        QueueTotals t = bucket("2026-03-10T09:00:00Z");
        assertThat(t.maxWait()).isEqualTo(40);
        assertThat(t.maxWaitExact()).isTrue();
        assertThat(t.lost()).isZero();
    }

    @Test
    void aBucketRefusesVisitsOfAnotherBucketAndSubtractingTooMuch() {
        QueueVisit v = answered("c1", 1, "q", "+1", "2026-03-10T09:00:00Z", 12, 60, 0, "A", false);
        QueueBucket b = QueueBucket.empty(TENANT, "q", at("2026-03-10T09:15:00Z"), KpiSettings.DEFAULTS);
        assertThatThrownBy(() -> b.add(RatedVisit.of(v))).hasMessageContaining("does not belong to bucket");
        QueueBucket right = QueueBucket.emptyFor(RatedVisit.of(v), KpiSettings.DEFAULTS);
        assertThatThrownBy(() -> right.subtract(RatedVisit.of(v))).isInstanceOf(IllegalStateException.class);
        QueueBucket other = QueueBucket.emptyFor(RatedVisit.of(v), KpiSettings.builder().tenantVersion(2).build());
        assertThatThrownBy(() -> right.plus(other)).hasMessageContaining("rebuild it with one version");
        assertThatThrownBy(() -> QueueBucket.empty(TENANT, "q", at("2026-03-10T09:07:00Z"), KpiSettings.DEFAULTS))
                .hasMessageContaining("15-minute UTC grid");
    }
}
