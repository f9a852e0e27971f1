package io.queuelens.bench;

import io.queuelens.payouts.boundary.PayoutDays;
import io.queuelens.payouts.control.PayoutStore;
import io.queuelens.payouts.control.RateCardTable;
import io.queuelens.payouts.control.RatingContext;
import io.queuelens.payouts.entity.AgentDayFigures;
import io.queuelens.payouts.entity.AgentDayPayout;
import io.queuelens.payouts.entity.PayoutItem;
import io.queuelens.payouts.entity.RateCard;
import io.queuelens.payouts.entity.TalkRounding;
import io.queuelens.reports.boundary.AgentReports;
import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.AgentReportRow;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The payout bar (1,000,000 visits across 500 agents computed in &lt; 60 s) on MariaDB. Data: one local
 * day (Europe/Berlin) with {@code visits} answered visits spread over {@code agents} agents from 06:00 to
 * 22:00, and the agents' 15-minute rollups of that day (96 buckets each, with two pause reasons), plus
 * one group rate card with every component. Each run is a new revision of the day computed by the job's
 * own code, step by step as payouts-nightly runs it: the reader's plan (agents with activity, those
 * already written skipped) and figures (the agent report through {@link AgentReports} and the visit
 * sums), the processor's {@link PayoutDays#price}, and the writer's {@link PayoutStore#write} in chunks
 * of 100 agent-days, each in its own transaction. Jakarta Batch's own bookkeeping (a checkpoint row per
 * chunk) is not included. Prints the median, min and max over the runs.
 * <p>
 * Usage: {@code PayoutsLoad [visits=1000000] [agents=500] [runs=5]}
 */
public final class PayoutsLoad {

