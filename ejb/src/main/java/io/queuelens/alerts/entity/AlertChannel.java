package io.queuelens.alerts.entity;

import java.util.Objects;

/**
 * A tenant's notification channel (table {@code alert_channel}). The secret (a webhook's HMAC key, the
 * Telegram bot token) is stored through the vault and never leaves the server: {@code secretSet} says
 * whether there is one.
 */
public record AlertChannel(long id, String tenantId, String name, ChannelKind kind, String target, boolean secretSet,
                           boolean enabled) {

    public AlertChannel {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(kind, "kind");
    }
}
