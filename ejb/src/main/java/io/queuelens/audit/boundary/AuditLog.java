package io.queuelens.audit.boundary;

import io.queuelens.audit.control.AuditTable;
import io.queuelens.audit.entity.AuditPage;
import io.queuelens.audit.entity.AuditQuery;
import io.queuelens.audit.entity.Audited;
import io.queuelens.identity.boundary.PasswordChanged;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Stores every {@link Audited} event and reads the log. The observer is synchronous and takes its
 * connection from the container's transactional pool, so inside a JTA transaction (a JPA change such as
 * a password) the line is enlisted in it and commits or rolls back with the change; components that
 * commit JDBC transactions of their own fire after their commit. A line that cannot be stored fails the
 * firing call: an unrecorded change is worse than a refused one.
 */
@ApplicationScoped
public class AuditLog {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    public void store(@Observes Audited event) {
        try (Connection c = dataSource.getConnection()) {
            AuditTable.insert(c, event);
        } catch (SQLException e) {
            throw new EJBException("audit line " + event.action() + " could not be stored: " + e.getMessage(), e);
        }
    }

    /** The identity component announces password changes with an event of its own; the changed user is the actor. */
    public void passwordChanged(@Observes PasswordChanged event) {
        store(Audited.now(event.username(), null, "password.changed", event.username(), null));
    }

    public AuditPage page(AuditQuery query) {
        try (Connection c = dataSource.getConnection()) {
            return AuditTable.page(c, query);
        } catch (SQLException e) {
            throw new EJBException("the audit log could not be read: " + e.getMessage(), e);
        }
    }
}
