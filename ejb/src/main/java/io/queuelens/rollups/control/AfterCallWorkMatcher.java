package io.queuelens.rollups.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.entity.KpiSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds each answered visit's after-call work (KPI.md, AHT): the billable pause with reason
 * {@code ACW} by the same agent that starts within {@code acwMatchSeconds} of the call's end
 * (before or after: queue_log writes seconds, and the PAUSE line may precede the COMPLETE line).
 *
 * <p>One pause is one call's work and one call has one ACW: pairs are taken closest first (ties: the
 * pause starting after the end, then the later-ending call), so two calls ending a second apart
 * do not both claim the pause. Asterisk logs a pause in every queue with the same times; those
 * copies are the same pause, and only one is matched.
 */
public final class AfterCallWorkMatcher {

    private AfterCallWorkMatcher() {
    }

    /** The matched pause per visit natural key (visits without ACW are absent). */
    public static Map<String, AgentPause> match(Collection<QueueVisit> visits, Collection<AgentPause> pauses,
                                                Function<QueueVisit, KpiSettings> settings) {
        Map<String, AgentCalls> callsByAgent = new HashMap<>();
        for (QueueVisit v : visits) {
            if (v.answered() && v.agent() != null && v.endedAt() != null) {
                callsByAgent.computeIfAbsent(v.tenantId() + "|" + v.agent(), k -> new AgentCalls()).add(v, settings.apply(v));
            }
        }
        callsByAgent.values().forEach(AgentCalls::sort);
        List<Candidate> candidates = new ArrayList<>();
        for (AgentPause p : pauses) {
            if (p.agent() == null || p.startAt() == null) {
                continue;
            }
            AgentCalls calls = callsByAgent.get(p.tenantId() + "|" + p.agent());
            if (calls == null) {
                continue;
            }
            long start = p.startAt().toEpochMilli();
            long reach = calls.widestWindowMillis + 1; // a millisecond more: epoch millis are floored, the gap is exact
            // only calls ending within the widest window of any of them can match: found by their end, not by all
            for (int i = calls.firstEndingFrom(start - reach); i < calls.size() && calls.endMillis[i] <= start + reach; i++) {
                KpiSettings s = calls.settings.get(i);
                long gapMillis = Duration.between(calls.visits.get(i).endedAt(), p.startAt()).toMillis();
                if (Math.abs(gapMillis) <= s.acwMatchSeconds() * 1000L && s.isAfterCallWork(p.reason())) {
                    QueueVisit v = calls.visits.get(i);
                    candidates.add(new Candidate(v, v.naturalKey(), p, gapMillis));
                }
            }
        }
        candidates.sort(Comparator.comparingLong((Candidate c) -> Math.abs(c.gapMillis))
                .thenComparing(c -> c.gapMillis < 0)
                .thenComparing(c -> c.visit.endedAt(), Comparator.reverseOrder())
                .thenComparing(Candidate::visitKey));
        Map<String, AgentPause> matched = new HashMap<>();
        Set<AgentPause> used = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<PauseKey> samePause = new HashSet<>();
        for (Candidate c : candidates) {
            PauseKey pauseKey = new PauseKey(c.pause.tenantId(), c.pause.agent(), c.pause.startAt());
            if (matched.containsKey(c.visitKey) || used.contains(c.pause) || samePause.contains(pauseKey)) {
                continue;
            }
            matched.put(c.visitKey, c.pause);
            used.add(c.pause);
            samePause.add(pauseKey);
        }
        return matched;
    }

    /** ACW seconds per visit natural key; a pause still running counts 0 until it ends. */
    public static Map<String, Integer> acwSeconds(Collection<QueueVisit> visits, Collection<AgentPause> pauses,
                                                  Function<QueueVisit, KpiSettings> settings) {
        Map<String, Integer> out = new HashMap<>();
        match(visits, pauses, settings).forEach((key, p) -> out.put(key, seconds(p)));
        return out;
    }

    /** Whole seconds of an ended pause (queue_log's resolution), 0 while it runs. */
    public static int seconds(AgentPause p) {
        Instant end = p.endAt();
        return end == null || end.isBefore(p.startAt()) ? 0 : (int) Duration.between(p.startAt(), end).getSeconds();
    }

    /** A pair that could match; the visit's natural key built once (the sort's tie-break and the result use it). */
    private record Candidate(QueueVisit visit, String visitKey, AgentPause pause, long gapMillis) {
    }

    /** What makes the copies of one pause that Asterisk logs in every queue the same pause. */
    private record PauseKey(String tenantId, String agent, Instant startAt) {
    }

    /**
     * One agent's answered calls ordered by their end, each with its settings (looked up once per call, not
     * once per pause it is compared with): a pause is compared only with the calls ending near its start.
     */
    private static final class AgentCalls {
        List<QueueVisit> visits = new ArrayList<>();
        List<KpiSettings> settings = new ArrayList<>();
        long[] endMillis;
        long widestWindowMillis;

        void add(QueueVisit v, KpiSettings s) {
            visits.add(v);
            settings.add(s);
            widestWindowMillis = Math.max(widestWindowMillis, s.acwMatchSeconds() * 1000L);
        }

        void sort() {
            Integer[] order = new Integer[visits.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparing(i -> visits.get(i).endedAt()));
            List<QueueVisit> v = new ArrayList<>(order.length);
            List<KpiSettings> s = new ArrayList<>(order.length);
            endMillis = new long[order.length];
            for (int i = 0; i < order.length; i++) {
                v.add(visits.get(order[i]));
                s.add(settings.get(order[i]));
                endMillis[i] = v.get(i).endedAt().toEpochMilli();
            }
            visits = v;
            settings = s;
        }

        int size() {
            return endMillis.length;
        }

        /** The first call (in end order) ending at or after {@code millis}, or size(). */
        int firstEndingFrom(long millis) {
            int lo = 0;
            int hi = endMillis.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (endMillis[mid] < millis) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
