package io.queuelens.live.control;

import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.rollups.entity.Buckets;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Today's totals per queue as the wallboard shows them, kept per 15-minute bucket of the time the caller
 * entered (the rollups' buckets) from two sides: the visits the live model counted from events, and the
 * stored facts' rollups, read again every so often. A bucket shows the side with more calls offered, the
 * stored facts on a tie.
 * <p>
 * Why both: the facts are complete for a bucket once the history reader has read its calls, including the
 * calls the model never saw join (before a restart, while a connection was down, callers already waiting
 * when the model started), so a restart or a lost connection no longer leaves the day short until midnight.
 * The live side is ahead for the bucket in progress, whose calls the reader has not read yet, so the
 * wallboard still counts a call the moment it joins.
 */
final class TodayTotals {

    private final Map<String, Map<Instant, QueueTotals>> counted = new HashMap<>();
    private final Map<String, Map<Instant, QueueTotals>> stored = new HashMap<>();
    /** Per queue, the sum of each bucket's chosen side: updated per bucket on a count, rebuilt on a store. */
    private final SortedMap<String, QueueTotals> shown = new TreeMap<>();

    /** A visit counted by the model changed from {@code before} to {@code now} (ZERO before its first count). */
    void count(String queue, Instant enteredAt, QueueTotals before, QueueTotals now) {
        Instant bucket = Buckets.floor(enteredAt);
        Map<Instant, QueueTotals> ofQueue = counted.computeIfAbsent(queue, q -> new HashMap<>());
        QueueTotals old = ofQueue.getOrDefault(bucket, QueueTotals.ZERO);
        QueueTotals updated = old.minus(before).plus(now);
        ofQueue.put(bucket, updated);
        QueueTotals storedHere = stored.getOrDefault(queue, Map.of()).get(bucket);
        QueueTotals shownBefore = chosen(old, storedHere);
        QueueTotals shownNow = chosen(updated, storedHere);
        if (shownBefore != shownNow) {
            shown.put(queue, shown.getOrDefault(queue, QueueTotals.ZERO).minus(shownBefore).plus(shownNow));
        }
    }

    /** Replaces the stored side with the facts' buckets of today, per queue. */
    void store(Map<String, Map<Instant, QueueTotals>> facts) {
        Set<String> queues = new HashSet<>(stored.keySet());
        queues.addAll(facts.keySet());
        stored.clear();
        facts.forEach((q, buckets) -> stored.put(q, new HashMap<>(buckets)));
        queues.forEach(this::rebuild);
    }

    QueueTotals of(String queue) {
        return shown.getOrDefault(queue, QueueTotals.ZERO);
    }

    /** Every queue with figures today, by name. */
    SortedMap<String, QueueTotals> all() {
        return Collections.unmodifiableSortedMap(shown);
    }

    /** A new day: both sides start from nothing. */
    void clear() {
        counted.clear();
        stored.clear();
        shown.clear();
    }

    private void rebuild(String queue) {
        Map<Instant, QueueTotals> live = counted.getOrDefault(queue, Map.of());
        Map<Instant, QueueTotals> facts = stored.getOrDefault(queue, Map.of());
        Set<Instant> buckets = new HashSet<>(live.keySet());
        buckets.addAll(facts.keySet());
        QueueTotals sum = QueueTotals.ZERO;
        for (Instant b : buckets) {
            sum = sum.plus(chosen(live.getOrDefault(b, QueueTotals.ZERO), facts.get(b)));
        }
        if (buckets.isEmpty()) {
            shown.remove(queue);
        } else {
            shown.put(queue, sum);
        }
    }

    /** The side a bucket shows: the stored facts unless the live count has more calls offered. */
    private static QueueTotals chosen(QueueTotals live, QueueTotals facts) {
        if (facts == null) {
            return live;
        }
        return live.offered() > facts.offered() ? live : facts;
    }
}
