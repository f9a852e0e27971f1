package io.queuelens.rollups.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.control.FactWrites;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.RingNoAnswer;
import io.queuelens.rollups.entity.BucketKey;
import io.queuelens.schema.control.LocalTransaction;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The held facts answer every question as the stored facts do: random visits (open ones, unanswered ones), sessions
 * and pauses still running, and ring-no-answers, written and held, then asked with bounds on the facts' own times and
 * a second either side of them (where an inclusive bound taken for an exclusive one would show), on H2 and MariaDB.
 * A question reaching before what was dropped is answered from the stored facts, and another writer makes a
 * settlement transaction read the stored facts.
 */
class HeldFactsTest {

    private static final String TENANT = "t1";
    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final List<String> AGENTS = List.of("a1", "a2", "a3", "a4", "a5");
    private static final List<String> QUEUES = List.of("sales", "support", "vip");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void heldFactsAnswerAsTheStoredOnes(String kind) throws Exception {
        Random random = new Random(42);
        FactBatch batch = randomFacts(random);
        List<Instant> times = times(batch);
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            HeldFacts held = new HeldFacts(TENANT, "import-1");
            LocalTransaction.run(db.dataSource(), c -> {
                held.start(c);
                new FactStore(TENANT, "pbx").write(c, batch, List.of(), "test:");
                held.counted(FactWrites.add(c, TENANT, "import-1"));
            });
            held.committed(batch.visits(), batch.sessions(), batch.pauses(), batch.rings());
            assertThat(held.holding()).isTrue();
            SqlFactReads stored = new SqlFactReads(TENANT);
            FactReads settlement = held.forSettlement(DAY.minusSeconds(1));
            try (Connection c = db.dataSource().getConnection()) {
                FactReads reads = settlement.inTransaction(c);
                assertThat(reads).isNotSameAs(stored).isNotInstanceOf(SqlFactReads.class);
                List<String> queues = stored.queues(c);
                for (int i = 0; i < 400; i++) {
                    Instant from = near(random, times);
                    Instant to = near(random, times);
                    if (to.isBefore(from)) {
                        Instant t = from;
                        from = to;
                        to = t;
                    }
                    String at = "[" + from + ", " + to + ")";
                    List<String> agents = someOf(random, AGENTS);
                    Set<BucketKey> heldKeys = new HashSet<>();
                    Set<BucketKey> storedKeys = new HashSet<>();
                    reads.visitBuckets(c, queues, from, to, heldKeys);
                    stored.visitBuckets(c, queues, from, to, storedKeys);
                    assertThat(heldKeys).as("buckets " + at).isEqualTo(storedKeys);
                    assertThat(reads.visitsEnteredBetween(c, queues, from, to)).as("entered " + at)
                            .isEqualTo(stored.visitsEnteredBetween(c, queues, from, to));
                    List<String> callers = List.of("100", "101", "102");
                    assertThat(sorted(reads.visitsOfCallers(c, callers, from, to))).as("callers " + at)
                            .isEqualTo(sorted(stored.visitsOfCallers(c, callers, from, to)));
                    assertThat(pauses(reads.pausesStartingBetween(c, agents, from, to))).as("pauses starting " + at)
                            .isEqualTo(pauses(stored.pausesStartingBetween(c, agents, from, to)));
                    Instant startFrom = random.nextBoolean() ? null : near(random, times);
                    assertThat(pauses(reads.pausesOverlapping(c, agents, from, startFrom, to))).as("pauses overlapping " + at)
                            .isEqualTo(pauses(stored.pausesOverlapping(c, agents, from, startFrom, to)));
                    assertThat(sessions(reads.sessionsOverlapping(c, agents, from, to))).as("sessions " + at)
                            .isEqualTo(sessions(stored.sessionsOverlapping(c, agents, from, to)));
                    Instant connectedBefore = near(random, times);
                    assertThat(sorted(reads.callsEnding(c, agents, from, to, connectedBefore))).as("calls ending " + at)
                            .isEqualTo(sorted(stored.callsEnding(c, agents, from, to, connectedBefore)));
                    assertThat(rings(reads.ringsBetween(c, agents, from, to))).as("rings " + at)
                            .isEqualTo(rings(stored.ringsBetween(c, agents, from, to)));
                }
            }

            // dropped: the visits that ended before noon; a question reaching before noon reads the stored facts
            Instant noon = DAY.plusSeconds(12 * 3600);
            FactReads later = held.forSettlement(noon);
            try (Connection c = db.dataSource().getConnection()) {
                FactReads reads = later.inTransaction(c);
                List<String> queues = stored.queues(c);
                assertThat(reads.visitsEnteredBetween(c, queues, DAY, DAY.plusSeconds(86_400)))
                        .isEqualTo(stored.visitsEnteredBetween(c, queues, DAY, DAY.plusSeconds(86_400)));
                assertThat(sorted(reads.callsEnding(c, AGENTS, noon, noon.plusSeconds(86_400), noon.plusSeconds(86_400))))
                        .isEqualTo(sorted(stored.callsEnding(c, AGENTS, noon, noon.plusSeconds(86_400), noon.plusSeconds(86_400))));
            }

            // another writer: a settlement transaction reads the stored facts, and the held ones hold nothing more
            LocalTransaction.run(db.dataSource(), c -> FactWrites.add(c, TENANT, "live-2"));
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(later.inTransaction(c)).isInstanceOf(SqlFactReads.class);
            }
            assertThat(held.storedTransactions()).isOne();
            LocalTransaction.run(db.dataSource(), c -> held.counted(FactWrites.add(c, TENANT, "import-1")));
            assertThat(held.holding()).isFalse();
            assertThat(held.forSettlement(noon)).isInstanceOf(SqlFactReads.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aTenantWithFactsFactsStoredOtherwiseAndTooManyFactsAreNotHeld(String kind) throws Exception {
        FactBatch batch = randomFacts(new Random(7));
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            LocalTransaction.run(db.dataSource(), c -> new FactStore(TENANT, "pbx").write(c, batch, List.of(), "test:"));
            HeldFacts held = new HeldFacts(TENANT, "import-1");
            LocalTransaction.run(db.dataSource(), c -> held.start(c));
            assertThat(held.holding()).as("the tenant had facts").isFalse();

            HeldFacts other = new HeldFacts("t2", "import-2");
            LocalTransaction.run(db.dataSource(), c -> {
                other.start(c);
                other.counted(FactWrites.add(c, "t2", "import-2"));
            });
            QueueVisit withFraction = new QueueVisit("t2", "pbx", "1.1", 1, "sales", "100", null, null,
                    DAY.plusMillis(1500), null, null, Outcome.OPEN, 0, 0, 0, 0, null, false, null, null, null, 1, 0, null);
            other.committed(List.of(withFraction), List.of(), List.of(), List.of());
            // H2 stores the millisecond, MariaDB the whole second (the driver sends it no fraction)
            assertThat(other.holding()).isEqualTo(kind.equals("h2"));
            QueueVisit longName = new QueueVisit("t2", "pbx", "1.2", 1, "q".repeat(129), "100", null, null,
                    DAY, null, null, Outcome.OPEN, 0, 0, 0, 0, null, false, null, null, null, 1, 0, null);
            other.committed(List.of(longName), List.of(), List.of(), List.of());
            assertThat(other.holding()).as("a queue name the database cuts").isFalse();

            // more facts than it may hold: it stops holding, and its settlements read the stored facts
            HeldFacts small = new HeldFacts("t3", "import-3", 100);
            LocalTransaction.run(db.dataSource(), c -> {
                small.start(c);
                small.counted(FactWrites.add(c, "t3", "import-3"));
            });
            small.committed(batch.visits(), List.of(), List.of(), List.of());
            assertThat(small.holding()).as("300 visits held at the most 100").isFalse();
            assertThat(small.forSettlement(DAY)).isInstanceOf(SqlFactReads.class);
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    private static FactBatch randomFacts(Random random) {
        FactBatch batch = new FactBatch();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            Instant entered = DAY.plusSeconds(random.nextInt(2 * 86_400));
            String queue = QUEUES.get(random.nextInt(QUEUES.size()));
            String caller = "10" + random.nextInt(5);
            int kind = random.nextInt(4);
            if (kind == 0) { // still waiting
                batch.visit(new QueueVisit(TENANT, "pbx", "c" + i, 1, queue, caller, null, null, entered, null, null,
                        Outcome.OPEN, 0, 0, 0, 0, null, false, null, null, null, 1, 0, null));
            } else if (kind == 1) { // abandoned
                int wait = random.nextInt(300);
                batch.visit(new QueueVisit(TENANT, "pbx", "c" + i, 1, queue, caller, null, null, entered, null,
                        entered.plusSeconds(wait), Outcome.ABANDONED, wait, 0, 0, 0, null, false, null, null, null, 1, 0, null));
            } else { // answered, talking still when kind is 2
                int wait = random.nextInt(60);
                int talk = random.nextInt(900);
                Instant connected = entered.plusSeconds(wait);
                String agent = AGENTS.get(random.nextInt(AGENTS.size()));
                batch.visit(new QueueVisit(TENANT, "pbx", "c" + i, 1, queue, caller, null, null, entered, connected,
                        kind == 2 ? null : connected.plusSeconds(talk), Outcome.ANSWERED, wait, 3, kind == 2 ? 0 : talk, 0,
                        agent, false, null, kind == 2 ? null : "CALLER", null, 1, 0, null));
            }
            if (random.nextInt(3) == 0) {
                batch.ringNoAnswer(new RingNoAnswer(TENANT, "pbx", "c" + i, 1, queue, AGENTS.get(random.nextInt(AGENTS.size())),
                        entered.plusSeconds(random.nextInt(30)), 15_000));
            }
        }
        for (int i = 0; i < 200; i++) {
            String agent = AGENTS.get(random.nextInt(AGENTS.size()));
            String queue = QUEUES.get(random.nextInt(QUEUES.size()));
            Instant start = DAY.plusSeconds(random.nextInt(2 * 86_400));
            if (!keys.add(agent + queue + start)) {
                continue;
            }
            Instant end = random.nextInt(8) == 0 ? null : start.plusSeconds(random.nextInt(4 * 3600));
            if (i % 2 == 0) {
                batch.pause(new AgentPause(TENANT, "pbx", agent, queue, random.nextBoolean() ? "ACW" : "Lunch", start, end));
            } else {
                batch.session(new AgentSession(TENANT, "pbx", agent, queue, start, end));
            }
        }
        return batch;
    }

    /** Every time a fact has: the bounds the questions are asked with, as they are or a second either side. */
    private static List<Instant> times(FactBatch batch) {
        List<Instant> times = new ArrayList<>();
        for (QueueVisit v : batch.visits()) {
            times.add(v.enteredAt());
            if (v.endedAt() != null) {
                times.add(v.endedAt());
            }
            if (v.connectedAt() != null) {
                times.add(v.connectedAt());
            }
        }
        for (AgentPause p : batch.pauses()) {
            times.add(p.startAt());
            if (p.endAt() != null) {
                times.add(p.endAt());
            }
        }
        for (AgentSession s : batch.sessions()) {
            times.add(s.loginAt());
            if (s.logoutAt() != null) {
                times.add(s.logoutAt());
            }
        }
        batch.rings().forEach(r -> times.add(r.at()));
        return times;
    }

    private static Instant near(Random random, List<Instant> times) {
        return times.get(random.nextInt(times.size())).plusSeconds(random.nextInt(3) - 1);
    }

    private static List<String> someOf(Random random, List<String> all) {
        List<String> some = new ArrayList<>();
        for (String a : all) {
            if (random.nextBoolean()) {
                some.add(a);
            }
        }
        return some.isEmpty() ? List.of(all.get(0)) : some;
    }

    private static List<String> sorted(List<QueueVisit> visits) {
        return visits.stream().map(QueueVisit::toString).sorted().toList();
    }

    private static List<String> pauses(List<AgentPause> pauses) {
        return pauses.stream().map(AgentPause::toString).sorted().toList();
    }

    private static List<String> sessions(List<AgentSession> sessions) {
        return sessions.stream().map(AgentSession::toString).sorted().toList();
    }

    private static Map<String, List<Instant>> rings(Map<String, List<Instant>> rings) {
        Map<String, List<Instant>> out = new TreeMap<>();
        rings.forEach((agent, at) -> out.put(agent, at.stream().sorted(Comparator.naturalOrder()).toList()));
        return out;
    }
}
