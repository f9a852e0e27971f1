package io.queuelens.login.entity;

import io.queuelens.identity.entity.UserAccount;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A remember-me login: the cookie carries {@code selector:validator}; only the validator's SHA-256 is
 * stored, and the validator is replaced at every use, so a copied cookie works once at most and its
 * reuse shows the theft.
 */
@Entity
@Table(name = "remember_me_token")
public class RememberMeToken {

    @Id
    @Column(length = 32)
    private String selector;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private UserAccount user;

    @Column(name = "validator_hash", nullable = false, length = 64)
    private String validatorHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected RememberMeToken() {
        // for JPA
    }

    public RememberMeToken(String selector, UserAccount user, String validatorHash, Instant createdAt, Instant expiresAt) {
        this.selector = selector;
        this.user = user;
        this.validatorHash = validatorHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public void rotate(String newValidatorHash) {
        this.validatorHash = newValidatorHash;
    }

    public String getSelector() {
        return selector;
    }

    public UserAccount getUser() {
        return user;
    }

    public String getValidatorHash() {
        return validatorHash;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
