package io.queuelens.audit.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * Something worth an audit line happened: fire it as a CDI event ({@code Event<Audited>}), synchronously,
 * inside the transaction that made the change, so the line and the change commit or roll back together.
 *
 * @param actor    who did it: a user name, {@code api-token}, or {@code system}
 * @param tenantId the tenant it concerns, or null for server-wide things (users, tenants, logins)
 * @param action   what was done, a stable dotted code such as {@code login.failed}, {@code source.changed},
 *                 {@code user.disabled} (the audit page translates the known ones)
 * @param target   what it was done to (a user name, a source id, a queue), or null
 * @param detail   short free text for the reader (never a secret), or null
 * @param at       when
 */
public record Audited(String actor, String tenantId, String action, String target, String detail, Instant at) {

    public Audited {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
    }

    public static Audited now(String actor, String tenantId, String action, String target, String detail) {
        return new Audited(actor, tenantId, action, target, detail, Instant.now());
    }
}