    static final String TENANT = "bench";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 4, 15);
    static final int CHUNK = 100;

    public static void main(String[] args) throws Exception {
        int visits = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int agents = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (BenchDatabase db = BenchDatabase.create()) {
            long t0 = System.nanoTime();
            load(db, visits, agents);
            System.out.printf("loaded %,d visits and %,d agent rollups in %.1f s%n", visits, agents * 96,
                    (System.nanoTime() - t0) / 1e9);
            AgentReports reports = new AgentReports();
            java.lang.reflect.Field ds = AgentReports.class.getDeclaredField("dataSource"); // the container's @Resource
            ds.setAccessible(true);
            ds.set(reports, db.dataSource);
            double[] seconds = new double[runs];
            long lines = 0;
            BigDecimal total = null;
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                BigDecimal runTotal = computeRevision(db, reports, run + 1, agents);
                seconds[run] = (System.nanoTime() - start) / 1e9;
                try (Connection c = db.dataSource.getConnection()) {
                    lines = count(c, "SELECT COUNT(*) FROM payout_line WHERE revision = " + (run + 1));
                }
                if (total != null && total.compareTo(runTotal) != 0) {
                    throw new IllegalStateException("revision " + (run + 1) + " total " + runTotal + " differs from " + total);
                }
                total = runTotal;
                System.out.printf("run %d: %,d agent-days, %,d lines, total %s EUR in %.2f s%n", run + 1, agents, lines,
                        runTotal.toPlainString(), seconds[run]);
            }
            Arrays.sort(seconds);
            System.out.printf("payouts of %,d visits / %,d agents: median %.2f s, min %.2f s, max %.2f s over %d runs%n",
                    visits, agents, seconds[runs / 2], seconds[0], seconds[runs - 1], runs);
        }
    }

    /** One revision of the day, as the job computes it. */
    static BigDecimal computeRevision(BenchDatabase db, AgentReports reports, int revision, int expectedAgents) throws Exception {
        Instant from = DAY.atStartOfDay(ZONE).toInstant();
        Instant to = DAY.plusDays(1).atStartOfDay(ZONE).toInstant();
        List<String> todo;
        RatingContext context;
        long launchId;
        // plan: the agents of the Agents report's rows, as PayoutDays.plan reads them
        List<String> all = reports.agents(new AgentReportRequest(TENANT, from, to, ZONE, List.of(), List.of(),
                AgentGroupBy.AGENT, null)).rows().stream().map(AgentReportRow::agent).distinct().sorted().toList();
        try (Connection c = db.dataSource.getConnection()) {
            Set<String> done = PayoutStore.doneAgents(c, TENANT, DAY, revision);
            todo = all.stream().filter(a -> !done.contains(a)).toList();
            context = new RatingContext("EUR", RateCardTable.cards(c, TENANT), RateCardTable.groups(c, TENANT));
            // the launch and the revision a recompute claims before its job starts
            launchId = io.queuelens.jobs.control.JobTable.claim(c, "payouts-nightly", TENANT, "bench revision " + revision,
                    "bench", Instant.now(), new java.util.Properties(), "bench").orElseThrow().id();
            PayoutStore.addRevision(c, TENANT, DAY, revision, launchId, "bench");
        }
        if (todo.size() != expectedAgents) {
            throw new IllegalStateException(todo.size() + " agents with activity, expected " + expectedAgents);
        }
        // reader: the day's figures at once
        AgentReport report = reports.agents(new AgentReportRequest(TENANT, from, to, ZONE, List.of(), List.of(),
                AgentGroupBy.AGENT, null));
        Map<String, PayoutStore.VisitSums> sums;
        try (Connection c = db.dataSource.getConnection()) {
            sums = PayoutStore.visitSums(c, TENANT, from, to, report.settings().slaSeconds());
        }
        Map<String, AgentDayFigures> figures = new LinkedHashMap<>();
        for (AgentReportRow row : report.rows()) {
            PayoutStore.VisitSums v = sums.getOrDefault(row.agent(), new PayoutStore.VisitSums(0, 0, 0));
            figures.put(row.agent(), new AgentDayFigures(row.figures(), v.startedTalkMinutes(), v.serviceLevel(report.settings())));
        }
        // processor and writer, a transaction per chunk
        BigDecimal total = BigDecimal.ZERO;
        List<AgentDayPayout> chunk = new ArrayList<>();
        for (int i = 0; i < todo.size(); i++) {
            AgentDayPayout p = PayoutDays.price(new PayoutItem(TENANT, DAY, revision, todo.get(i), figures.get(todo.get(i))), context);
            total = total.add(p.total());
            chunk.add(p);
            if (chunk.size() == CHUNK || i == todo.size() - 1) {
                try (Connection c = db.dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    int written = PayoutStore.write(c, chunk);
                    io.queuelens.jobs.control.JobTable.addItemsDone(c, launchId, written); // as PayoutDays.write
                    c.commit();
                    c.setAutoCommit(true);
                }
                chunk.clear();
            }
        }
        return total;
    }

    static void load(BenchDatabase db, int visits, int agents) throws Exception {
        Random random = new Random(42);
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) VALUES ('" + TENANT
                        + "', 'Bench', '" + ZONE.getId() + "', 'en', 'EUR', NOW(6))");
            }
            String[] names = new String[agents];
            for (int a = 0; a < agents; a++) {
                names[a] = String.format("SIP/%04d", a);
            }
            LocalDateTime firstUtc = LocalDateTime.ofInstant(DAY.atTime(6, 0).atZone(ZONE).toInstant(), ZoneOffset.UTC);
            long[] talk = new long[agents];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO queue_visit (tenant_id, source_id, call_id, visit_seq, "
                    + "queue, entered_at, connected_at, ended_at, outcome, wait_s, ring_s, talk_s, hold_s, agent, transferred, "
                    + "ring_no_answers) VALUES ('bench', 'bench', ?, 1, ?, ?, ?, ?, 'ANSWERED', ?, 3, ?, 0, ?, FALSE, 0)")) {
                for (int v = 0; v < visits; v++) {
                    int agent = v % agents;
                    int wait = random.nextInt(60);
                    int talkS = 20 + random.nextInt(400);
                    talk[agent] += talkS * 1000L;
                    LocalDateTime entered = firstUtc.plusSeconds((long) v * 16 * 3600 / visits);
                    ps.setString(1, "c" + v);
                    ps.setString(2, "q" + (v % 8));
                    ps.setObject(3, entered);
                    ps.setObject(4, entered.plusSeconds(wait));
                    ps.setObject(5, entered.plusSeconds(wait + talkS));
                    ps.setInt(6, wait);
                    ps.setInt(7, talkS);
                    ps.setString(8, names[agent]);
                    ps.addBatch();
                    if (v % 10_000 == 9_999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_agent_15m (tenant_id, agent, bucket_start, "
                    + "logged_in_ms, paused_ms, talk_ms, hold_ms, acw_ms, answered, ring_no_answer, paused_ms_by_reason) "
                    + "VALUES ('bench', ?, ?, 900000, 120000, ?, 0, 30000, ?, ?, 'ACW=60000&Training=60000')")) {
                LocalDateTime dayUtc = LocalDateTime.ofInstant(DAY.atStartOfDay(ZONE).toInstant(), ZoneOffset.UTC);
                for (int a = 0; a < agents; a++) {
                    for (int b = 0; b < 96; b++) {
                        ps.setString(1, names[a]);
                        ps.setObject(2, dayUtc.plusMinutes(15L * b));
                        ps.setLong(3, Math.min(700_000, talk[a] / 96));
                        ps.setLong(4, (long) visits / agents / 96);
                        ps.setLong(5, b % 11 == 0 ? 1 : 0);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            long group = RateCardTable.insertGroup(c, TENANT, "everyone");
            RateCardTable.setMembers(c, group, Arrays.asList(names));
            RateCardTable.insert(c, new RateCard(0, TENANT, "standard", null, group, DAY.minusDays(30), null,
                    new BigDecimal("0.35"), new BigDecimal("0.0725"), TalkRounding.PER_STARTED_MINUTE, new BigDecimal("9.80"),
                    Map.of("Training", new BigDecimal("7.50")), new BigDecimal("80"), new BigDecimal("5.00"), 1500,
                    new BigDecimal("2.50"), new BigDecimal("0.40")), "bench");
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
