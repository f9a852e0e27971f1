package io.queuelens.login.entity;

import io.queuelens.identity.entity.UserAccount;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A user's API token. The token itself is shown once when created; only its SHA-256 digest and a short
 * prefix (to tell tokens apart in a list) are stored.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = "ApiToken.byHash", query = "select t from ApiToken t join fetch t.user where t.tokenHash = :hash")
@NamedQuery(name = "ApiToken.ofUser", query = "select t from ApiToken t join fetch t.user u where u.username = :username order by t.id")
@NamedQuery(name = "ApiToken.all", query = "select t from ApiToken t join fetch t.user order by t.id")
public class ApiToken {

    public static final int NAME_MAX = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private UserAccount user;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(nullable = false, length = 16)
    private String prefix;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {
        // for JPA
    }

    public ApiToken(UserAccount user, String name, String prefix, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.user = user;
        this.name = name;
        this.prefix = prefix;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Whether the token may authenticate at {@code now}: neither revoked nor expired, and its user enabled. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt)) && user.isEnabled();
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public void used(Instant at) {
        lastUsedAt = at;
    }

    public Long getId() {
        return id;
    }

    public UserAccount getUser() {
        return user;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
