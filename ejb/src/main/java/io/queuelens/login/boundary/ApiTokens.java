package io.queuelens.login.boundary;

import io.queuelens.audit.entity.Audited;
import io.queuelens.identity.entity.Role;
import io.queuelens.identity.entity.UserAccount;
import io.queuelens.login.control.Secrets;
import io.queuelens.login.entity.ApiToken;
import io.queuelens.login.entity.CreatedToken;
import io.queuelens.login.entity.TokenInfo;
import io.queuelens.login.entity.TokenRejected;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Per-user API tokens for the REST API ({@code Authorization: Bearer qlt_...}). A token acts as its
 * user with the roles the user has when it is used, so a changed role or a disabled user takes effect
 * at once. Users manage their own tokens; an ADMIN may list and revoke anyone's.
 */
@Stateless
public class ApiTokens {

    /** Every token starts so, which lets secret scanners and people recognise it. */
    public static final String TOKEN_START = "qlt_";
    /** How much of the token is kept in clear to tell tokens apart: "qlt_" and 6 characters. */
    static final int PREFIX_LENGTH = 10;
    /** Last-use times are written at most this often per token, not at every request. */
    private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<Audited> audit;

    /**
     * Creates a token for {@code username}.
     *
     * @param expiresAt null for a token that does not expire
     * @throws TokenRejected for a blank or long name, an expiry not in the future, or an unknown user
     */
    public CreatedToken create(String username, String name, Instant expiresAt) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty()) {
            throw new TokenRejected("tokens.nameRequired", "name", "name is required");
        }
        if (label.length() > ApiToken.NAME_MAX) {
            throw new TokenRejected("tokens.nameTooLong", "name", "name must have at most " + ApiToken.NAME_MAX + " characters");
        }
        Instant now = Instant.now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new TokenRejected("tokens.expiryPast", "expiresAt", "expiresAt must be in the future");
        }
        UserAccount user = em.createNamedQuery("UserAccount.findByUsername", UserAccount.class)
                .setParameter("username", username).getResultStream().findFirst()
                .orElseThrow(() -> new TokenRejected("tokens.noUser", null, "tokens belong to users; '" + username + "' is none"));
        String token = TOKEN_START + Secrets.random(32);
        ApiToken row = new ApiToken(user, label, token.substring(0, PREFIX_LENGTH), Secrets.sha256(token), now, expiresAt);
        em.persist(row);
        em.flush();
        audit.fire(Audited.now(username, null, "token.created", username,
                "token " + row.getPrefix() + "… '" + label + "'" + (expiresAt == null ? "" : ", expires " + expiresAt)));
        return new CreatedToken(TokenInfo.of(row), token);
    }

    public List<TokenInfo> ofUser(String username) {
        return em.createNamedQuery("ApiToken.ofUser", ApiToken.class).setParameter("username", username)
                .getResultStream().map(TokenInfo::of).toList();
    }

    public List<TokenInfo> all() {
        return em.createNamedQuery("ApiToken.all", ApiToken.class).getResultStream().map(TokenInfo::of).toList();
    }

    /**
     * Revokes token {@code id} on behalf of {@code actor}: their own, or anyone's when {@code admin}.
     *
     * @return false when there is no such token the actor may revoke (the same answer for another user's
     *         token as for none, so ids reveal nothing)
     */
    public boolean revoke(long id, String actor, boolean admin) {
        ApiToken t = em.find(ApiToken.class, id);
        if (t == null || !(admin || t.getUser().getUsername().equals(actor))) {
            return false;
        }
        if (t.getRevokedAt() == null) {
            t.revoke(Instant.now());
            audit.fire(Audited.now(actor, null, "token.revoked", t.getUser().getUsername(),
                    "token " + t.getPrefix() + "… '" + t.getName() + "'"));
        }
        return true;
    }

    /** The user name and current roles of the user whose usable token this is. */
    public Optional<Caller> authenticate(String presented) {
        if (presented == null || !presented.startsWith(TOKEN_START) || presented.length() > 200) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<ApiToken> token = em.createNamedQuery("ApiToken.byHash", ApiToken.class)
                .setParameter("hash", Secrets.sha256(presented)).getResultStream().findFirst()
                .filter(t -> t.usableAt(now));
        token.filter(t -> t.getLastUsedAt() == null || t.getLastUsedAt().isBefore(now.minus(LAST_USE_RESOLUTION)))
                .ifPresent(t -> t.used(now));
        return token.map(t -> new Caller(t.getUser().getUsername(), t.getUser().getRoles()));
    }

    /** Who a token authenticates as. */
    public record Caller(String username, Set<Role> roles) {
    }
}
