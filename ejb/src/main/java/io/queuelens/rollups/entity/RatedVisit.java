package io.queuelens.rollups.entity;

import io.queuelens.calls.entity.QueueVisit;

import java.time.Instant;
import java.util.Objects;

/**
 * A visit as the rollups count it: the fact plus what is derived from other facts. Both derived
 * values can change after the visit itself ended (the ACW pause ends later; the caller calls again
 * tomorrow), which is why a bucket can replace a visit's contribution.
 *
 * @param acwSeconds after-call work matched to the visit ({@code AfterCallWorkMatcher}), 0 if none
 * @param repeat     the caller called again within the window ({@code RepeatDetector})
 */
public record RatedVisit(QueueVisit visit, int acwSeconds, boolean repeat) {

    public RatedVisit {
        Objects.requireNonNull(visit, "visit");
        if (acwSeconds < 0) {
            throw new IllegalArgumentException("acwSeconds is never negative: " + visit.callId());
        }
    }

    public static RatedVisit of(QueueVisit visit) {
        return new RatedVisit(visit, 0, false);
    }

    /** The bucket a visit is attributed to: the one in which the caller entered the queue. */
    public Instant bucketStart() {
        return Buckets.floor(visit.enteredAt());
    }

    public String naturalKey() {
        return visit.naturalKey();
    }

    public RatedVisit withRepeat(boolean value) {
        return new RatedVisit(visit, acwSeconds, value);
    }

    public RatedVisit withAcwSeconds(int value) {
        return new RatedVisit(visit, value, repeat);
    }
}
