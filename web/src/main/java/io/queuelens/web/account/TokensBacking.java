package io.queuelens.web.account;

import io.queuelens.login.boundary.ApiTokens;
import io.queuelens.login.entity.CreatedToken;
import io.queuelens.login.entity.TokenInfo;
import io.queuelens.login.entity.TokenRejected;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.queuelens.web.i18n.Messages.text;

/**
 * Backs account/tokens.xhtml: a user's API tokens (create, shown once; list; revoke); an ADMIN also
 * sees and may revoke everyone's.
 */
@Named
@RequestScoped
public class TokensBacking {

    @Inject
    ApiTokens tokens;

    @Inject
    SecurityContext security;

    @Inject
    FacesContext faces;

    private String name;
    private Integer expiresInDays;
    private String createdToken;
    private List<TokenInfo> own;
    private List<TokenInfo> all;

    public void create() {
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650)) {
            fieldError("tokens:expiresInDays", "tokens.expiryRange");
            return;
        }
        Instant expiresAt = expiresInDays == null ? null : Instant.now().plus(Duration.ofDays(expiresInDays));
        try {
            CreatedToken created = tokens.create(caller(), name, expiresAt);
            createdToken = created.token();
            name = null;
            expiresInDays = null;
            own = null;
            all = null;
        } catch (TokenRejected e) {
            fieldError("expiresAt".equals(e.field()) ? "tokens:expiresInDays" : "tokens:name", e.key());
        }
    }

    public void revoke(long id) {
        if (tokens.revoke(id, caller(), isAdmin())) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("tokens.revoked"), null));
        } else {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text("tokens.notFound"), null));
        }
        own = null;
        all = null;
    }

    public List<TokenInfo> getOwn() {
        if (own == null) {
            own = tokens.ofUser(caller());
        }
        return own;
    }

    /** Every user's tokens, for an ADMIN; empty for anyone else. */
    public List<TokenInfo> getAll() {
        if (all == null) {
            all = isAdmin() ? tokens.all() : List.of();
        }
        return all;
    }

    public boolean active(TokenInfo t) {
        return t.active(Instant.now());
    }

    public boolean isAdmin() {
        return security.isCallerInRole("ADMIN");
    }

    private String caller() {
        return security.getCallerPrincipal().getName();
    }

    private void fieldError(String clientId, String key) {
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key), null));
        faces.validationFailed();
    }

    public String getCreatedToken() {
        return createdToken;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getExpiresInDays() {
        return expiresInDays;
    }

    public void setExpiresInDays(Integer expiresInDays) {
        this.expiresInDays = expiresInDays;
    }
}
