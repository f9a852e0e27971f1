package io.queuelens.rollups.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.RingNoAnswer;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.Buckets;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Keeps {@code rollup_agent_15m} equal to the facts. After a batch of facts is written (same
 * transaction), every agent the batch touched (sessions, pauses, answered visits, ring-no-answers)
 * gets the buckets around the touched time recomputed from the stored facts with
 * {@link AgentTimeline} and replaced, so a refresh is idempotent and exact.
 *
 * <p>The replaced range is the touched time widened by {@link #CONTEXT} on both sides and put on the
 * bucket grid, not whole UTC days: a fact changes an agent's time only where it lies, plus the
 * after-call-work pairing of pauses and calls ending within {@code acwMatchSeconds} (at most 300 s)
 * of each other, and an hour covers any chain of such pairings an agent can produce; an ACW pause
 * starting in the range widens it to the pause's end, since a changed pairing changes all of its
 * time. Replacing less than whole days keeps the import's write volume close to the facts' own. The facts read for it are the whole
 * context the timeline needs: sessions and pauses overlapping the range (however early they began)
 * and answered calls that overlap it or end near one of those pauses.
 *
 * <p>Sessions and pauses still open are not facts yet (the assembler holds them until they end), but
 * an agent logged in now is working now: they are counted up to the log's clock (the latest event
 * read), and every batch extends them from the clock of the previous batch. Their end, when it comes,
 * is a fact that recomputes the whole session, so the open-time estimate never outlives the truth.
 *
 * <p>All touched agents are read together: four queries per batch (per 500 agents), not per agent.
 */
public final class AgentRollupRefresher {

    /** Around the touched time: recomputed and read as context (see the class comment). */
    static final Duration CONTEXT = Duration.ofHours(1);
    /**
     * No answered call lasts longer (talk plus hold): the bound that keeps reads of calls by end time on
     * their index. The queue rollups assume the same day ({@link QueueRollupRefresher#ACW_LOOKBACK}).
     */
    static final Duration LONGEST_CALL = Duration.ofDays(1);
    /**
     * Agents per read. Each agent is two index ranges in the reads by end time (a range or NULL): 90 agents
     * stay under MariaDB's eq_range_index_dive_limit (200 ranges), so the optimizer counts rows by index
     * dives. Above it (500 before), it estimated from index statistics and scanned all of queue_visit and
     * agent_pause for every day a settlement rebuilt: EXPLAIN on 265,000 imported visits, 400 agents.
     */
    private static final int IN_CHUNK = 90;

    private final String tenantId;
    private final KpiSettingsHistory settings;
    private final AgentRollupStore store = new AgentRollupStore();
    private final SqlFactReads stored;

