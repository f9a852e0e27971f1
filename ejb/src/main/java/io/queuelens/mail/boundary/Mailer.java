package io.queuelens.mail.boundary;

import io.queuelens.mail.control.MailSettingsRules;
import io.queuelens.mail.control.OutboxStore;
import io.queuelens.mail.entity.InvalidMail;
import io.queuelens.mail.entity.MailMessage;
import io.queuelens.mail.entity.MailProblem;
import io.queuelens.mail.entity.MailSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What other components call to send mail. A message is stored in the outbox ({@code mail_delivery}) and
 * delivered by the outbox timer, with retries; called inside a transaction (a batch step), the row commits
 * or rolls back with the caller's work. Nothing is sent from the caller's thread.
 */
@ApplicationScoped
public class Mailer {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    /**
     * @param tenant a tenant id, or {@code *} for server-wide mail; its SMTP settings (else the server-wide
     *               ones) are used at delivery time
     * @return the delivery id
     * @throws InvalidMail when the message has no valid recipient, subject or body
     */
    public long send(String tenant, MailMessage message) throws SQLException {
        check(tenant, message);
        return new OutboxStore(dataSource).insert(tenant, null, message, Instant.now());
    }

    /**
     * Like {@link #send}, but at most once per {@code purpose} in the tenant (e.g. a report subscription's run
     * key): a retried job step that sends again gets the id of the first message, and no second mail.
     */
    public long sendOnce(String tenant, String purpose, MailMessage message) throws SQLException {
        if (purpose == null || purpose.isBlank() || purpose.length() > 200) {
            throw new InvalidMail(MailProblem.of("purpose", "purposeInvalid", "a purpose of 1 to 200 characters is needed"));
        }
        check(tenant, message);
        return new OutboxStore(dataSource).insertOnce(tenant, purpose, message, Instant.now());
    }

    private static void check(String tenant, MailMessage message) {
        if (tenant == null || tenant.isBlank() || tenant.length() > 64) {
            throw new InvalidMail(MailProblem.of("tenant", "unknownTenant", "a tenant id or '" + MailSettings.SERVER_WIDE
                    + "' is needed", String.valueOf(tenant)));
        }
        List<MailProblem> problems = MailSettingsRules.check(message);
        if (!problems.isEmpty()) {
            throw new InvalidMail(problems);
        }
    }
}
