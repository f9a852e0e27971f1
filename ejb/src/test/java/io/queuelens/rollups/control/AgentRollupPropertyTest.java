package io.queuelens.rollups.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.RingNoAnswer;
import io.queuelens.ingest.control.FactCommitter;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The persisted agent rollups equal {@link AgentTimeline} run once over the whole range with every
 * fact, whatever way the facts were cut into commits: random agents with overlapping queue sessions,
 * per-queue and PAUSEALL pauses, ACW pauses around their calls, long sessions across midnight, and
 * ring-no-answers, committed through {@link FactCommitter} in random batches in random order.
 */
class AgentRollupPropertyTest {

    static final String TENANT = "t1";
    static final Instant BASE = Instant.parse("2026-03-28T00:00:00Z");
    static final int DAYS = 3;
    static final List<String> AGENTS = List.of("SIP/100", "SIP/101", "Local/102@agents", "PJSIP/alice");
    static final List<String> QUEUES = List.of("sales", "support", "billing");
    static final List<String> REASONS = List.of("ACW", "Lunch", "LUNCH", "Training", "", "Meeting");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void persistedBucketsEqualTheTimelineOverTheWholeRangeAndRecommitChangesNothing(String kind) throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            Random r = new Random(seed * 7919 + kind.length());
            // half the runs with after-call work matched up to 300 s from the call (the most KPI settings allow)
            KpiSettings settings = seed % 2 == 0 ? KpiSettings.DEFAULTS : KpiSettings.builder().acwMatchSeconds(300).build();
            Facts facts = Facts.random(r, settings.acwMatchSeconds()).unique();
            try (TestDatabases.Db db = TestDatabases.open(kind)) {
                FactCommitter committer = new FactCommitter(db.dataSource(), TENANT, "src", "test",
                        new QueueRollupRefresher(TENANT, new KpiSettingsHistory(List.of(settings), List.of())));
                List<FactBatch> batches = facts.cut(r, 1 + r.nextInt(12));
                int n = 0;
                for (FactBatch b : batches) {
                    committer.commit(b, List.of(), new Checkpoint(String.valueOf(++n), AssemblerState.EMPTY), "test:");
                }
                Instant from = BASE.minus(Duration.ofDays(1));
                Instant to = BASE.plus(Duration.ofDays(DAYS + 2));
                List<AgentBucket> stored;
                try (Connection c = db.dataSource().getConnection()) {
                    stored = read(c, from, to);
                }
                List<AgentBucket> expected = facts.timelines(AGENTS, from, to, settings);
                assertThat(stored).as("seed %d on %s, %d batches", seed, kind, batches.size())
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(expected).as("the random facts make agent time").hasSizeGreaterThan(50);

                // Any range summed from the rollups equals the timeline computed over just that range.
                for (int i = 0; i < 5; i++) {
                    Instant a = BASE.plus(Buckets.WIDTH.multipliedBy(r.nextInt(96 * DAYS)));
                    Instant b = a.plus(Buckets.WIDTH.multipliedBy(1 + r.nextInt(96 * 2)));
                    for (String agent : AGENTS) {
                        AgentTotals sum = AgentTotals.ZERO;
                        for (AgentBucket s : stored) {
                            if (s.agent().equals(agent) && !s.start().isBefore(a) && s.start().isBefore(b)) {
                                sum = sum.plus(s.totals());
                            }
                        }
                        AgentTotals recomputed = AgentTotals.ZERO;
                        for (AgentBucket e : AgentTimeline.buckets(TENANT, agent, a, b, facts.sessions, facts.pauses,
                                facts.visits, facts.ringsOf(agent), settings)) {
                            recomputed = recomputed.plus(e.totals());
                        }
                        assertThat(sum).as("%s over %s .. %s", agent, a, b).isEqualTo(recomputed);
                    }
                }

                // Re-committing a batch (a replay after a crash) leaves every row as it was.
                FactBatch again = batches.get(r.nextInt(batches.size()));
                committer.commit(again, List.of(), new Checkpoint(String.valueOf(++n), AssemblerState.EMPTY), "test:");
                try (Connection c = db.dataSource().getConnection()) {
                    assertThat(read(c, from, to)).containsExactlyInAnyOrderElementsOf(stored);
                }
            }
        }
    }

    /**
     * A bulk import's path (deferred commits, then one settlement) with more agents than one read of the
     * refresher takes: the agents are read in several chunks, and every agent's buckets still equal its
     * timeline over the whole range.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aSettlementOverMoreAgentsThanOneReadTakesEqualsTheTimeline(String kind) throws Exception {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 181; i++) { // three reads of 90, 90 and 1 agents
            agents.add("PJSIP/" + (1000 + i));
        }
        Random r = new Random(42 + kind.length());
        Facts facts = Facts.random(r, KpiSettings.DEFAULTS.acwMatchSeconds(), agents).unique();
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            FactCommitter committer = new FactCommitter(db.dataSource(), TENANT, "src", "bulk",
                    new QueueRollupRefresher(TENANT, new KpiSettingsHistory(List.of(KpiSettings.DEFAULTS), List.of())));
            int n = 0;
            for (FactBatch b : facts.cut(r, 4)) {
                committer.commitDeferred(b, List.of(), new Checkpoint(String.valueOf(++n), AssemblerState.EMPTY), "test:");
            }
            committer.settleDeferred(AssemblerState.EMPTY);
            Instant from = BASE.minus(Duration.ofDays(1));
            Instant to = BASE.plus(Duration.ofDays(DAYS + 2));
            List<AgentBucket> stored;
            try (Connection c = db.dataSource().getConnection()) {
                stored = read(c, from, to);
            }
            List<AgentBucket> expected = facts.timelines(agents, from, to, KpiSettings.DEFAULTS);
            assertThat(stored.stream().map(AgentBucket::agent).distinct()).as("agents with buckets").hasSize(agents.size());
            assertThat(stored).as("%d agents on %s", agents.size(), kind).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * A rebuild whose range ends inside a long after-call-work pause widens the range to that pause's end, and the
     * widened buckets hold what else the agent did there: here a lunch break that began more than an hour after the
     * range's first end (beyond the context the first read of the pauses covers), two minutes after the ACW ended.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aRangeWidenedByALongAcwPauseHoldsThePausesOfTheWidenedPart(String kind) throws Exception {
        Instant at = Instant.parse("2026-03-30T08:00:00Z");
        String agent = "PJSIP/alice";
        Facts facts = new Facts();
        facts.sessions.add(new AgentSession(TENANT, "src", agent, "sales", at, at.plus(Duration.ofHours(10))));
        Instant connected = at.plus(Duration.ofMinutes(165)); // 10:45
        Instant ended = connected.plus(Duration.ofMinutes(5));
        facts.visits.add(new QueueVisit(TENANT, "src", "c1", 1, "sales", "+4930111", null, null,
                connected.minusSeconds(20), connected, ended, Outcome.ANSWERED, 20, 3, 300, 0, agent, false, null, "CALLER",
                null, 1, 0, null));
        Instant acwEnd = Instant.parse("2026-03-30T12:10:00Z");
        facts.pauses.add(new AgentPause(TENANT, "src", agent, "sales", "ACW", ended.plusSeconds(2), acwEnd));
        facts.pauses.add(new AgentPause(TENANT, "src", agent, "sales", "Lunch", acwEnd.plus(Duration.ofMinutes(2)),
                acwEnd.plus(Duration.ofMinutes(30))));
        Instant rangeEnd = Instant.parse("2026-03-30T11:00:00Z");
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            FactBatch batch = new FactBatch();
            facts.sessions.forEach(batch::session);
            facts.pauses.forEach(batch::pause);
            facts.visits.forEach(batch::visit);
            new io.queuelens.calls.control.FactStore(TENANT, "src").write(c, batch, List.of(), "test:");
            KpiSettingsHistory settings = new KpiSettingsHistory(List.of(KpiSettings.DEFAULTS), List.of());
            new AgentRollupRefresher(TENANT, settings).rebuild(c, List.of(agent), at, rangeEnd, AgentRollupRefresher.Open.NONE);
            Instant widenedEnd = Instant.parse("2026-03-30T12:15:00Z");
            List<AgentBucket> stored = read(c, at, widenedEnd.plus(Duration.ofHours(2)));
            List<AgentBucket> expected = facts.timelines(List.of(agent), at, widenedEnd, KpiSettings.DEFAULTS);
            assertThat(stored).as("the buckets up to the ACW pause's end, the lunch break's first minutes included")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The stored buckets as reports read them: rows and quiet quarter hours together. */
    static List<AgentBucket> read(Connection c, Instant from, Instant to) throws SQLException {
        return new io.queuelens.reports.control.AgentRollupReader().read(c, TENANT, from, to, List.of());
    }

    /** One random history of the agents; every fact belongs to exactly one batch, as ingestion emits them. */
    static final class Facts {
        final List<AgentSession> sessions = new ArrayList<>();
        final List<AgentPause> pauses = new ArrayList<>();
        final List<QueueVisit> visits = new ArrayList<>();
        final List<RingNoAnswer> rings = new ArrayList<>();

        static Facts random(Random r, int acwMatchSeconds) {
            return random(r, acwMatchSeconds, AGENTS);
        }

        static Facts random(Random r, int acwMatchSeconds, List<String> agents) {
            Facts f = new Facts();
            int call = 0;
            for (String agent : agents) {
                for (int day = 0; day < DAYS; day++) {
                    Instant shiftStart = BASE.plus(Duration.ofDays(day)).plusSeconds(r.nextInt(20 * 3600));
                    // A shift of 2..14 hours (across midnight sometimes), in one to three queues with staggered logins.
                    Instant shiftEnd = shiftStart.plusSeconds(7200 + r.nextInt(12 * 3600));
                    for (String queue : QUEUES.subList(0, 1 + r.nextInt(QUEUES.size()))) {
                        Instant in = shiftStart.plusSeconds(r.nextInt(1800));
                        Instant out = shiftEnd.minusSeconds(r.nextInt(1800));
                        f.sessions.add(new AgentSession(TENANT, "src", agent, queue, in, out));
                    }
                    Instant t = shiftStart.plusSeconds(r.nextInt(600));
                    while (t.isBefore(shiftEnd)) {
                        int what = r.nextInt(10);
                        if (what < 6) {
                            int talk = r.nextInt(900);
                            int hold = talk == 0 ? r.nextInt(30) : r.nextInt(Math.max(1, talk / 3));
                            Instant connected = t.plusSeconds(5 + r.nextInt(60));
                            Instant ended = connected.plusSeconds(talk);
                            String queue = QUEUES.get(r.nextInt(QUEUES.size()));
                            f.visits.add(new QueueVisit(TENANT, "src", "c" + (++call), 1, queue, "0170" + r.nextInt(50),
                                    null, null, t, connected, ended, Outcome.ANSWERED, (int) Duration.between(t, connected).getSeconds(),
                                    3, talk, hold, agent, false, null, "AGENT", null, 1, 0, null));
                            if (r.nextInt(10) < 2) {
                                f.rings.add(new RingNoAnswer(TENANT, "src", "c" + call, 1, queue, agent,
                                        t.minusSeconds(1 + r.nextInt(20)), 15000));
                            }
                            t = ended;
                            if (r.nextBoolean()) {
                                // after-call work, sometimes logged a second before the call's end, up to
                                // acwMatchSeconds after it, now and then long (pairings reach across buckets)
                                Instant start = ended.plusSeconds(r.nextInt(acwMatchSeconds + 2) - 1);
                                Instant end = start.plusSeconds(r.nextInt(8) == 0 ? 600 + r.nextInt(9000) : 10 + r.nextInt(120));
                                f.pauses.add(new AgentPause(TENANT, "src", agent, "NONE", "ACW", start, end));
                                t = end;
                            }
                        } else if (what < 8) {
                            // PAUSEALL plus an overlapping per-queue pause with another reason
                            String reason = REASONS.get(r.nextInt(REASONS.size()));
                            Instant end = t.plusSeconds(60 + r.nextInt(3600));
                            f.pauses.add(new AgentPause(TENANT, "src", agent, "NONE", reason, t, end));
                            if (r.nextBoolean()) {
                                Instant inner = t.plusSeconds(r.nextInt(60));
                                f.pauses.add(new AgentPause(TENANT, "src", agent, QUEUES.get(r.nextInt(QUEUES.size())),
                                        REASONS.get(r.nextInt(REASONS.size())), inner,
                                        inner.plusSeconds(30 + r.nextInt(5400))));
                            }
                            t = end;
                        } else {
                            t = t.plusSeconds(r.nextInt(1800));
                        }
                        t = t.plusSeconds(1 + r.nextInt(120));
                    }
                    // now and then a pause that outlives the shift, and a long login across midnight
                    if (r.nextInt(4) == 0) {
                        f.pauses.add(new AgentPause(TENANT, "src", agent, "NONE", "Lunch", shiftEnd.minusSeconds(600),
                                shiftEnd.plusSeconds(3600)));
                    }
                }
                if (r.nextBoolean()) {
                    f.sessions.add(new AgentSession(TENANT, "src", agent, "NONE", BASE.plusSeconds(3600 + r.nextInt(3600)),
                            BASE.plus(Duration.ofDays(DAYS - 1)).plusSeconds(r.nextInt(86400))));
                }
            }
            return f;
        }

        /** Drops pauses that share a natural key with an earlier one: the store would keep only one of them. */
        Facts unique() {
            Set<String> keys = new HashSet<>();
            pauses.removeIf(p -> !keys.add(p.agent() + "|" + p.queue() + "|" + p.startAt()));
            return this;
        }

        /** What the rollups of these agents must hold: their timelines over [from, to), computed from every fact at once. */
        List<AgentBucket> timelines(List<String> agents, Instant from, Instant to, KpiSettings settings) {
            List<AgentBucket> out = new ArrayList<>();
            for (String agent : agents) {
                out.addAll(AgentTimeline.buckets(TENANT, agent, from, to, sessions, pauses, visits, ringsOf(agent), settings));
            }
            return out;
        }

        List<Instant> ringsOf(String agent) {
            return rings.stream().filter(x -> x.agent().equals(agent)).map(RingNoAnswer::at).toList();
        }

        /** The facts shuffled into {@code n} batches (the order of commits is random too). */
        List<FactBatch> cut(Random r, int n) {
            List<FactBatch> batches = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batches.add(new FactBatch());
            }
            for (AgentSession s : sessions) {
                batches.get(r.nextInt(n)).session(s);
            }
            for (AgentPause p : pauses) {
                batches.get(r.nextInt(n)).pause(p);
            }
            for (QueueVisit v : visits) {
                batches.get(r.nextInt(n)).visit(v);
            }
            for (RingNoAnswer x : rings) {
                batches.get(r.nextInt(n)).ringNoAnswer(x);
            }
            Collections.shuffle(batches, r);
            return batches;
        }
    }
}
