package io.queuelens.rollups.control;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.rollups.entity.RatedVisit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps queue buckets up to date as visits arrive and change, the incremental protocol the
 * persistent rollup writer follows:
 * <ol>
 *   <li>a visit is upserted by natural key: its previous contribution is subtracted from its bucket
 *       and the new one added (OPEN to ANSWERED, ACW known later, ...);</li>
 *   <li>the {@link RepeatDetector} reports every visit whose repeat flag changed, and each of those is
 *       replaced the same way in its own (earlier) bucket;</li>
 *   <li>when a subtraction removes the visit holding a bucket's maxWait, the maximum is recomputed at
 *       once from the bucket's visits, so a bucket's maxWait is always exact here.</li>
 * </ol>
 * A new bucket takes the settings in force for its queue at the bucket's start (settings take
 * effect on the 15-minute grid). Holds the visits in memory; single writer, not thread-safe.
 */
public final class QueueRollups {

    private final KpiSettingsHistory settings;
    private final RepeatDetector repeats;
    private final Map<String, RatedVisit> visits = new HashMap<>();
    private final Map<String, QueueBucket> buckets = new HashMap<>();
    private final Map<String, Set<String>> visitsByBucket = new HashMap<>();

    public QueueRollups(KpiSettingsHistory settings) {
        this.settings = settings;
        this.repeats = new RepeatDetector(v -> settingsFor(v.queue(), RatedVisit.of(v).bucketStart()));
    }

    /** Adds or updates a visit, keeping the after-call work already known for it. */
    public void upsert(QueueVisit v) {
        RatedVisit known = visits.get(v.naturalKey());
        upsert(v, known == null ? 0 : known.acwSeconds());
    }

    /** Adds or updates a visit with its after-call work (from {@link AfterCallWorkMatcher}). */
    public void upsert(QueueVisit v, int acwSeconds) {
        List<RepeatDetector.Change> changes = repeats.record(v);
        replace(new RatedVisit(v, acwSeconds, repeats.isRepeat(v.naturalKey())));
        for (RepeatDetector.Change c : changes) {
            RatedVisit current = visits.get(c.visit().naturalKey());
            if (current != null && current.repeat() != c.repeat()) {
                replace(current.withRepeat(c.repeat()));
            }
        }
    }

    /** The ACW of a visit became known or changed (its pause ended). */
    public void setAcwSeconds(String naturalKey, int acwSeconds) {
        RatedVisit current = visits.get(naturalKey);
        if (current == null) {
            throw new IllegalArgumentException("no visit " + naturalKey);
        }
        replace(current.withAcwSeconds(acwSeconds));
    }

    public Optional<RatedVisit> findVisit(String naturalKey) {
        return Optional.ofNullable(visits.get(naturalKey));
    }

    public Optional<QueueBucket> findBucket(String tenantId, String queue, Instant start) {
        return Optional.ofNullable(buckets.get(tenantId + "|" + queue + "|" + start));
    }

    /** Every non-empty bucket, ordered by start, then queue. */
    public List<QueueBucket> buckets() {
        List<QueueBucket> list = new ArrayList<>(buckets.values());
        list.sort(Comparator.comparing(QueueBucket::start).thenComparing(QueueBucket::queue)
                .thenComparing(QueueBucket::tenantId));
        return list;
    }

    private void replace(RatedVisit after) {
        RatedVisit before = visits.put(after.naturalKey(), after);
        if (before != null) {
            String key = bucketKey(before);
            QueueBucket b = buckets.get(key).subtract(before);
            Set<String> members = visitsByBucket.get(key);
            members.remove(before.naturalKey());
            if (!b.maxWaitExact()) {
                b = recomputeMaxWait(b, members);
            }
            store(key, b, members);
        }
        String key = bucketKey(after);
        QueueBucket b = buckets.get(key);
        if (b == null) {
            b = QueueBucket.emptyFor(after, settingsFor(after.visit().queue(), after.bucketStart()));
        }
        Set<String> members = visitsByBucket.computeIfAbsent(key, k -> new LinkedHashSet<>());
        members.add(after.naturalKey());
        store(key, b.add(after), members);
    }

    private QueueBucket recomputeMaxWait(QueueBucket b, Collection<String> members) {
        long max = 0;
        long holders = 0;
        for (String m : members) {
            QueueVisit v = visits.get(m).visit();
            if (v.outcome() == Outcome.OPEN) {
                continue;
            }
            if (v.waitSeconds() > max) {
                max = v.waitSeconds();
                holders = 1;
            } else if (v.waitSeconds() == max) {
                holders++;
            }
        }
        return b.withMaxWait(max, holders);
    }

    private void store(String key, QueueBucket b, Set<String> members) {
        if (b.isEmpty() && members.isEmpty()) {
            buckets.remove(key);
            visitsByBucket.remove(key);
        } else {
            buckets.put(key, b);
        }
    }

    private KpiSettings settingsFor(String queue, Instant bucketStart) {
        return settings.getEffective(queue, bucketStart);
    }

    private static String bucketKey(RatedVisit v) {
        return v.visit().tenantId() + "|" + v.visit().queue() + "|" + v.bucketStart();
    }
}
