package io.queuelens.rollups.control;

import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.rollups.TestVisits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.queuelens.calls.entity.Outcome.ABANDONED;
import static io.queuelens.calls.entity.Outcome.TIMEOUT;
import static io.queuelens.rollups.TestVisits.answered;
import static io.queuelens.rollups.TestVisits.open;
import static io.queuelens.rollups.TestVisits.unanswered;
import static org.assertj.core.api.Assertions.assertThat;

class RepeatDetectorTest {

    private final RepeatDetector detector = new RepeatDetector(v -> KpiSettings.DEFAULTS);

    @Test
    void theLaterCallFlagsTheEarlierAnsweredVisit() {
        QueueVisit first = answered("c1", 1, "support", "+49 30 1234", "2026-03-10T09:00:00Z", 10, 100, 0, "A1", false);
        assertThat(detector.record(first)).isEmpty();
        // the same number, written differently, 23 h later: within 24 h of the first call's end
        QueueVisit again = unanswered("c2", 1, "sales", "+49301234", "2026-03-11T08:00:00Z", ABANDONED, 20);
        assertThat(detector.record(again)).containsExactly(new RepeatDetector.Change(first, true));
        assertThat(detector.isRepeat(first.naturalKey())).isTrue();
        assertThat(detector.isRepeat(again.naturalKey())).isFalse();
    }

    @Test
    void theWindowCountsFromTheEndOfTheAnsweredVisit() {
        QueueVisit first = answered("c1", 1, "q", "+1", "2026-03-10T09:00:00Z", 0, 600, 0, "A1", false); // ends 09:10
        detector.record(first);
        assertThat(detector.record(open("c2", 1, "q", "+1", "2026-03-11T09:10:01Z"))).isEmpty(); // 1 s too late
        assertThat(detector.record(open("c3", 1, "q", "+1", "2026-03-11T09:10:00Z"))).hasSize(1);
    }

    @Test
    void overflowsAndTransfersOfTheSameCallAreNotRepeats() {
        QueueVisit a = unanswered("c1", 1, "support", "+1", "2026-03-10T09:00:00Z", TIMEOUT, 60);
        QueueVisit b = answered("c1", 2, "sales", "+1", "2026-03-10T09:01:00Z", 5, 60, 0, "B1", true);
        detector.record(a);
        detector.record(b);
        assertThat(detector.isRepeat(b.naturalKey())).isFalse();
    }

    @Test
    void anonymousCallersNeverRepeatAndOrderDoesNotMatter() {
        for (String anon : new String[]{null, "anonymous", "Restricted", " "}) {
            RepeatDetector d = new RepeatDetector(v -> KpiSettings.DEFAULTS);
            d.record(answered("a1", 1, "q", anon, "2026-03-10T09:00:00Z", 1, 10, 0, "A", false));
            assertThat(d.record(answered("a2", 1, "q", anon, "2026-03-10T10:00:00Z", 1, 10, 0, "A", false))).isEmpty();
        }
        // the later call imported first: flagging happens when the earlier answered visit arrives
        QueueVisit later = open("c2", 1, "q", "+2", "2026-03-10T12:00:00Z");
        QueueVisit earlier = answered("c1", 1, "q", "+2", "2026-03-10T11:00:00Z", 1, 10, 0, "A", false);
        detector.record(later);
        assertThat(detector.record(earlier)).containsExactly(new RepeatDetector.Change(earlier, true));
    }

    @Test
    void aFlagCanBeWithdrawnWhenTheEarlierVisitChanges() {
        QueueVisit earlier = answered("c1", 1, "q", "+3", "2026-03-10T11:00:00Z", 1, 10, 0, "A", false);
        detector.record(earlier);
        detector.record(open("c2", 1, "q", "+3", "2026-03-10T12:00:00Z"));
        assertThat(detector.isRepeat(earlier.naturalKey())).isTrue();
        // a correction: the earlier visit was in fact abandoned, and only answered visits are repeats
        QueueVisit corrected = unanswered("c1", 1, "q", "+3", "2026-03-10T11:00:00Z", ABANDONED, 30);
        assertThat(detector.record(corrected)).containsExactly(new RepeatDetector.Change(corrected, false));
        assertThat(RepeatDetector.repeatsAmong(List.of(earlier, open("c2", 1, "q", "+3", "2026-03-10T12:00:00Z")),
                v -> KpiSettings.builder().repeatWindowHours(0).build())).isEmpty();
    }

    @Test
    void aCallersKeyIsTheNumberWithoutFormattingAndNoneForAnonymousCallers() {
        assertThat(RepeatDetector.callerKey(open("c", 1, "q", "+49301234", "2026-03-10T09:00:00Z")))
                .isEqualTo(TestVisits.TENANT + "|+49301234");
        assertThat(RepeatDetector.callerKey(open("c", 1, "q", "+49 (30) 12-34.", "2026-03-10T09:00:00Z")))
                .isEqualTo(TestVisits.TENANT + "|+49301234");
        assertThat(RepeatDetector.callerKey(open("c", 1, "q", "5551234", "2026-03-10T09:00:00Z")))
                .isEqualTo(TestVisits.TENANT + "|5551234");
        assertThat(RepeatDetector.callerKey(open("c", 1, "q", "+", "2026-03-10T09:00:00Z")))
                .isEqualTo(TestVisits.TENANT + "|+");
        assertThat(RepeatDetector.callerKey(open("c", 1, "q", "12a3", "2026-03-10T09:00:00Z")))
                .isEqualTo(TestVisits.TENANT + "|12a3");
        for (String anonymous : new String[]{"", " ", "Anonymous", "<unknown>", "WITHHELD", " private "}) {
            assertThat(RepeatDetector.callerKey(open("c", 1, "q", anonymous, "2026-03-10T09:00:00Z"))).isNull();
        }
    }
}
