package io.queuelens.rollups.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.Buckets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds one agent's 15-minute buckets over [from, to) from their facts. Time is cut exactly at
 * bucket boundaries:
 * <ul>
 *   <li>loggedIn: the union of the agent's sessions (member of five queues = logged in once);
 *       sessions still open run to {@code to};</li>
 *   <li>paused: pauses while logged in, by reason; where pauses overlap (per-queue pauses with
 *       different reasons) the one that started last owns the time, so paused &lt;= loggedIn and
 *       ready is never negative;</li>
 *   <li>acw: the part of the paused time owned by an ACW pause matched to one of the agent's calls
 *       ({@link AfterCallWorkMatcher});</li>
 *   <li>talk: [CONNECT, CONNECT + talk) cut at boundaries, hold spread over it in proportion (the
 *       source does not say when the hold happened); answered is counted in the CONNECT bucket;</li>
 *   <li>ringNoAnswer: in the bucket of the event.</li>
 * </ul>
 * Unlike queue buckets this is not add/subtract per fact (overlaps are resolved over the whole
 * timeline), so the incremental pipeline recomputes the agent's buckets for the affected day and
 * replaces them; an agent-day is a few hundred intervals.
 */
public final class AgentTimeline {

    private AgentTimeline() {
    }

    /**
     * @param visits        visits (any); those the agent answered count
     * @param ringNoAnswers instants of the agent's RINGNOANSWER events (queue_log agent column)
     * @return the non-empty buckets, ordered by start
     */
    public static List<AgentBucket> buckets(String tenantId, String agent, Instant from, Instant to,
                                            Collection<AgentSession> sessions, Collection<AgentPause> pauses,
                                            Collection<QueueVisit> visits, Collection<Instant> ringNoAnswers,
                                            KpiSettings settings) {
        Buckets.requireBucketStart(from, "from");
        Buckets.requireBucketStart(to, "to");
        List<Interval> logins = new ArrayList<>();
        for (AgentSession s : sessions) {
            if (mine(tenantId, agent, s.tenantId(), s.agent())) {
                clip(s.loginAt(), s.logoutAt(), from, to).ifPresent(logins::add);
            }
        }
        List<QueueVisit> answered = visits.stream()
                .filter(v -> v.answered() && mine(tenantId, agent, v.tenantId(), v.agent()) && v.connectedAt() != null)
                .toList();
        List<AgentPause> myPauses = pauses.stream()
                .filter(p -> mine(tenantId, agent, p.tenantId(), p.agent()) && p.startAt() != null).toList();
        Set<AgentPause> acwPauses = Collections.newSetFromMap(new IdentityHashMap<>());
        acwPauses.addAll(AfterCallWorkMatcher.match(answered, myPauses, v -> settings).values());
        List<PauseInterval> pauseIntervals = new ArrayList<>();
        for (AgentPause p : myPauses) {
            clip(p.startAt(), p.endAt(), from, to)
                    .ifPresent(i -> pauseIntervals.add(new PauseInterval(i, p.startAt(), p.reason(), acwPauses.contains(p))));
        }

        Map<Instant, Accumulator> acc = new TreeMap<>();
        // Elementary segments between any two consecutive start/end points: state is constant inside.
        TreeSet<Instant> points = new TreeSet<>();
        logins.forEach(i -> {
            points.add(i.from);
            points.add(i.to);
        });
        pauseIntervals.forEach(p -> {
            points.add(p.interval.from);
            points.add(p.interval.to);
        });
        Instant previous = null;
        for (Instant point : points) {
            if (previous != null && loggedIn(logins, previous)) {
                PauseInterval owner = owningPause(pauseIntervals, previous);
                for (Buckets.Piece piece : Buckets.split(previous, point)) {
                    Accumulator a = acc.computeIfAbsent(piece.bucketStart(), k -> new Accumulator());
                    a.loggedIn += piece.millis();
                    if (owner != null) {
                        a.paused.merge(reason(owner.reason), piece.millis(), Long::sum);
                        if (owner.acw) {
                            a.acw += piece.millis();
                        }
                    }
                }
            }
            previous = point;
        }

        for (QueueVisit v : answered) {
            if (inRange(v.connectedAt(), from, to)) {
                acc.computeIfAbsent(Buckets.floor(v.connectedAt()), k -> new Accumulator()).answered++;
            }
            addTalk(acc, v, from, to);
        }
        for (Instant r : ringNoAnswers) {
            if (inRange(r, from, to)) {
                acc.computeIfAbsent(Buckets.floor(r), k -> new Accumulator()).ringNoAnswer++;
            }
        }
        List<AgentBucket> out = new ArrayList<>(acc.size());
        acc.forEach((start, a) -> out.add(new AgentBucket(tenantId, agent, start, a.totals())));
        return out;
    }

