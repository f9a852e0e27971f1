package io.queuelens.login.boundary;

import io.queuelens.audit.entity.Audited;
import io.queuelens.identity.entity.UserAccount;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/**
 * Header-based single sign-on behind a corporate portal: a trusted reverse proxy (QUEUELENS_TRUSTED_PROXIES)
 * that has authenticated the person names them in a header (QUEUELENS_SSO_HEADER); that existing,
 * enabled user is logged in without a password. Users are not created here: an unknown or disabled
 * name is refused.
 */
@Stateless
public class SingleSignOn {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<Audited> audit;

    /** The enabled user named by the proxy's header, with their current roles; empty (audited) otherwise. */
    public Optional<ApiTokens.Caller> logIn(String username, String proxy) {
        Optional<UserAccount> user = em.createNamedQuery("UserAccount.findByUsername", UserAccount.class)
                .setParameter("username", username).getResultStream().findFirst().filter(UserAccount::isEnabled);
        String name = username.length() > 100 ? username.substring(0, 100) : username;
        if (user.isEmpty()) {
            audit.fire(Audited.now(name, null, "login.failed", name, "single sign-on via " + proxy + ": no such enabled user"));
            return Optional.empty();
        }
        audit.fire(Audited.now(user.get().getUsername(), null, "login.succeeded", user.get().getUsername(),
                "single sign-on via " + proxy));
        return Optional.of(new ApiTokens.Caller(user.get().getUsername(), user.get().getRoles()));
    }
}
