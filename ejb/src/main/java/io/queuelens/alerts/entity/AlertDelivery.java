package io.queuelens.alerts.entity;

import java.time.Instant;

/**
 * One notification of an incident to one channel (table {@code alert_delivery}): the delivery log's line.
 *
 * @param status PENDING, SENDING, RETRYING, SENT or FAILED
 */
public record AlertDelivery(long id, long incidentId, long channelId, ChannelKind kind, String status, int attempts,
                            Integer httpStatus, String lastError, Instant createdAt, Instant updatedAt,
                            Instant nextAttemptAt) {
}