    private static void addTalk(Map<Instant, Accumulator> acc, QueueVisit v, Instant from, Instant to) {
        long talkMillis = v.talkSeconds() * 1000L;
        long holdMillis = v.holdSeconds() * 1000L;
        Instant talkStart = v.connectedAt();
        if (talkMillis == 0) {
            if (holdMillis > 0 && inRange(talkStart, from, to)) {
                acc.computeIfAbsent(Buckets.floor(talkStart), k -> new Accumulator()).hold += holdMillis;
            }
            return;
        }
        Instant talkEnd = talkStart.plusMillis(talkMillis);
        Instant clippedFrom = talkStart.isBefore(from) ? from : talkStart;
        Instant clippedTo = talkEnd.isAfter(to) ? to : talkEnd;
        for (Buckets.Piece piece : Buckets.split(clippedFrom, clippedTo)) {
            Accumulator a = acc.computeIfAbsent(piece.bucketStart(), k -> new Accumulator());
            a.talk += piece.millis();
            // Cumulative shares, so the pieces add up to exactly holdMillis.
            long before = Duration.between(talkStart, piece.from()).toMillis();
            long after = Duration.between(talkStart, piece.to()).toMillis();
            a.hold += holdMillis * after / talkMillis - holdMillis * before / talkMillis;
        }
    }

    private static boolean loggedIn(List<Interval> logins, Instant t) {
        for (Interval i : logins) {
            if (i.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pause covering t that started last; ties: a matched ACW pause, then the smaller reason. The
     * real start decides, not the start clipped to the range, so a range gives the same buckets as a
     * longer range around it (the persisted rollups recompute short ranges).
     */
    private static PauseInterval owningPause(List<PauseInterval> pauses, Instant t) {
        return pauses.stream().filter(p -> p.interval.contains(t))
                .max(Comparator.comparing((PauseInterval p) -> p.started)
                        .thenComparing(p -> p.acw)
                        .thenComparing(p -> reason(p.reason), Comparator.reverseOrder()))
                .orElse(null);
    }

    private static String reason(String r) {
        return r == null || r.isBlank() ? "(none)" : r;
    }

    private static boolean mine(String tenantId, String agent, String factTenant, String factAgent) {
        return tenantId.equals(factTenant) && agent.equals(factAgent);
    }

    private static boolean inRange(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static Optional<Interval> clip(Instant start, Instant end, Instant from, Instant to) {
        Objects.requireNonNull(start, "start");
        Instant s = start.isBefore(from) ? from : start;
        Instant e = end == null || end.isAfter(to) ? to : end;
        return e.isAfter(s) ? Optional.of(new Interval(s, e)) : Optional.empty();
    }

    private record Interval(Instant from, Instant to) {
        boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    private record PauseInterval(Interval interval, Instant started, String reason, boolean acw) {
    }

    private static final class Accumulator {
        long loggedIn;
        final Map<String, Long> paused = new HashMap<>();
        long talk;
        long hold;
        long acw;
        long answered;
        long ringNoAnswer;

        AgentTotals totals() {
            return new AgentTotals(loggedIn, paused, talk, hold, acw, answered, ringNoAnswer);
        }
    }
}
