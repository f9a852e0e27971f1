package io.queuelens.identity.boundary;

import io.queuelens.identity.control.PasswordPolicy;
import io.queuelens.identity.entity.Role;
import io.queuelens.identity.entity.UserAccount;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import java.util.Optional;
import java.util.Set;

/** Users and their credentials. Passwords are hashed with PBKDF2 (Jakarta Security). */
@Stateless
public class Users {

    @PersistenceContext
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    Event<PasswordChanged> passwordChanged;

    public Optional<UserAccount> findByUsername(String username) {
        return em.createNamedQuery("UserAccount.findByUsername", UserAccount.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    public long count() {
        return em.createNamedQuery("UserAccount.count", Long.class).getSingleResult();
    }

    /** The enabled user with these credentials, or empty. Takes the same time for unknown users. */
    public Optional<UserAccount> authenticate(String username, String password) {
        Optional<UserAccount> user = findByUsername(username).filter(UserAccount::isEnabled);
        if (user.isEmpty()) {
            passwordHash.generate("timing-equaliser".toCharArray());
            return Optional.empty();
        }
        return passwordHash.verify(password.toCharArray(), user.get().getPasswordHash()) ? user : Optional.empty();
    }

    /** Creates a user whose password must be changed at first login. */
    public UserAccount create(String username, String initialPassword, Set<Role> roles) {
        UserAccount user = new UserAccount(username, passwordHash.generate(initialPassword.toCharArray()), roles);
        em.persist(user);
        return user;
    }

    /**
     * Replaces a user's password after checking the current one and the policy.
     *
     * @throws PasswordChangeRejected with the bundle key of the reason
     */
    public void changePassword(String username, String currentPassword, String newPassword) {
        UserAccount user = authenticate(username, currentPassword)
                .orElseThrow(() -> new PasswordChangeRejected("password.currentWrong"));
        if (newPassword.equals(currentPassword)) {
            throw new PasswordChangeRejected("password.sameAsCurrent");
        }
        PasswordPolicy.violation(username, newPassword).ifPresent(key -> {
            throw new PasswordChangeRejected(key);
        });
        user.changePassword(passwordHash.generate(newPassword.toCharArray()));
        passwordChanged.fire(new PasswordChanged(username));
    }
}
