package io.queuelens.mail.entity;

import java.time.Instant;
import java.util.List;

/** One outbox row as the delivery log shows it (without bodies and attachments). */
public record MailDelivery(long id, String scope, String purpose, List<String> recipients, String subject,
                           DeliveryStatus status, int attempts, Instant nextAttemptAt, String lastError,
                           Instant createdAt, Instant sentAt) {

    public MailDelivery {
        recipients = List.copyOf(recipients);
    }

    public String recipientList() {
        return String.join(", ", recipients);
    }
}
