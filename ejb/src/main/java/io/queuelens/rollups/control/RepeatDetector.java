package io.queuelens.rollups.control;

import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.entity.KpiSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Repeat contacts (KPI.md, repeatRate): an answered visit is a repeat when the same caller number
 * calls again, as another call (a different callid, so an overflow or transfer of the same call
 * does not count), in any queue of the tenant, entering after the visit entered and no later than
 * {@code repeatWindowHours} after the visit ended. The window is the answered visit's queue's.
 *
 * <p>The flag belongs to the earlier visit but is only known when the later one arrives, possibly
 * out of order (bulk imports). So the detector keeps each caller's recent visits and, on every
 * visit it is told about, recomputes the flags of that caller's visits and returns those that
 * changed: the pipeline then replaces each changed visit's contribution in its bucket
 * ({@code QueueRollups} does). A caller's visits within a window are few, so this is cheap.
 * Anonymous or withheld numbers never repeat. Single writer; not thread-safe.
 */
public final class RepeatDetector {

    /** A visit whose repeat flag changed. */
    public record Change(QueueVisit visit, boolean repeat) {
    }

    private static final Set<String> ANONYMOUS = Set.of("", "ANONYMOUS", "UNKNOWN", "<UNKNOWN>", "RESTRICTED",
            "PRIVATE", "UNAVAILABLE", "WITHHELD");

    /** What a number may be written with besides its digits: blanks, dashes, parentheses, dots. */
    private static final Pattern FORMATTING = Pattern.compile("[\\s\\-().]");

    private final Function<QueueVisit, KpiSettings> settings;
    private final Map<String, Map<String, QueueVisit>> visitsByCaller = new HashMap<>();
    private final Set<String> repeats = new HashSet<>();

    public RepeatDetector(Function<QueueVisit, KpiSettings> settings) {
        this.settings = settings;
    }

    /** The flags of a finished set of visits at once (a rebuild): natural keys of the repeat visits. */
    public static Set<String> repeatsAmong(Collection<QueueVisit> visits, Function<QueueVisit, KpiSettings> settings) {
        RepeatDetector d = new RepeatDetector(settings);
        visits.forEach(d::record);
        return Set.copyOf(d.repeats);
    }

    /** Records a new or changed visit; returns every visit whose repeat flag changed, this one included. */
    public List<Change> record(QueueVisit v) {
        String caller = callerKey(v);
        if (caller == null) {
            return repeats.remove(v.naturalKey()) ? List.of(new Change(v, false)) : List.of();
        }
        Map<String, QueueVisit> visits = visitsByCaller.computeIfAbsent(caller, k -> new LinkedHashMap<>());
        visits.put(v.naturalKey(), v);
        List<Change> changes = new ArrayList<>();
        for (QueueVisit earlier : visits.values()) {
            boolean now = isRepeat(earlier, visits.values());
            boolean before = repeats.contains(earlier.naturalKey());
            if (now != before) {
                if (now) {
                    repeats.add(earlier.naturalKey());
                } else {
                    repeats.remove(earlier.naturalKey());
                }
                changes.add(new Change(earlier, now));
            }
        }
        return changes;
    }

    public boolean isRepeat(String naturalKey) {
        return repeats.contains(naturalKey);
    }

    /**
     * Forgets visits that entered before {@code t} (their flags can no longer change once {@code t}
     * is past their window); keeps memory bounded in a long-running pipeline.
     */
    public void forgetEnteredBefore(Instant t) {
        for (Iterator<Map<String, QueueVisit>> it = visitsByCaller.values().iterator(); it.hasNext(); ) {
            Map<String, QueueVisit> visits = it.next();
            visits.values().removeIf(v -> {
                boolean old = v.enteredAt().isBefore(t);
                if (old) {
                    repeats.remove(v.naturalKey());
                }
                return old;
            });
            if (visits.isEmpty()) {
                it.remove();
            }
        }
    }

    private boolean isRepeat(QueueVisit earlier, Collection<QueueVisit> sameCaller) {
        if (!earlier.answered()) {
            return false;
        }
        int hours = settings.apply(earlier).repeatWindowHours();
        if (hours == 0) {
            return false;
        }
        Instant windowEnd = end(earlier).plus(Duration.ofHours(hours));
        for (QueueVisit later : sameCaller) {
            if (!later.callId().equals(earlier.callId()) && later.enteredAt().isAfter(earlier.enteredAt())
                    && !later.enteredAt().isAfter(windowEnd)) {
                return true;
            }
        }
        return false;
    }

    /** Where a visit's repeat window starts: its end, else its answer, else its entry. */
    static Instant end(QueueVisit v) {
        if (v.endedAt() != null) {
            return v.endedAt();
        }
        return v.connectedAt() != null ? v.connectedAt() : v.enteredAt();
    }

    /** tenant + caller number without blanks; null for anonymous callers. */
    static String callerKey(QueueVisit v) {
        String n = v.callerNumber();
        if (n == null) {
            return null;
        }
        if (isPlainNumber(n)) { // nearly every caller: nothing to clean, and never one of the anonymous words
            return v.tenantId() + "|" + n;
        }
        String cleaned = FORMATTING.matcher(n).replaceAll("");
        if (ANONYMOUS.contains(cleaned.toUpperCase(Locale.ROOT))) {
            return null;
        }
        return v.tenantId() + "|" + cleaned;
    }

    /** Digits with at most a leading plus: what {@link #FORMATTING} would leave as it is. */
    private static boolean isPlainNumber(String n) {
        int start = n.startsWith("+") ? 1 : 0;
        if (n.length() == start) {
            return false;
        }
        for (int i = start; i < n.length(); i++) {
            char ch = n.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }
}
