package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertRule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The state machine of every rule and scope of one tenant, pure (no clock, no I/O: the caller passes the
 * time), used by one thread. Per rule and scope:
 * <ol>
 * <li>quiet: the condition does not hold;</li>
 * <li>pending: it holds since {@code pendingSince}; dropping back before {@code minDurationSeconds} passed
 * returns to quiet without a trace (a spike does not fire);</li>
 * <li>firing: it held for the minimum duration. It stays firing until the figure is on the good side of the
 * clear threshold (hysteresis: a figure hovering around the threshold does not flap);</li>
 * <li>resolved: the track is forgotten; the next crossing is a new incident.</li>
 * </ol>
 * A firing incident is repeated at most once per {@code renotify} until acknowledged. During the rule's quiet
 * hours the transitions still happen (and are returned, so incidents are recorded) but with
 * {@code notify = false}; a firing whose notice fell in quiet hours is notified when they end, if it still fires.
 * A missing value (no data, e.g. a service level without calls) neither starts nor clears anything.
 */
public final class RuleEvaluator {

    public enum Action { FIRE, REPEAT, RESOLVE }

    /**
     * What happened to a rule and scope.
     *
     * @param tell false in quiet hours: record it, tell nobody
     * @param peak   the worst value since it started pending
     */
    public record Outcome(Action action, long ruleId, String scopeKey, double value, double peak, boolean tell,
                          Instant pendingSince) {
    }

    private static final class Track {
        AlertRule rule;
        Instant pendingSince;
        boolean firing;
        boolean acknowledged;
        Instant lastNotified;
        boolean owed;
        double lastValue = Double.NaN;
        double peak = Double.NaN;
    }

    private final Duration renotify;
    private final ZoneId zone;
    private final Map<String, Track> tracks = new HashMap<>();

    /**
     * @param renotify at most one notice per incident per this long
     * @param zone     the tenant's zone: quiet hours are its wall-clock times
     */
    public RuleEvaluator(Duration renotify, ZoneId zone) {
        if (renotify.isNegative() || renotify.isZero()) {
            throw new IllegalArgumentException("renotify interval must be positive: " + renotify);
        }
        this.renotify = renotify;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    static String key(long ruleId, String scopeKey) {
        return ruleId + "|" + scopeKey;
    }

    /**
     * Evaluates one value of a rule's scope at {@code now}.
     *
     * @param value the figure, or null when there is none (no calls for a rate)
     */
    public Optional<Outcome> evaluate(AlertRule rule, String scopeKey, Double value, Instant now) {
        String key = key(rule.id(), scopeKey);
        Track t = tracks.get(key);
        if (value == null || value.isNaN()) {
            if (t != null && !t.firing) {
                tracks.remove(key);
            }
            return Optional.empty();
        }
        double v = value;
        if (t == null) {
            if (!rule.comparison().holds(v, rule.threshold())) {
                return Optional.empty();
            }
            t = new Track();
            t.pendingSince = now;
            tracks.put(key, t);
        }
        t.rule = rule;
        t.lastValue = v;
        t.peak = Double.isNaN(t.peak) ? v : worse(rule, t.peak, v);
        boolean quiet = rule.isQuietAt(LocalTime.ofInstant(now, zone));
        if (!t.firing) {
            if (!rule.comparison().holds(v, rule.threshold())) {
                tracks.remove(key);
                return Optional.empty();
            }
            if (Duration.between(t.pendingSince, now).getSeconds() < rule.minDurationSeconds()) {
                return Optional.empty();
            }
            t.firing = true;
            t.owed = quiet;
            t.lastNotified = quiet ? null : now;
            return Optional.of(new Outcome(Action.FIRE, rule.id(), scopeKey, v, t.peak, !quiet, t.pendingSince));
        }
        if (!rule.comparison().holds(v, rule.clearThreshold())) {
            tracks.remove(key);
            // a resolution is news only to whoever heard of the firing
            boolean tell = !quiet && !t.owed;
            return Optional.of(new Outcome(Action.RESOLVE, rule.id(), scopeKey, v, t.peak, tell, t.pendingSince));
        }
        if (t.acknowledged || quiet) {
            return Optional.empty();
        }
        if (t.owed || !now.isBefore(t.lastNotified.plus(renotify))) {
            t.owed = false;
            t.lastNotified = now;
            return Optional.of(new Outcome(Action.REPEAT, rule.id(), scopeKey, v, t.peak, true, t.pendingSince));
        }
        return Optional.empty();
    }

    /**
     * Evaluates every followed rule and scope again with its last value at {@code now}: what makes a pending
     * condition fire once its minimum duration has passed, a repeat go out, or an owed notice follow quiet
     * hours, when no new value arrives.
     */
    public java.util.List<Outcome> tick(Instant now) {
        java.util.List<Outcome> out = new java.util.ArrayList<>();
        for (Map.Entry<String, Track> e : Map.copyOf(tracks).entrySet()) {
            Track t = e.getValue();
            String scope = e.getKey().substring(e.getKey().indexOf('|') + 1);
            evaluate(t.rule, scope, t.lastValue, now).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The earliest time {@link #tick} may have something to do (a pending condition reaching its minimum
     * duration, a repeat falling due), or empty when nothing is pending or firing unacknowledged.
     */
    public Optional<Instant> nextDeadline() {
        Instant next = null;
        for (Track t : tracks.values()) {
            Instant due = null;
            if (!t.firing) {
                due = t.pendingSince.plusSeconds(t.rule.minDurationSeconds());
            } else if (!t.acknowledged && t.lastNotified != null) {
                due = t.lastNotified.plus(renotify);
            }
            if (due != null && (next == null || due.isBefore(next))) {
                next = due;
            }
        }
        return Optional.ofNullable(next);
    }

    /** Someone acknowledged the incident: no more repeats (it still resolves). */
    public void acknowledge(long ruleId, String scopeKey) {
        Track t = tracks.get(key(ruleId, scopeKey));
        if (t != null) {
            t.acknowledged = true;
        }
    }

    /**
     * Takes up an incident stored as firing before a restart, so it resolves (not fires again) when its figure
     * clears.
     */
    public void restoreFiring(AlertRule rule, String scopeKey, double lastValue, double peak, boolean acknowledged,
                              Instant openedAt, Instant now) {
        Track t = new Track();
        t.rule = rule;
        t.pendingSince = openedAt;
        t.firing = true;
        t.acknowledged = acknowledged;
        t.lastNotified = now;
        t.lastValue = lastValue;
        t.peak = peak;
        tracks.put(key(rule.id(), scopeKey), t);
    }

    /** A rule was changed, disabled or deleted: its tracks go (the caller resolves its open incidents). */
    public void forget(long ruleId) {
        Iterator<String> it = tracks.keySet().iterator();
        String prefix = ruleId + "|";
        while (it.hasNext()) {
            if (it.next().startsWith(prefix)) {
                it.remove();
            }
        }
    }

    public boolean isFiring(long ruleId, String scopeKey) {
        Track t = tracks.get(key(ruleId, scopeKey));
        return t != null && t.firing;
    }

    /** The worst value of a firing rule and scope so far, NaN when it is not firing. */
    public double peak(long ruleId, String scopeKey) {
        Track t = tracks.get(key(ruleId, scopeKey));
        return t != null && t.firing ? t.peak : Double.NaN;
    }

    public int followed() {
        return tracks.size();
    }

    private static double worse(AlertRule rule, double a, double b) {
        return rule.comparison().upward() ? Math.max(a, b) : Math.min(a, b);
    }
}