    public AgentRollupRefresher(String tenantId, KpiSettingsHistory settings) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stored = new SqlFactReads(tenantId);
    }

    /**
     * Sessions and pauses still open at the end of a batch, counted up to {@code clock}.
     *
     * @param since the clock of the previous refresh of the same source, or null when unknown (after a
     *              start): the open facts are then recomputed from their beginning
     */
    public record Open(List<AgentSession> sessions, List<AgentPause> pauses, Instant clock, Instant since) {

        public static final Open NONE = new Open(List.of(), List.of(), null, null);

        public Open {
            sessions = List.copyOf(sessions);
            pauses = List.copyOf(pauses);
        }

        /** Each open session ended at the clock; those starting later (none, normally) are left out. */
        List<AgentSession> closedSessions() {
            return clock == null ? List.of() : sessions.stream().filter(s -> s.loginAt().isBefore(clock))
                    .map(s -> new AgentSession(s.tenantId(), s.sourceId(), s.agent(), s.queue(), s.loginAt(), clock)).toList();
        }

        List<AgentPause> closedPauses() {
            return clock == null ? List.of() : pauses.stream().filter(p -> p.startAt().isBefore(clock))
                    .map(p -> new AgentPause(p.tenantId(), p.sourceId(), p.agent(), p.queue(), p.reason(), p.startAt(), clock))
                    .toList();
        }

        /** Only the open sessions and pauses of these agents. */
        Open of(Collection<String> agents) {
            java.util.Set<String> set = new java.util.HashSet<>(agents);
            return new Open(sessions.stream().filter(s -> set.contains(s.agent())).toList(),
                    pauses.stream().filter(p -> set.contains(p.agent())).toList(), clock, since);
        }

        /** The part of an open interval not yet counted: from the previous clock (or its start) to the clock. */
        Instant uncountedFrom(Instant start) {
            return since == null || since.isBefore(start) ? start : since;
        }
    }

    /** {@link #refresh(Connection, Collection, Collection, Collection, Collection, Open)} with nothing open. */
    public int refresh(Connection c, Collection<AgentSession> sessions, Collection<AgentPause> pauses,
                       Collection<QueueVisit> visits, Collection<RingNoAnswer> rings) throws SQLException {
        return refresh(c, sessions, pauses, visits, rings, Open.NONE);
    }

    /**
     * Recomputes and replaces the buckets these facts (already written) and the open sessions and
     * pauses can have changed.
     *
     * @return the number of agents refreshed
     */
    public int refresh(Connection c, Collection<AgentSession> sessions, Collection<AgentPause> pauses,
                       Collection<QueueVisit> visits, Collection<RingNoAnswer> rings, Open open) throws SQLException {
        Map<String, Touched> touched = touched(sessions, pauses, visits, rings);
        List<AgentSession> openSessions = open.closedSessions();
        List<AgentPause> openPauses = open.closedPauses();
        for (AgentSession s : openSessions) {
            add(touched, s.agent(), open.uncountedFrom(s.loginAt()), s.logoutAt());
        }
        for (AgentPause p : openPauses) {
            add(touched, p.agent(), open.uncountedFrom(p.startAt()), p.endAt());
        }
        if (touched.isEmpty()) {
            return 0;
        }
        Map<String, AgentRollupStore.Range> ranges = new TreeMap<>();
        touched.forEach((agent, t) -> ranges.put(agent, t.range(agent)));
        refreshRanges(c, stored, ranges, openSessions, openPauses);
        return ranges.size();
    }

    /**
     * Recomputes and replaces every bucket of these agents (and of the agents with open sessions or
     * pauses) in [from, to), both on the bucket grid, from the stored facts: what a bulk import that
     * deferred its rollups owes, settled in one pass per span instead of once per commit. The result is
     * the rows the per-commit refresh would have left, since both recompute from the same facts.
     *
     * @return the number of agents rebuilt
     */
    public int rebuild(Connection c, Collection<String> agents, Instant from, Instant to, Open open) throws SQLException {
        return rebuild(c, agents, from, to, open, stored);
    }

    /** {@link #rebuild(Connection, Collection, Instant, Instant, Open)} from these facts (a settlement's: see {@link FactReads}). */
    public int rebuild(Connection c, Collection<String> agents, Instant from, Instant to, Open open, FactReads facts)
            throws SQLException {
        Buckets.requireBucketStart(from, "from");
        Buckets.requireBucketStart(to, "to");
        List<AgentSession> openSessions = open.closedSessions();
        List<AgentPause> openPauses = open.closedPauses();
        Map<String, AgentRollupStore.Range> ranges = new TreeMap<>();
        for (String agent : agentsToRebuild(agents, openSessions, openPauses)) {
            ranges.put(agent, new AgentRollupStore.Range(agent, from, to));
        }
        refreshRanges(c, facts, ranges, openSessions, openPauses);
        return ranges.size();
    }

    /**
     * What {@link #rebuild} of these agents with these open facts covers, in groups of one read each, each with
     * its agents' part of the open facts: a settlement rebuilds each group over a long slice in its own
     * transaction (see DeferredRollups).
     */
    List<Group> rebuildGroups(Collection<String> agents, Open open) {
        List<String> sorted = new ArrayList<>(agentsToRebuild(agents, open.sessions(), open.pauses()));
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += IN_CHUNK) {
            List<String> group = sorted.subList(i, Math.min(sorted.size(), i + IN_CHUNK));
            groups.add(new Group(group, open.of(group)));
        }
        return groups;
    }

    /** Agents rebuilt by one read, with the open facts of those agents only. */
    record Group(List<String> agents, Open open) {
    }

    /** The agents a rebuild covers: those owed and those of the open sessions and pauses, blank names left out. */
    private static java.util.SortedSet<String> agentsToRebuild(Collection<String> agents, List<AgentSession> openSessions,
                                                              List<AgentPause> openPauses) {
        java.util.SortedSet<String> all = new java.util.TreeSet<>();
        java.util.function.Consumer<String> add = agent -> {
            if (agent != null && !agent.isBlank()) {
                all.add(agent);
            }
        };
        agents.forEach(add);
        openSessions.forEach(s -> add.accept(s.agent()));
        openPauses.forEach(p -> add.accept(p.agent()));
        return all;
    }

    private void refreshRanges(Connection c, FactReads facts, Map<String, AgentRollupStore.Range> all,
                               List<AgentSession> openSessions, List<AgentPause> openPauses) throws SQLException {
        List<String> agents = new ArrayList<>(all.keySet());
        for (int i = 0; i < agents.size(); i += IN_CHUNK) {
            Map<String, AgentRollupStore.Range> chunk = new TreeMap<>();
            for (String agent : agents.subList(i, Math.min(agents.size(), i + IN_CHUNK))) {
                chunk.put(agent, all.get(agent));
            }
            refreshChunk(c, facts, chunk, openSessions, openPauses);
        }
    }

    private void refreshChunk(Connection c, FactReads facts, Map<String, AgentRollupStore.Range> byAgent,
                              List<AgentSession> openSessions, List<AgentPause> openPauses) throws SQLException {
        List<String> agents = new ArrayList<>(byAgent.keySet());
        Instant from = byAgent.values().stream().map(AgentRollupStore.Range::from).min(Instant::compareTo).orElseThrow();
        Instant before = byAgent.values().stream().map(AgentRollupStore.Range::to).max(Instant::compareTo).orElseThrow();
        // one read of the pauses serves both the ACW widening (pauses starting in the ranges) and the timelines
        // (pauses overlapping them and their context); a widened end reads only the pauses the widening added
        List<AgentPause> pauses = new ArrayList<>(facts.pausesOverlapping(c, agents, from.minus(CONTEXT), null,
                before.plus(CONTEXT)));
        List<AgentPause> acwCandidates = new ArrayList<>(openPauses);
        acwCandidates.addAll(pauses);
        wholeAcwPauses(byAgent, acwCandidates);
        Instant to = byAgent.values().stream().map(AgentRollupStore.Range::to).max(Instant::compareTo).orElseThrow();
        if (to.isAfter(before)) {
            pauses.addAll(facts.pausesOverlapping(c, agents, from.minus(CONTEXT), before.plus(CONTEXT), to.plus(CONTEXT)));
        }
        List<AgentRollupStore.Range> ranges = new ArrayList<>(byAgent.values());
        Facts read = read(c, facts, agents, from, to, pauses);
        for (AgentSession s : openSessions) {
            read.sessions.computeIfAbsent(s.agent(), a -> new ArrayList<>()).add(s);
        }
        for (AgentPause p : openPauses) {
            read.pauses.computeIfAbsent(p.agent(), a -> new ArrayList<>()).add(p);
        }
        List<AgentBucket> buckets = new ArrayList<>();
        for (AgentRollupStore.Range r : ranges) {
            buckets.addAll(AgentTimeline.buckets(tenantId, r.agent(), r.from(), r.to(),
                    read.sessions.getOrDefault(r.agent(), List.of()), read.pauses.getOrDefault(r.agent(), List.of()),
                    read.visits.getOrDefault(r.agent(), List.of()), read.rings.getOrDefault(r.agent(), List.of()),
                    settings.tenantDefaults(r.from())));
        }
        store.replace(c, tenantId, ranges, buckets);
    }

    /**
     * A new call or pause can change which after-call-work pause a call owns, and that pause's time
     * is then ACW (or not) from its start to its end, however long it ran. So every ACW pause that
     * starts inside an agent's range widens the range to its end.
     *
     * @param candidates pauses that include every pause of the agents starting in their ranges (others are skipped)
     */
    private void wholeAcwPauses(Map<String, AgentRollupStore.Range> ranges, List<AgentPause> candidates) {
        for (AgentPause p : candidates) {
            AgentRollupStore.Range r = ranges.get(p.agent());
            if (r == null || p.endAt() == null || p.startAt().isBefore(r.from()) || !p.startAt().isBefore(r.to())
                    || !settings.tenantDefaults(r.from()).isAfterCallWork(p.reason())) {
                continue;
            }
            Instant end = Buckets.floor(p.endAt()).plus(Buckets.WIDTH);
            if (end.isAfter(r.to())) {
                ranges.put(p.agent(), new AgentRollupStore.Range(p.agent(), r.from(), end));
            }
        }
    }

    /** Each agent's touched instants, from the facts as written. */
    static Map<String, Touched> touched(Collection<AgentSession> sessions, Collection<AgentPause> pauses,
                                        Collection<QueueVisit> visits, Collection<RingNoAnswer> rings) {
        Map<String, Touched> out = new TreeMap<>();
        for (AgentSession s : sessions) {
            add(out, s.agent(), s.loginAt(), s.logoutAt());
        }
        for (AgentPause p : pauses) {
            add(out, p.agent(), p.startAt(), p.endAt());
        }
        for (QueueVisit v : visits) {
            if (v.connectedAt() != null) {
                Instant talkEnd = v.connectedAt().plusSeconds(v.talkSeconds());
                Instant end = v.endedAt() != null && v.endedAt().isAfter(talkEnd) ? v.endedAt() : talkEnd;
                add(out, v.agent(), v.connectedAt(), end);
            }
        }
        for (RingNoAnswer r : rings) {
            add(out, r.agent(), r.at(), r.at());
        }
        return out;
    }

    private static void add(Map<String, Touched> out, String agent, Instant start, Instant end) {
        if (agent == null || agent.isBlank() || start == null) {
            return;
        }
        Instant last = end == null || end.isBefore(start) ? start : end;
        out.computeIfAbsent(agent, a -> new Touched(start, last)).widen(start, last);
    }

    /** Earliest and latest instant an agent's facts of the batch cover. */
    static final class Touched {
        private Instant first;
        private Instant last;

        Touched(Instant first, Instant last) {
            this.first = first;
            this.last = last;
        }

        void widen(Instant start, Instant end) {
            first = start.isBefore(first) ? start : first;
            last = end.isAfter(last) ? end : last;
        }

        AgentRollupStore.Range range(String agent) {
            Instant to = Buckets.floor(last.plus(CONTEXT)).plus(Buckets.WIDTH);
            return new AgentRollupStore.Range(agent, Buckets.floor(first.minus(CONTEXT)), to);
        }
    }

    /** The facts of these agents around [from, to), with their pauses as {@link FactReads#pausesOverlapping} read them. */
    private static Facts read(Connection c, FactReads facts, List<String> agents, Instant from, Instant to,
                              List<AgentPause> pauses) throws SQLException {
        Facts f = new Facts();
        for (AgentSession s : facts.sessionsOverlapping(c, agents, from, to)) {
            f.sessions.computeIfAbsent(s.agent(), a -> new ArrayList<>()).add(s);
        }
        Instant earliestPause = from;
        for (AgentPause p : pauses) {
            f.pauses.computeIfAbsent(p.agent(), a -> new ArrayList<>()).add(p);
            earliestPause = p.startAt().isBefore(earliestPause) ? p.startAt() : earliestPause;
        }
        // Calls overlapping the range, plus those ending near the start of any pause read (its ACW owner).
        // The end is bounded above too (a call connected before the range's end that ended more than
        // LONGEST_CALL later is not read): on the (tenant, agent, ended_at) index an open-ended bound read
        // every later call of the agents, and a settlement walking day by day through months of history
        // read them all again for every day.
        for (QueueVisit v : facts.callsEnding(c, agents, earliestPause.minus(CONTEXT), to.plus(CONTEXT).plus(LONGEST_CALL),
                to.plus(CONTEXT))) {
            f.visits.computeIfAbsent(v.agent(), a -> new ArrayList<>()).add(v);
        }
        f.rings.putAll(facts.ringsBetween(c, agents, from, to));
        return f;
    }

    private static final class Facts {
        final Map<String, List<AgentSession>> sessions = new HashMap<>();
        final Map<String, List<AgentPause>> pauses = new HashMap<>();
        final Map<String, List<QueueVisit>> visits = new HashMap<>();
        final Map<String, List<Instant>> rings = new HashMap<>();
    }
}
