package io.queuelens.mail.entity;

/**
 * Where a message of the outbox is: waiting for its first try, being sent (claimed by a server), waiting
 * for a retry after a temporary failure, sent, or given up (a permanent SMTP error, or too many attempts).
 */
public enum DeliveryStatus {
    PENDING, SENDING, RETRYING, SENT, FAILED
}
