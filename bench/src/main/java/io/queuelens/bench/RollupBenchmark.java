package io.queuelens.bench;

import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.rollups.control.PeriodRollup;
import io.queuelens.rollups.control.Periods;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.rollups.entity.QueuePeriodTotals;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory part of the report bar ("a summary over 10M visits answers in &lt; 300 ms from
 * rollups"): 30 local days x 20 queues of 15-minute buckets (57,600 buckets, ~174 visits each, about
 * 10M visits) summed into report periods in Europe/Berlin and turned into figures. Loading the
 * buckets from the database is not measured here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RollupBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final LocalDate FIRST = LocalDate.of(2026, 4, 1); // April: 30 local days of 96 buckets
    private static final int DAYS = 30;
    private static final int QUEUES = 20;

    private final KpiSettings settings = KpiSettings.DEFAULTS;
    private List<QueueBucket> buckets;
    private Instant from;
    private Instant to;

    @Setup
    public void setUp() {
        from = FIRST.atStartOfDay(ZONE).toInstant();
        to = FIRST.plusDays(DAYS).atStartOfDay(ZONE).toInstant();
        Random r = new Random(42);
        buckets = new ArrayList<>();
        for (Instant b = from; b.isBefore(to); b = b.plus(Buckets.WIDTH)) {
            for (int q = 0; q < QUEUES; q++) {
                buckets.add(new QueueBucket("bench", "queue-" + q, b, settings, randomTotals(r)));
            }
        }
        if (buckets.size() != DAYS * 96 * QUEUES) {
            throw new IllegalStateException("expected 57,600 buckets, built " + buckets.size());
        }
    }

    /** Plausible totals of ~174 visits (consistent: offered = answered + unanswered + open). */
    private static QueueTotals randomTotals(Random r) {
        long answered = 120 + r.nextInt(40);
        long abandoned = r.nextInt(20);
        long shortAbandoned = r.nextInt(6);
        long timeout = r.nextInt(4);
        long exitKey = r.nextInt(3);
        long exitEmpty = r.nextInt(2);
        long withdrawn = r.nextInt(2);
        long lost = r.nextInt(2);
        long open = r.nextInt(2);
        long offered = answered + abandoned + shortAbandoned + timeout + exitKey + exitEmpty + withdrawn + lost + open;
        long talk = answered * (150 + r.nextInt(200));
        return new QueueTotals(offered, open, answered, abandoned, shortAbandoned, timeout, exitKey, exitEmpty,
                withdrawn, lost, answered * (60 + r.nextInt(35)) / 100, answered / 10, answered / 8,
                offered - r.nextInt(10), 0, answered * (5 + r.nextInt(30)), abandoned * (20 + r.nextInt(60)),
                talk, answered * r.nextInt(20), answered * r.nextInt(40), 200 + r.nextInt(600), 1);
    }

    /** Daily figures per queue: 20 queues x 30 days. */
    @Benchmark
    public List<QueueFigures> dailyPerQueue() {
        Periods days = Periods.of(from, to, ZONE, PeriodUnit.P1D);
        List<QueueFigures> out = new ArrayList<>(QUEUES * DAYS);
        for (Map.Entry<String, List<QueuePeriodTotals>> q : PeriodRollup.sumByQueue(days, buckets).entrySet()) {
            for (QueuePeriodTotals p : q.getValue()) {
                out.add(KpiCalculator.queueFigures(p.totals(), settings));
            }
        }
        return out;
    }

    /** 15-minute figures over all queues: 2,880 periods. */
    @Benchmark
    public List<QueueFigures> quarterHoursAllQueues() {
        Periods quarters = Periods.of(from, to, ZONE, PeriodUnit.PT15M);
        List<QueueFigures> out = new ArrayList<>(quarters.size());
        for (QueuePeriodTotals p : PeriodRollup.sumQueues(quarters, buckets)) {
            out.add(KpiCalculator.queueFigures(p.totals(), settings));
        }
        return out;
    }

    /** The month's summary line over all queues (the "10M visits" summary). */
    @Benchmark
    public QueueFigures monthSummary() {
        Periods month = Periods.of(from, to, ZONE, PeriodUnit.P1M);
        return KpiCalculator.queueFigures(PeriodRollup.total(PeriodRollup.sumQueues(month, buckets)), settings);
    }
}
