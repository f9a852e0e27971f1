package io.queuelens.subscriptions.entity;

import java.io.Serializable;
import java.time.Instant;

/**
 * One run of a subscription: the scheduled instant (or the "send now" instant), the period it reports on,
 * its status (PENDING, SENT, FAILED) and error, and the mail it queued.
 */
public record SubscriptionRun(long id, long subscriptionId, String tenant, String runKey, Instant scheduledAt,
                              Instant periodFrom, Instant periodTo, String requestedBy, String status, String error,
                              Long mailId, Instant createdAt, Instant finishedAt) implements Serializable {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    /** The run key of a scheduled run: the same for every server that sees it due. */
    public static String scheduledKey(long subscriptionId, Instant at) {
        return "subscription " + subscriptionId + " at " + at;
    }

    public static String sendNowKey(long subscriptionId, Instant at) {
        return "subscription " + subscriptionId + " now " + at;
    }
}
