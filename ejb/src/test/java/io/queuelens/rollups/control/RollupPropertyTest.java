package io.queuelens.rollups.control;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueSettingsOverride;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.kpi.entity.SlaMode;
import io.queuelens.rollups.NaiveFigures;
import io.queuelens.rollups.RandomVisits;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.rollups.entity.QueuePeriodTotals;
import io.queuelens.rollups.entity.RatedVisit;
import io.queuelens.rollups.entity.ReportPeriod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties over hundreds of seeded random visit sets: the incremental bucket pipeline summed into
 * any period split in any zone gives exactly the figures computed straight from the visits; buckets
 * form a commutative monoid with exact inverse for add/subtract.
 */
class RollupPropertyTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("Pacific/Chatham"), ZoneId.of("America/New_York"));
    /** Spans Berlin's and New York's autumn changes. */
    private static final Instant BASE = Instant.parse("2026-10-22T00:00:00Z");

    @Test
    void bucketsSummedIntoAnyPeriodsEqualFiguresComputedFromTheVisits() {
        for (int seed = 1; seed <= 300; seed++) {
            Random r = new Random(seed);
            KpiSettingsHistory history = history(r);
            Function<QueueVisit, KpiSettings> bucketSettings =
                    v -> history.getEffective(v.queue(), Buckets.floor(v.enteredAt()));
            List<QueueVisit> visits = RandomVisits.generate(r, 10 + r.nextInt(80), BASE, 6);
            Map<String, Integer> acw = new HashMap<>();
            visits.stream().filter(QueueVisit::answered).forEach(v -> acw.put(v.naturalKey(), r.nextInt(4) == 0 ? 0 : r.nextInt(120)));

            QueueRollups rollups = new QueueRollups(history);
            replayOutOfOrder(r, visits, acw, rollups);

            ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
            PeriodUnit unit = PeriodUnit.values()[r.nextInt(PeriodUnit.values().length)];
            Instant from = BASE.minus(Duration.ofDays(1)).plus(Buckets.WIDTH.multipliedBy(r.nextInt(96)));
            Instant to = BASE.plus(Duration.ofDays(8)).plus(Buckets.WIDTH.multipliedBy(r.nextInt(96)));
            Periods periods = Periods.of(from, to, zone, unit);
            SlaMode mode = r.nextBoolean() ? SlaMode.OFFERED : SlaMode.ANSWERED;
            KpiSettings report = KpiSettings.builder().slaMode(mode).build();
            Set<String> repeats = NaiveFigures.repeats(visits, bucketSettings);
            String context = "seed " + seed + " " + zone + " " + unit + " " + mode;

            assertThat(rollups.buckets()).as(context).allMatch(QueueBucket::maxWaitExact);
            List<QueuePeriodTotals> all = PeriodRollup.sumQueues(periods, rollups.buckets());
            assertThat(all).hasSize(periods.size());
            for (QueuePeriodTotals p : all) {
                List<QueueVisit> inPeriod = visits.stream().filter(v -> p.period().contains(Buckets.floor(v.enteredAt()))).toList();
                assertThat(KpiCalculator.queueFigures(p.totals(), report)).as(context + " " + p.period())
                        .isEqualTo(NaiveFigures.of(inPeriod, acw, repeats, bucketSettings, mode));
            }
            Map<String, List<QueuePeriodTotals>> byQueue = PeriodRollup.sumByQueue(periods, rollups.buckets());
            for (var e : byQueue.entrySet()) {
                for (QueuePeriodTotals p : e.getValue()) {
                    List<QueueVisit> inPeriod = visits.stream().filter(v -> v.queue().equals(e.getKey())
                            && p.period().contains(Buckets.floor(v.enteredAt()))).toList();
                    assertThat(KpiCalculator.queueFigures(p.totals(), report)).as(context + " " + e.getKey() + " " + p.period())
                            .isEqualTo(NaiveFigures.of(inPeriod, acw, repeats, bucketSettings, mode));
                }
            }
            // over the whole range, uniqueCalls is exactly the number of distinct callids
            assertThat(PeriodRollup.total(all).firstVisits())
                    .isEqualTo(visits.stream().map(QueueVisit::callId).distinct().count());
        }
    }

    /**
     * Feeds the pipeline the way ingestion does: visits in random order (so later calls often arrive
     * before the earlier answered visit they make a repeat), some first as OPEN, some answered
     * visits first without ACW and given it later, some closed as LOST first (with a longer wait that
     * then leaves the bucket, so its maxWait must be recomputed).
     */
    private static void replayOutOfOrder(Random r, List<QueueVisit> visits, Map<String, Integer> acw, QueueRollups rollups) {
        Map<String, Deque<Runnable>> steps = new HashMap<>();
        List<String> tokens = new ArrayList<>();
        for (QueueVisit v : visits) {
            Deque<Runnable> s = new ArrayDeque<>();
            if (r.nextInt(3) == 0) {
                s.add(() -> rollups.upsert(RandomVisits.asOpen(v)));
            }
            if (r.nextInt(5) == 0) {
                int extra = 1 + r.nextInt(600); // provisional LOST close, often the bucket's max, then corrected
                s.add(() -> rollups.upsert(RandomVisits.asLost(v, extra)));
            }
            int a = acw.getOrDefault(v.naturalKey(), 0);
            if (a > 0 && r.nextBoolean()) {
                s.add(() -> rollups.upsert(v, 0));
                s.add(() -> rollups.setAcwSeconds(v.naturalKey(), a));
            } else {
                s.add(() -> rollups.upsert(v, a));
            }
            if (r.nextInt(6) == 0) {
                s.add(() -> rollups.upsert(v)); // a re-import of the same line changes nothing
            }
            steps.put(v.naturalKey(), s);
            s.forEach(x -> tokens.add(v.naturalKey()));
        }
        Collections.shuffle(tokens, r);
        tokens.forEach(t -> steps.get(t).poll().run());
    }

    private static KpiSettingsHistory history(Random r) {
        KpiSettings t1 = KpiSettings.builder().tenantVersion(1).slaSeconds(10 + r.nextInt(30))
                .shortAbandonSeconds(r.nextInt(10)).shortCallSeconds(r.nextInt(2) * 30)
                .repeatWindowHours(r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(48)).build();
        KpiSettings t2 = t1.toBuilder().tenantVersion(2).slaSeconds(30).shortAbandonSeconds(8)
                .effectiveFrom(BASE.plus(Duration.ofDays(3)).plus(Buckets.WIDTH.multipliedBy(r.nextInt(96)))).build();
        QueueSettingsOverride q1 = new QueueSettingsOverride("q1", 1, Instant.EPOCH, 15, 2, null, null, 3, null);
        return new KpiSettingsHistory(List.of(t1, t2), List.of(q1));
    }

    @Test
    void addThenSubtractGivesTheEmptyBucketInAnyOrder() {
        for (int seed = 1; seed <= 300; seed++) {
            Random r = new Random(seed);
            List<RatedVisit> visits = oneBucket(r);
            QueueBucket empty = QueueBucket.emptyFor(visits.get(0), KpiSettings.DEFAULTS);
            QueueBucket b = empty;
            for (RatedVisit v : visits) {
                b = b.add(v);
            }
            assertThat(b.totals().offered()).isEqualTo(visits.size());
            List<RatedVisit> shuffled = new ArrayList<>(visits);
            Collections.shuffle(shuffled, r);
            for (RatedVisit v : shuffled) {
                b = b.subtract(v);
            }
            assertThat(b).as("seed " + seed).isEqualTo(empty);
            assertThat(b.isEmpty()).isTrue();
        }
    }

    @Test
    void mergeOrderAndGroupingDoNotMatter() {
        for (int seed = 1; seed <= 300; seed++) {
            Random r = new Random(seed);
            List<RatedVisit> visits = oneBucket(r);
            QueueBucket empty = QueueBucket.emptyFor(visits.get(0), KpiSettings.DEFAULTS);
            QueueBucket sequential = empty;
            for (RatedVisit v : visits) {
                sequential = sequential.add(v);
            }
            // split into random parts, build each, merge them in a random order and a random tree shape
            List<QueueBucket> parts = new ArrayList<>();
            int k = 1 + r.nextInt(5);
            for (int i = 0; i < k; i++) {
                parts.add(empty);
            }
            for (RatedVisit v : visits) {
                int i = r.nextInt(k);
                parts.set(i, parts.get(i).add(v));
            }
            while (parts.size() > 1) {
                Collections.shuffle(parts, r);
                QueueBucket a = parts.remove(parts.size() - 1);
                QueueBucket b = parts.remove(parts.size() - 1);
                parts.add(a.plus(b));
            }
            assertThat(parts.get(0)).as("seed " + seed).isEqualTo(sequential);
            // and totals are associative and commutative with ZERO as identity
            QueueTotals x = parts.get(0).totals();
            QueueTotals y = empty.add(visits.get(0)).totals();
            QueueTotals z = empty.add(visits.get(visits.size() - 1)).totals();
            assertThat(x.plus(y).plus(z)).isEqualTo(x.plus(y.plus(z))).isEqualTo(z.plus(x).plus(y));
            assertThat(x.plus(QueueTotals.ZERO)).isEqualTo(x);
        }
    }

    @Test
    void removingAVisitBelowTheMaximumRestoresTheBucketExactly() {
        for (int seed = 1; seed <= 300; seed++) {
            Random r = new Random(seed);
            List<RatedVisit> visits = oneBucket(r);
            QueueBucket b = QueueBucket.emptyFor(visits.get(0), KpiSettings.DEFAULTS);
            for (RatedVisit v : visits.subList(1, visits.size())) {
                b = b.add(v);
            }
            RatedVisit extra = visits.get(0);
            QueueBucket roundTrip = b.add(extra).subtract(extra);
            if (extra.visit().waitSeconds() <= b.totals().maxWait() || extra.visit().outcome() == Outcome.OPEN) {
                assertThat(roundTrip).as("seed " + seed).isEqualTo(b);
            } else {
                // the removed visit held the maximum alone: only an upper bound is left, flagged
                assertThat(roundTrip.maxWaitExact()).as("seed " + seed).isEqualTo(b.totals().ended() == 0);
                assertThat(roundTrip.withMaxWait(b.totals().maxWait(), b.totals().maxWaitHolders())).isEqualTo(b);
            }
        }
    }

    /** 1..40 visits entering one queue within one 15-minute bucket. */
    private static List<RatedVisit> oneBucket(Random r) {
        Instant bucket = BASE.plus(Buckets.WIDTH.multipliedBy(r.nextInt(500)));
        List<RatedVisit> out = new ArrayList<>();
        for (QueueVisit v : RandomVisits.generate(r, 1 + r.nextInt(40), bucket, 1)) {
            QueueVisit inBucket = RandomVisits.visit(v.callId(), v.visitSeq(), "q0", v.callerNumber(),
                    bucket.plusSeconds(r.nextInt(900)), v.outcome(), v.waitSeconds(), v.talkSeconds(), v.holdSeconds(),
                    v.transferred(), v.agent(), r);
            out.add(new RatedVisit(inBucket, inBucket.answered() ? r.nextInt(100) : 0, r.nextBoolean()));
        }
        return out;
    }

    @Test
    void periodTotalsKeepEverySettingsVersionTheyWereCountedWith() {
        Random r = new Random(7);
        KpiSettingsHistory history = history(r);
        QueueRollups rollups = new QueueRollups(history);
        RandomVisits.generate(r, 400, BASE, 6).forEach(rollups::upsert);
        Periods week = Periods.of(BASE, BASE.plus(Duration.ofDays(7)), ZoneId.of("UTC"), PeriodUnit.P1W);
        Set<String> versions = new TreeSet<>();
        PeriodRollup.sumQueues(week, rollups.buckets()).forEach(p -> versions.addAll(p.settingsVersions()));
        assertThat(versions).containsExactly("t1", "t1/q1", "t2", "t2/q1");
        for (ReportPeriod p : week.list()) {
            assertThat(p.bucketCount()).isPositive();
        }
    }
}
