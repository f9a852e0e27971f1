package io.queuelens.login.entity;

import java.time.Instant;

/** What may be shown of a token: never the token, never its digest. */
public record TokenInfo(long id, String owner, String name, String prefix, Instant createdAt, Instant expiresAt,
                        Instant lastUsedAt, Instant revokedAt) {

    public static TokenInfo of(ApiToken t) {
        return new TokenInfo(t.getId(), t.getUser().getUsername(), t.getName(), t.getPrefix(), t.getCreatedAt(),
                t.getExpiresAt(), t.getLastUsedAt(), t.getRevokedAt());
    }

    public boolean active(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
