package io.queuelens.mail.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.mail.control.OutboxStore;
import io.queuelens.mail.entity.DeliveryStatus;
import io.queuelens.mail.entity.MailDelivery;
import io.queuelens.mail.entity.MailSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The delivery log and its resend button. Scope checks are the callers' (REST, page). */
@ApplicationScoped
public class MailDeliveries {

    /** The most rows the log shows at once. */
    public static final int LIMIT = 200;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    AuditTrail audit;

    /** @param scope a tenant id, {@code *}, or null for all; @param status null for all */
    public List<MailDelivery> list(String scope, DeliveryStatus status) throws SQLException {
        return store().list(scope, status, LIMIT);
    }

    public Optional<MailDelivery> find(long id) throws SQLException {
        return store().find(id);
    }

    /**
     * Makes the delivery due now with a fresh series of attempts.
     *
     * @return false when it is being sent at this moment (try again in a few seconds)
     */
    public boolean resend(MailDelivery d) throws SQLException {
        boolean done = store().resend(d.id(), Instant.now());
        if (done) {
            audit.record(MailSettings.SERVER_WIDE.equals(d.scope()) ? null : d.scope(), "mail.resent", String.valueOf(d.id()),
                    d.subject() + " to " + d.recipientList());
        }
        return done;
    }

    private OutboxStore store() {
        return new OutboxStore(dataSource);
    }
}
