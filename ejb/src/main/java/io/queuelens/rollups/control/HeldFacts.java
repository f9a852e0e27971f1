package io.queuelens.rollups.control;

import io.queuelens.calls.control.FactWrites;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.RingNoAnswer;
import io.queuelens.rollups.entity.BucketKey;
import io.queuelens.schema.control.MultiRowInsert;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The facts a bulk import wrote, kept in memory so that its settlements read none of them back: a settlement
 * read every visit about three times and every pause three times over (issue 3's import bar; docs/PERFORMANCE.md).
 * <p>
 * The held facts answer for the stored ones only while they are the same: the import began on a tenant without
 * facts, and no one else has written the tenant's facts since. Every fact writer counts its transactions in
 * {@link FactWrites} and names itself there; the import's own commits must each make the next count ({@link #counted},
 * checked before the commit), and a settlement transaction, holding its rollup lock, uses the held facts only when
 * the last writer it sees is the import ({@link Snapshot#inTransaction}). Otherwise, and for any question reaching
 * before what is still held, the stored facts are read as before. Facts are held as stored: an import whose facts the database would
 * store differently (a time's fraction it drops, a name it cuts) stops holding. Names are told apart as Java compares
 * them, where MariaDB's collation ignores case: two agents or call ids of one import differing only in case (no PBX
 * logs them so) would be two here and one there.
 * <p>
 * A settlement works on a snapshot taken when it is planned ({@link #forSettlement}); the import commits on
 * meanwhile. Its later facts are not in the snapshot, as they would not be in the reads of a settlement that ran
 * at once: what they touch before the settlement's cut is owed again (FactCommitter's waves), as with stored reads.
 * <p>
 * Heap: facts that ended before the planned settlement's look-back are dropped at each settlement, so a long import
 * holds about a wave and its look-back (400 agents: about 250,000 facts), and stops holding beyond {@link #MOST}
 * facts. Used by the import's thread and its commit thread ({@link #start} and {@link #counted} run in the commits'
 * transactions while the import's thread adds the facts of the commit before: hence synchronized); snapshots are read
 * by settlement threads.
 */
public final class HeldFacts {

    /**
     * Beyond this many facts held the import stops holding them, and its settlements read as before: an eighth of the
     * heap at 600 bytes per fact (in the benchmark's import of 400 agents the last young collection left 182 MB live,
     * 22 MB without holding: about 250,000 facts of a wave and its look-back, with their keys, strings and a
     * settlement's snapshot). The server's default heap (2 GB) holds about 447,000 (a week of some 750 such
     * agents: the benchmark's 400 held more than 223,000 at their peak); the heap benchmark's 256 MB about 55,000.
     */
    static final long MOST = Math.min(2_000_000, Runtime.getRuntime().maxMemory() / 8 / 600);
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(HeldFacts.class.getName());
    private static final int NAME = 128;
    private static final int CALL_ID = 80;
    private static final int CALLER = 80;

    private final long most;
    private final String tenantId;
    /** The import's name in {@link FactWrites}. */
    private final String writer;
    private final SqlFactReads stored;
    // by the tables' unique keys (the tenant's is the same for all); in the order written, which is nearly by time
    private final Map<VisitKey, QueueVisit> visits = new LinkedHashMap<>();
    private final Map<AgentKey, AgentSession> sessions = new HashMap<>();
    private final Map<AgentKey, AgentPause> pauses = new HashMap<>();
    private final Map<RingKey, RingNoAnswer> rings = new HashMap<>();
    private boolean started;
    private volatile boolean holding;
    private boolean wholeSeconds;
    /** The fact-write count the import's last transaction made ({@link #counted}). */
    private long counting;
    /** Facts that ended before this are no longer held. */
    private Instant floor = Instant.MIN;
    private final AtomicLong heldTransactions = new AtomicLong();
    private final AtomicLong storedTransactions = new AtomicLong();

    /** @param writer the import's name in {@link FactWrites}: what its commits write there */
    public HeldFacts(String tenantId, String writer) {
        this(tenantId, writer, MOST);
    }

    /** @param most how many facts it holds at the most (see {@link #MOST}) */
    HeldFacts(String tenantId, String writer, long most) {
        this.most = most;
        this.tenantId = java.util.Objects.requireNonNull(tenantId, "tenantId");
        this.writer = java.util.Objects.requireNonNull(writer, "writer");
        this.stored = new SqlFactReads(tenantId);
    }

    /**
     * Before the import writes any fact (on any connection): the import holds its facts only when the tenant has none
     * yet. Later calls do nothing until {@link #stop}.
     */
    public synchronized void start(Connection c) throws SQLException {
        if (started) {
            return;
        }
        started = true;
        holding = !FactWrites.anyFacts(c, tenantId);
        counting = FactWrites.read(c, tenantId);
        wholeSeconds = !MultiRowInsert.storesFractions(c);
    }

    /**
     * The count the import's transaction made, as its last statement ({@link FactWrites#add}): any other than the next
     * after its previous one means another writer wrote between them. Called before the commit, so that no settlement
     * can see this import as the last writer then.
     */
    public synchronized void counted(long count) {
        if (count != counting + 1) {
            stopHolding();
        }
        counting = count;
    }

    /** After the import's transaction committed: holds the facts it wrote (upserts: a later write of a key replaces it). */
    public synchronized void committed(Collection<QueueVisit> writtenVisits, Collection<AgentSession> writtenSessions,
                          Collection<AgentPause> writtenPauses, Collection<RingNoAnswer> writtenRings) {
        if (!holding) {
            return;
        }
        for (QueueVisit v : writtenVisits) {
            if (!storable(v.enteredAt(), v.connectedAt(), v.endedAt()) || tooLong(v.queue(), NAME) || tooLong(v.agent(), NAME)
                    || tooLong(v.callId(), CALL_ID) || tooLong(v.callerNumber(), CALLER)) {
                stopHolding();
                return;
            }
            visits.put(new VisitKey(v.sourceId(), v.callId(), v.visitSeq()), v);
        }
        for (AgentSession s : writtenSessions) {
            if (!storable(s.loginAt(), s.logoutAt(), null) || tooLong(s.agent(), NAME) || tooLong(s.queue(), NAME)) {
                stopHolding();
                return;
            }
            sessions.put(new AgentKey(s.sourceId(), s.agent(), s.queue(), s.loginAt()), s);
        }
        for (AgentPause p : writtenPauses) {
            if (!storable(p.startAt(), p.endAt(), null) || tooLong(p.agent(), NAME) || tooLong(p.queue(), NAME)
                    || tooLong(p.reason(), NAME)) {
                stopHolding();
                return;
            }
            pauses.put(new AgentKey(p.sourceId(), p.agent(), p.queue(), p.startAt()), p);
        }
        for (RingNoAnswer r : writtenRings) {
            if (!storable(r.at(), null, null) || tooLong(r.agent(), NAME) || tooLong(r.queue(), NAME)
                    || tooLong(r.callId(), CALL_ID)) {
                stopHolding();
                return;
            }
            rings.put(new RingKey(r.sourceId(), r.callId(), r.agent(), r.at()), r);
        }
        if (visits.size() + sessions.size() + pauses.size() + rings.size() > most) {
            // worth an operator's notice: the import goes on, slower, and a larger heap would have kept holding
            LOG.info(() -> "The import into tenant " + tenantId + " holds more than " + most + " facts (an eighth of the heap);"
                    + " its settlements read the stored facts from now on. A larger heap (-Xmx) keeps them in memory.");
            stopHolding();
        }
    }

    /** Whether {@link #start} ran since the last {@link #stop}. */
    public synchronized boolean started() {
        return started;
    }

    /** The import wrote facts some other way, or failed: its facts are no longer held. */
    public synchronized void stopHolding() {
        holding = false;
        visits.clear();
        sessions.clear();
        pauses.clear();
        rings.clear();
    }

    /** The import ended: holds nothing; a next import on this instance starts over ({@link #start}). */
    public synchronized void stop() {
        stopHolding();
        started = false;
        floor = Instant.MIN;
    }

    public boolean holding() {
        return holding;
    }

    /**
     * Settlement transactions that read the held facts, and those of a snapshot that read the stored ones because the
     * import was no longer the last writer or no longer held its facts (another writer, the heap cap, a fact the
     * database stores otherwise, a failed commit; for tests and logs).
     */
    public long heldTransactions() {
        return heldTransactions.get();
    }

    public long storedTransactions() {
        return storedTransactions.get();
    }

    /**
     * The reads for a settlement planned now that asks nothing before {@code from}: the held facts as they are now,
     * or the stored ones when not holding. Facts that ended before {@code from} are dropped.
     */
    public synchronized FactReads forSettlement(Instant from) {
        if (!holding) {
            return stored;
        }
        if (from.isAfter(floor)) {
            floor = from;
            visits.values().removeIf(v -> endedBefore(v.enteredAt(), v.endedAt(), from));
            sessions.values().removeIf(s -> endedBefore(s.loginAt(), s.logoutAt(), from));
            pauses.values().removeIf(p -> endedBefore(p.startAt(), p.endAt(), from));
            rings.values().removeIf(r -> r.at().isBefore(from));
        }
        return new Snapshot(this);
    }

    /** Whether a fact from {@code start} to {@code end} (null: runs on) lies wholly before {@code t}. */
    private static boolean endedBefore(Instant start, Instant end, Instant t) {
        return end != null && end.isBefore(t) && start.isBefore(t);
    }

    private boolean storable(Instant a, Instant b, Instant c) {
        return storable(a) && storable(b) && storable(c);
    }

    /** Stored as it is: whole seconds on a database the driver sends no fraction to, else whole milliseconds. */
    private boolean storable(Instant t) {
        return t == null || (wholeSeconds ? t.getNano() == 0 : t.getNano() % 1_000_000 == 0);
    }

    private static boolean tooLong(String s, int max) {
        return s != null && s.length() > max;
    }

    private record VisitKey(String sourceId, String callId, int visitSeq) {
    }

    private record AgentKey(String sourceId, String agent, String queue, Instant start) {
    }

    private record RingKey(String sourceId, String callId, String agent, Instant at) {
    }

    /**
     * The held facts as they were when a settlement was planned, answering as the stored ones would. A question
     * reaching before {@link #floor} (what may have been dropped) is asked of the stored facts.
     */
    private static final class Snapshot implements FactReads {
        /** The stored reads' order of visits by entry. */
        private static final Comparator<QueueVisit> ENTRY = (a, b) -> {
            int c = a.enteredAt().compareTo(b.enteredAt());
            if (c == 0) {
                c = a.callId().compareTo(b.callId());
            }
            return c != 0 ? c : Integer.compare(a.visitSeq(), b.visitSeq());
        };

        private final HeldFacts held;
        private final Instant floor;
        /** By entry time, call id and sequence, as the stored reads order them. */
        private final QueueVisit[] visits;
        // by agent: the questions of the agent side and the ACW pauses name their agents
        private final Map<String, List<QueueVisit>> callsByAgent = new HashMap<>();
        private final Map<String, List<AgentSession>> sessionsByAgent = new HashMap<>();
        /** Each agent's by start. */
        private final Map<String, List<AgentPause>> pausesByAgent = new HashMap<>();
        private final Map<String, List<RingNoAnswer>> ringsByAgent = new HashMap<>();

        Snapshot(HeldFacts held) {
            this.held = held;
            this.floor = held.floor;
            this.visits = held.visits.values().toArray(QueueVisit[]::new);
            Arrays.sort(visits, ENTRY); // nearly sorted already: written in the log's order
            for (QueueVisit v : visits) {
                if (v.agent() != null && v.connectedAt() != null) {
                    callsByAgent.computeIfAbsent(v.agent(), a -> new ArrayList<>()).add(v);
                }
            }
            held.sessions.values().forEach(x -> sessionsByAgent.computeIfAbsent(x.agent(), a -> new ArrayList<>()).add(x));
            held.pauses.values().forEach(x -> pausesByAgent.computeIfAbsent(x.agent(), a -> new ArrayList<>()).add(x));
            pausesByAgent.values().forEach(l -> l.sort(Comparator.comparing(AgentPause::startAt)));
            held.rings.values().forEach(x -> ringsByAgent.computeIfAbsent(x.agent(), a -> new ArrayList<>()).add(x));
        }

        /**
         * Itself when the last writer of the tenant's facts this transaction sees is the import, still holding (no other
         * writer since the import began); else the stored facts.
         */
        @Override
        public FactReads inTransaction(Connection c) throws SQLException {
            if (held.holding && held.writer.equals(FactWrites.lastWriter(c, held.tenantId))) {
                held.heldTransactions.incrementAndGet();
                return this;
            }
            held.storedTransactions.incrementAndGet();
            return held.stored;
        }

        private boolean reachesBack(Instant from) {
            return from.isBefore(floor);
        }

        @Override
        public List<String> queues(Connection c) throws SQLException {
            return held.stored.queues(c); // a handful of index dives; also what a question reaching back needs
        }

        /** The tenant's queues are all named (see the callers): every held visit belongs to one. */
        @Override
        public void visitBuckets(Connection c, List<String> queues, Instant from, Instant to, Set<BucketKey> into)
                throws SQLException {
            if (reachesBack(from)) {
                held.stored.visitBuckets(c, queues, from, to, into);
                return;
            }
            for (int i = firstEnteredAt(from); i < visits.length && visits[i].enteredAt().isBefore(to); i++) {
                into.add(BucketKey.of(visits[i].queue(), visits[i].enteredAt()));
            }
        }

        @Override
        public List<QueueVisit> visitsEnteredBetween(Connection c, List<String> queues, Instant from, Instant to)
                throws SQLException {
            if (reachesBack(from)) {
                return held.stored.visitsEnteredBetween(c, queues, from, to);
            }
            return entered(from, to, v -> true);
        }

        @Override
        public List<QueueVisit> visitsOfCallers(Connection c, List<String> callers, Instant from, Instant to)
                throws SQLException {
            if (reachesBack(from)) {
                return held.stored.visitsOfCallers(c, callers, from, to);
            }
            Set<String> set = new HashSet<>(callers);
            return entered(from, to, v -> set.contains(v.callerNumber()));
        }

        private List<QueueVisit> entered(Instant from, Instant to, Predicate<QueueVisit> keep) {
            List<QueueVisit> out = new ArrayList<>();
            for (int i = firstEnteredAt(from); i < visits.length && visits[i].enteredAt().isBefore(to); i++) {
                if (keep.test(visits[i])) {
                    out.add(visits[i]);
                }
            }
            return out;
        }

        /** The index of the first of these (ordered by {@code time}) at or after {@code t}, or their size. */
        private static <T> int firstAtOrAfter(List<T> ordered, java.util.function.Function<T, Instant> time, Instant t) {
            int lo = 0;
            int hi = ordered.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (time.apply(ordered.get(mid)).isBefore(t)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** The index of the first visit entering at or after {@code t}. */
        private int firstEnteredAt(Instant t) {
            return firstAtOrAfter(Arrays.asList(visits), QueueVisit::enteredAt, t);
        }

        @Override
        public List<AgentPause> pausesStartingBetween(Connection c, Collection<String> agents, Instant from, Instant to)
                throws SQLException {
            if (reachesBack(from)) {
                return held.stored.pausesStartingBetween(c, agents, from, to);
            }
            return pauses(agents, from, to, p -> true);
        }

        @Override
        public List<AgentPause> pausesOverlapping(Connection c, List<String> agents, Instant endsAfter, Instant startFrom,
                                                  Instant startTo) throws SQLException {
            if (reachesBack(endsAfter)) {
                return held.stored.pausesOverlapping(c, agents, endsAfter, startFrom, startTo);
            }
            return pauses(agents, startFrom, startTo, p -> p.endAt() == null || p.endAt().isAfter(endsAfter));
        }

        /** The agents' pauses starting in [from (or their first), to) that {@code keep}. */
        private List<AgentPause> pauses(Collection<String> agents, Instant from, Instant to, Predicate<AgentPause> keep) {
            List<AgentPause> out = new ArrayList<>();
            for (String agent : new HashSet<>(agents)) {
                List<AgentPause> own = pausesByAgent.getOrDefault(agent, List.of());
                for (int i = from == null ? 0 : firstAtOrAfter(own, AgentPause::startAt, from);
                     i < own.size() && own.get(i).startAt().isBefore(to); i++) {
                    if (keep.test(own.get(i))) {
                        out.add(own.get(i));
                    }
                }
            }
            return out;
        }

        @Override
        public List<AgentSession> sessionsOverlapping(Connection c, List<String> agents, Instant from, Instant to)
                throws SQLException {
            if (reachesBack(from)) {
                return held.stored.sessionsOverlapping(c, agents, from, to);
            }
            List<AgentSession> out = new ArrayList<>();
            for (String agent : new HashSet<>(agents)) {
                for (AgentSession s : sessionsByAgent.getOrDefault(agent, List.of())) {
                    if ((s.logoutAt() == null || s.logoutAt().isAfter(from)) && s.loginAt().isBefore(to)) {
                        out.add(s);
                    }
                }
            }
            return out;
        }

        @Override
        public List<QueueVisit> callsEnding(Connection c, List<String> agents, Instant endFrom, Instant endBefore,
                                            Instant connectedBefore) throws SQLException {
            if (reachesBack(endFrom)) {
                return held.stored.callsEnding(c, agents, endFrom, endBefore, connectedBefore);
            }
            List<QueueVisit> out = new ArrayList<>();
            for (String agent : new HashSet<>(agents)) {
                for (QueueVisit v : callsByAgent.getOrDefault(agent, List.of())) {
                    if (v.connectedAt().isBefore(connectedBefore)
                            && (v.endedAt() == null || (!v.endedAt().isBefore(endFrom) && v.endedAt().isBefore(endBefore)))) {
                        out.add(v);
                    }
                }
            }
            return out;
        }

        @Override
        public Map<String, List<Instant>> ringsBetween(Connection c, List<String> agents, Instant from, Instant to)
                throws SQLException {
            if (reachesBack(from)) {
                return held.stored.ringsBetween(c, agents, from, to);
            }
            Map<String, List<Instant>> out = new HashMap<>();
            for (String agent : new HashSet<>(agents)) {
                for (RingNoAnswer r : ringsByAgent.getOrDefault(agent, List.of())) {
                    if (!r.at().isBefore(from) && r.at().isBefore(to)) {
                        out.computeIfAbsent(agent, a -> new ArrayList<>()).add(r.at());
                    }
                }
            }
            return out;
        }
    }
}
