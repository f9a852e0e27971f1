package io.queuelens.bench;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.QueueLogParser;
import io.queuelens.calls.control.VisitAssembler;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.reports.boundary.SummaryReports;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.rollups.control.AfterCallWorkMatcher;
import io.queuelens.rollups.control.QueueRollupStore;
import io.queuelens.rollups.control.RepeatDetector;
import io.queuelens.rollups.entity.BucketKey;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.rollups.entity.RatedVisit;
import io.queuelens.sources.demo.control.ContactCenterSimulation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report bar (summary over 30 days x 20 queues, about 10 million visits, &lt; 300 ms from the
 * rollups on MariaDB). Data: one demo weekday is simulated ({@link ContactCenterSimulation}, parsed
 * and assembled into visits, ACW and repeats from the real matcher and detector), then copied onto
 * 30 consecutive local days and 20 queues (5 groups of the demo's 4 queues) until the month holds
 * {@code visits} visits; every copy goes through {@link QueueBucket#add} and the buckets are written
 * with {@link QueueRollupStore#upsert}. No facts are written: the report reads only the rollups.
 * The reports are then timed through {@link SummaryReports#summary} (QueueRollupReader streaming the
 * rows, SummaryAccumulator summing them) on a pooled connection: groupBy=queue, and groupBy=interval
 * with P1D and PT1H. Prints every report's median, min and max over the measured runs.
 * <p>
 * Usage: {@code SummaryLoad [visits=10000000] [runs=15] [warmup=5] [agents=800]}
 */
public final class SummaryLoad {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 4, 1);
    static final int DAYS = 30;
    static final int QUEUE_GROUPS = 5;
    static final String TENANT = "bench";

    public static void main(String[] args) throws Exception {
        long targetVisits = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int agents = args.length > 3 ? Integer.parseInt(args[3]) : 800;

        long t0 = System.nanoTime();
        List<RatedVisit> day = simulatedDay(agents);
        int copies = (int) Math.ceil((double) targetVisits / ((double) day.size() * DAYS));
        Map<BucketKey, QueueBucket> buckets = new HashMap<>();
        long visits = 0;
        Instant dayZero = FIRST_DAY.atStartOfDay(ZONE).toInstant();
        for (int d = 0; d < DAYS; d++) {
            // the same local time of day on each day (a DST change in the range would shift the UTC copy)
            Duration shift = Duration.between(dayZero, FIRST_DAY.plusDays(d).atStartOfDay(ZONE).toInstant());
            for (int k = 0; k < copies; k++) {
                String suffix = "#" + d + "." + k;
                int group = k % QUEUE_GROUPS;
                for (RatedVisit r : day) {
                    QueueVisit v = copy(r.visit(), shift, "q" + group + "-" + r.visit().queue(), suffix);
                    RatedVisit rated = new RatedVisit(v, r.acwSeconds(), r.repeat());
                    BucketKey key = BucketKey.of(v.queue(), v.enteredAt());
                    QueueBucket b = buckets.get(key);
                    buckets.put(key, (b == null ? QueueBucket.emptyFor(rated, KpiSettings.DEFAULTS) : b).add(rated));
                    visits++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "rollups: %,d visits (%,d per simulated day x %d copies x %d days) in %,d buckets, "
                + "built in %.1f s%n", visits, day.size(), copies, DAYS, buckets.size(), ImportLoad.seconds(t0));

        try (BenchDatabase db = BenchDatabase.create()) {
            long w = System.nanoTime();
            try (Connection c = db.dataSource.getConnection()) {
                c.setAutoCommit(false);
                new QueueRollupStore().upsert(c, buckets.values());
                c.commit();
            }
            System.out.printf(Locale.ROOT, "written with QueueRollupStore.upsert in %.1f s%n", ImportLoad.seconds(w));
            buckets.clear();

            SummaryReports reports = new SummaryReports();
            java.lang.reflect.Field ds = SummaryReports.class.getDeclaredField("dataSource"); // the container's @Resource
            ds.setAccessible(true);
            ds.set(reports, db.dataSource);
            Instant from = dayZero;
            Instant to = FIRST_DAY.plusDays(DAYS).atStartOfDay(ZONE).toInstant();
            time(reports, new SummaryRequest(TENANT, from, to, ZONE, List.of(), GroupBy.QUEUE, null), "groupBy=queue", runs, warmup, visits);
            time(reports, new SummaryRequest(TENANT, from, to, ZONE, List.of(), GroupBy.INTERVAL, PeriodUnit.P1D), "groupBy=interval P1D", runs, warmup, visits);
            time(reports, new SummaryRequest(TENANT, from, to, ZONE, List.of(), GroupBy.INTERVAL, PeriodUnit.PT1H), "groupBy=interval PT1H", runs, warmup, visits);
        }
    }

    static void time(SummaryReports reports, SummaryRequest request, String name, int runs, int warmup, long visits) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            long a = System.nanoTime();
            SummaryReport r = reports.summary(request);
            double ms = (System.nanoTime() - a) / 1e6;
            if (r.total().totals().offered() != visits) {
                throw new IllegalStateException(name + ": offered " + r.total().totals().offered() + ", expected " + visits);
            }
            if (i >= warmup) {
                millis.add(ms);
            }
            if (i == 0) {
                System.out.printf(Locale.ROOT, "%s: %d rows, total offered %,d%n", name, r.rows().size(), r.total().totals().offered());
            }
        }
        List<Double> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        System.out.printf(Locale.ROOT, "%s: median %.0f ms, min %.0f, max %.0f over %d runs (after %d warm-up)%n", name,
                ImportLoad.median(millis), sorted.get(0), sorted.get(sorted.size() - 1), runs, warmup);
    }

    /** One simulated Wednesday's visits (finished and still open at midnight), rated by the real ACW matcher and repeat detector. */
    static List<RatedVisit> simulatedDay(int agents) {
        Instant start = FIRST_DAY.atStartOfDay(ZONE).toInstant(); // 2026-04-01 is a Wednesday
        FactBatch facts = new FactBatch();
        VisitAssembler assembler = new VisitAssembler(TENANT, "demo", facts);
        QueueLogParser parser = new QueueLogParser();
        long[] line = {0};
        ContactCenterSimulation sim = ContactCenterSimulation.queueLogOnly(42, start, ZONE, agents,
                row -> assembler.accept(parser.parseLine(++line[0], row.toFileLine())));
        sim.advanceTo(start.plus(Duration.ofDays(1)).minusMillis(1));
        List<QueueVisit> visits = new ArrayList<>(facts.visits());
        visits.addAll(assembler.openVisits());
        visits.removeIf(v -> !v.enteredAt().isBefore(start.plus(Duration.ofDays(1))));
        Map<String, Integer> acw = AfterCallWorkMatcher.acwSeconds(visits, facts.pauses(), v -> KpiSettings.DEFAULTS);
        Set<String> repeats = RepeatDetector.repeatsAmong(visits, v -> KpiSettings.DEFAULTS);
        List<RatedVisit> out = new ArrayList<>(visits.size());
        for (QueueVisit v : visits) {
            out.add(new RatedVisit(v, acw.getOrDefault(v.naturalKey(), 0), repeats.contains(v.naturalKey())));
        }
        return out;
    }

    static QueueVisit copy(QueueVisit v, Duration shift, String queue, String suffix) {
        return new QueueVisit(v.tenantId(), v.sourceId(), v.callId() + suffix, v.visitSeq(), queue, v.callerNumber(),
                v.callerName(), v.did(), plus(v.enteredAt(), shift), plus(v.connectedAt(), shift), plus(v.endedAt(), shift),
                v.outcome(), v.waitSeconds(), v.ringSeconds(), v.talkSeconds(), v.holdSeconds(), v.agent(), v.transferred(),
                v.transferTarget(), v.completedBy(), v.exitKey(), v.originalPosition(), v.ringNoAnswers(),
                v.nextQueue() == null ? null : queue.substring(0, queue.indexOf('-') + 1) + v.nextQueue());
    }

    private static Instant plus(Instant t, Duration d) {
        return t == null ? null : t.plus(d);
    }
}
