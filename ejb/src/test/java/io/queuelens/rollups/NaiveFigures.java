package io.queuelens.rollups;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.SlaMode;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A test oracle: KPI.md's definitions applied straight to a list of visits, with no buckets,
 * totals or calculator. Written separately from production code on purpose.
 */
public final class NaiveFigures {

    private NaiveFigures() {
    }

    /** Natural keys of answered visits whose caller called again (another call) within the window. */
    public static Set<String> repeats(Collection<QueueVisit> all, Function<QueueVisit, KpiSettings> settings) {
        Set<String> out = new HashSet<>();
        for (QueueVisit a : all) {
            if (!a.answered() || anonymous(a.callerNumber()) || settings.apply(a).repeatWindowHours() == 0) {
                continue;
            }
            var windowEnd = a.endedAt().plus(Duration.ofHours(settings.apply(a).repeatWindowHours()));
            for (QueueVisit b : all) {
                if (a.callerNumber().equals(b.callerNumber()) && !a.callId().equals(b.callId())
                        && b.enteredAt().isAfter(a.enteredAt()) && !b.enteredAt().isAfter(windowEnd)) {
                    out.add(a.naturalKey());
                    break;
                }
            }
        }
        return out;
    }

    private static boolean anonymous(String n) {
        return n == null || n.equalsIgnoreCase("anonymous");
    }

    /**
     * @param settings the settings of each visit's bucket (thresholds)
     * @param mode     the report's slaMode
     */
    public static QueueFigures of(List<QueueVisit> vs, Map<String, Integer> acw, Set<String> repeats,
                                  Function<QueueVisit, KpiSettings> settings, SlaMode mode) {
        Predicate<QueueVisit> answered = QueueVisit::answered;
        Predicate<QueueVisit> shortAb = v -> v.outcome() == Outcome.ABANDONED && v.waitSeconds() < settings.apply(v).shortAbandonSeconds();
        Predicate<QueueVisit> longAb = v -> v.outcome() == Outcome.ABANDONED && !shortAb.test(v);
        long offered = vs.size();
        long ans = count(vs, answered);
        long ab = count(vs, longAb);
        long sh = count(vs, shortAb);
        long unanswered = count(vs, v -> v.outcome() != Outcome.ANSWERED && v.outcome() != Outcome.OPEN);
        long inSla = count(vs, v -> v.answered() && v.waitSeconds() <= settings.apply(v).slaSeconds());
        long waitAns = vs.stream().filter(answered).mapToLong(QueueVisit::waitSeconds).sum();
        long waitAb = vs.stream().filter(longAb).mapToLong(QueueVisit::waitSeconds).sum();
        long talk = vs.stream().filter(answered).mapToLong(QueueVisit::talkSeconds).sum();
        long hold = vs.stream().filter(answered).mapToLong(QueueVisit::holdSeconds).sum();
        long acwSum = vs.stream().filter(answered).mapToLong(v -> acw.getOrDefault(v.naturalKey(), 0)).sum();
        var maxWait = vs.stream().filter(v -> v.outcome() != Outcome.OPEN).mapToInt(QueueVisit::waitSeconds).max();
        long rep = count(vs, v -> v.answered() && repeats.contains(v.naturalKey()));
        // uniqueCalls counts a call where and when it entered first: the visits with seq 1
        long firstHere = count(vs, v -> v.visitSeq() == 1);
        long slaDen = mode == SlaMode.OFFERED ? offered - sh : ans;
        return new QueueFigures(offered, ans, ab, sh, unanswered, inSla,
                pct(inSla, slaDen), pct(ans, offered), pct(ab, offered - sh),
                avg(waitAns, ans), avg(waitAb, ab), maxWait.isPresent() ? (double) maxWait.getAsInt() : null,
                avg(talk, ans), avg(talk + hold + acwSum, ans), count(vs, v -> v.answered() && v.transferred()),
                pct(rep, ans), firstHere);
    }

    private static long count(List<QueueVisit> vs, Predicate<QueueVisit> p) {
        return vs.stream().filter(p).count();
    }

    private static Double pct(long n, long d) {
        return d == 0 ? null : 100.0 * n / d;
    }

    private static Double avg(long sum, long n) {
        return n == 0 ? null : (double) sum / n;
    }
}
