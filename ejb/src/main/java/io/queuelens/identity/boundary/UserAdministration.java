package io.queuelens.identity.boundary;

import io.queuelens.audit.entity.Audited;
import io.queuelens.identity.control.GrantStore;
import io.queuelens.identity.control.RandomPasswords;
import io.queuelens.identity.entity.InvalidUser;
import io.queuelens.identity.entity.Role;
import io.queuelens.identity.entity.UserAccount;
import io.queuelens.identity.entity.UserDraft;
import io.queuelens.identity.entity.UserSummary;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.annotation.Resource;
import io.queuelens.login.boundary.Sessions;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the users page does: invite (a user with a random one-time password that must be changed at
 * first login), reset a password the same way, disable/enable, change roles, tenants and queues. Every
 * change fires an {@link Audited} event inside its transaction.
 */
@Stateless
public class UserAdministration {

    /** Length of the one-time passwords an admin hands over. */
    public static final int ONE_TIME_PASSWORD_LENGTH = 16;

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    Event<Audited> audit;

    @Inject
    Sessions sessions;

    public List<UserSummary> list() {
        List<UserSummary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (UserAccount u : em.createNamedQuery("UserAccount.findAll", UserAccount.class).getResultList()) {
                out.add(new UserSummary(u.getUsername(), u.getRoles(), u.isEnabled(), u.isMustChangePassword(),
                        GrantStore.grants(c, u.getId()), u.getLocale(), u.getCreatedAt()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read users", e);
        }
        return out;
    }

    /**
     * Creates the user and returns the one-time password, to be shown to the admin once.
     *
     * @throws InvalidUser naming every bad field, or the name when it is taken
     */
    public String invite(UserDraft draft, String actor) {
        Map<String, String> problems = new LinkedHashMap<>(check(draft));
        if (!problems.containsKey("username") && find(draft.username().strip()) != null) {
            problems.put("username", "users.error.taken");
        }
        if (!problems.isEmpty()) {
            throw new InvalidUser(problems);
        }
        String password = RandomPasswords.generate(ONE_TIME_PASSWORD_LENGTH);
        UserAccount user = new UserAccount(draft.username().strip(), passwordHash.generate(password.toCharArray()),
                draft.roles());
        em.persist(user);
        em.flush(); // the grant rows below reference the new id
        writeGrants(user, draft);
        audit.fire(Audited.now(actor, null, "user.created", user.getUsername(), describe(draft)));
        return password;
    }

    /** Changes roles, tenants and queues. @throws InvalidUser naming every bad field */
    public void change(UserDraft draft, String actor) {
        Map<String, String> problems = check(draft);
        if (!problems.isEmpty()) {
            throw new InvalidUser(problems);
        }
        UserAccount user = require(draft.username().strip());
        user.setRoles(draft.roles());
        em.flush();
        writeGrants(user, draft);
        audit.fire(Audited.now(actor, null, "user.changed", user.getUsername(), describe(draft)));
    }

    /** Gives the user a new random one-time password (returned once) that must be changed at next login. */
    public String resetPassword(String username, String actor) {
        UserAccount user = require(username);
        String password = RandomPasswords.generate(ONE_TIME_PASSWORD_LENGTH);
        user.resetPassword(passwordHash.generate(password.toCharArray()));
        audit.fire(Audited.now(actor, null, "user.password-reset", username, null));
        sessions.endSessions(username, actor, "password reset"); // whoever held the old password is out, remember-me too
        return password;
    }

    /** Disabling takes effect on the user's next request (CallerAccess reads the flag every request). */
    public void setEnabled(String username, boolean enabled, String actor) {
        if (!enabled && username.equals(actor)) {
            throw new InvalidUser(Map.of("username", "users.error.disableSelf"));
        }
        UserAccount user = require(username);
        user.setEnabled(enabled);
        audit.fire(Audited.now(actor, null, enabled ? "user.enabled" : "user.disabled", username, null));
        if (!enabled) {
            sessions.endSessions(username, actor, "user disabled"); // remember-me logins too, not only open sessions
        }
    }

    /** The user's own language choice (one of the supported tags), kept for their next logins. */
    public void setLocale(String username, String locale) {
        UserAccount user = find(username);
        if (user != null) {
            user.setLocale(locale);
        }
    }

    private Map<String, String> check(UserDraft draft) {
        Map<String, String> problems = new LinkedHashMap<>(draft.problems());
        for (String tenant : draft.grants().keySet()) {
            if (tenant == null || !Tenant.ID_PATTERN.matcher(tenant).matches() || em.find(Tenant.class, tenant) == null) {
                problems.put("tenants", "users.error.unknownTenant");
            }
        }
        return problems;
    }

    private void writeGrants(UserAccount user, UserDraft draft) {
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        if (!draft.roles().contains(Role.ADMIN)) { // an ADMIN sees every tenant: grants would mean nothing
            draft.grants().forEach((t, qs) -> grants.put(t, qs.stream().map(String::strip)
                    .collect(Collectors.toCollection(TreeSet::new))));
        }
        try (Connection c = dataSource.getConnection()) {
            GrantStore.replaceGrants(c, user.getId(), grants);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the grants of " + user.getUsername(), e);
        }
    }

    private static String describe(UserDraft draft) {
        return "roles " + draft.roles() + (draft.roles().contains(Role.ADMIN) ? "" : ", tenants " + draft.grants());
    }

    private UserAccount find(String username) {
        return em.createNamedQuery("UserAccount.findByUsername", UserAccount.class).setParameter("username", username)
                .getResultStream().findFirst().orElse(null);
    }

    private UserAccount require(String username) {
        UserAccount u = find(username);
        if (u == null) {
            throw new InvalidUser(Map.of("username", "users.error.unknown"));
        }
        return u;
    }

}
