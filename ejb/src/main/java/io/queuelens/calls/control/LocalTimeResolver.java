package io.queuelens.calls.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * Turns the local DATETIME of a realtime queue_log table (written in the PBX's zone unless
 * {@code queue_log_realtime_use_gmt=yes}) into instants, in table order.
 * <p>
 * When clocks go back, an hour of local times happens twice. Rows come in time order, so a local
 * time in that overlap is read with the earlier offset until the rows have moved past it: once the
 * latest instant seen has reached the moment clocks went back, or the earlier reading would lie more
 * than half the overlap before it (time jumped back), the row belongs to the second pass and gets the
 * later offset. A log that is silent through the whole first pass (a quiet night) gives no such clue;
 * then the callid helps: an Asterisk uniqueid is {@code [systemname-]epoch.seq}, the creation time of
 * the caller's channel, and an event cannot be earlier than its channel. Rows without a callid in that
 * situation stay on the earlier offset until a row decides it (the limit of local-time logs).
 * Times in a spring-forward gap cannot be written by a running PBX; they are moved forward by the gap.
 */
final class LocalTimeResolver {

    private final ZoneId zone;
    private final ZoneRules rules;
    private final ZoneOffset fixed;
    private Instant latest;

    LocalTimeResolver(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
    }

    ZoneId zone() {
        return zone;
    }

    /** The latest instant resolved so far: a reader's checkpoint keeps it so a restart inside the repeated hour reads on correctly. */
    Instant latest() {
        return latest;
    }

    /** Continues after a restart as if the rows up to {@code latestResolved} had just been read. */
    void resumeAfter(Instant latestResolved) {
        this.latest = latestResolved;
    }

    Instant resolve(LocalDateTime local) {
        return resolve(local, null);
    }

    /** @param callId the row's callid, a hint in the repeated hour (may be null or NONE) */
    Instant resolve(LocalDateTime local, String callId) {
        Instant result;
        if (fixed != null) {
            result = local.toInstant(fixed);
        } else {
            ZoneOffsetTransition t = rules.getTransition(local);
            if (t == null) {
                result = local.toInstant(rules.getOffset(local));
            } else if (t.isGap()) {
                result = ZonedDateTime.ofLocal(local, zone, null).toInstant();
            } else {
                Instant early = local.toInstant(t.getOffsetBefore());
                Instant late = local.toInstant(t.getOffsetAfter());
                Duration halfOverlap = t.getDuration().abs().dividedBy(2);
                boolean secondPass = latest != null
                        && (!latest.isBefore(t.getInstant()) || early.plus(halfOverlap).isBefore(latest));
                if (!secondPass) {
                    long created = channelCreatedEpoch(callId);
                    // a second of slack: uniqueid and log time are taken at slightly different moments
                    secondPass = created > 0 && early.getEpochSecond() < created - 1 && late.getEpochSecond() >= created - 1;
                }
                result = secondPass ? late : early;
            }
        }
        if (latest == null || result.isAfter(latest)) {
            latest = result;
        }
        return result;
    }

    /** The epoch second in a uniqueid like {@code 1761440675.4} or {@code pbx1-1761440675.4}, or -1. */
    static long channelCreatedEpoch(String callId) {
        if (callId == null) {
            return -1;
        }
        int dot = callId.lastIndexOf('.');
        if (dot <= 0) {
            return -1;
        }
        int start = callId.lastIndexOf('-', dot) + 1;
        if (dot - start < 9 || dot - start > 11) {
            return -1;
        }
        long v = 0;
        for (int i = start; i < dot; i++) {
            char c = callId.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
