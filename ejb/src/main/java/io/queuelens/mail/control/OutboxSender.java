package io.queuelens.mail.control;

import io.queuelens.mail.entity.MailSettings;
import io.queuelens.mail.entity.SmtpStage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One round of the outbox: takes the due rows one by one ({@link OutboxStore#claim}), sends each through
 * the SMTP settings of its scope, and records the outcome: SENT; RETRYING after the backoff; or FAILED
 * at once for a permanent (5xx) refusal, or when the attempts are used up. No database transaction is
 * held while talking to the mail server.
 */
public final class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());

    /** What a round did, for the log and the tests. */
    public record Round(int sent, int retrying, int failed) {
    }

    private final OutboxStore store;
    private final Function<String, Optional<MailSettings>> settingsOf;
    private final UnaryOperator<String> decrypt;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Duration timeout;
    private final String claimant;
    private final RandomGenerator random;

    /**
     * @param settingsOf the settings in force for a scope (its own, else server-wide)
     * @param decrypt    opens a stored password
     * @param claimant   this server's name in {@code claimed_by}
     */
    public OutboxSender(OutboxStore store, Function<String, Optional<MailSettings>> settingsOf, UnaryOperator<String> decrypt,
                        Backoff backoff, int maxAttempts, Duration timeout, String claimant, RandomGenerator random) {
        this.store = store;
        this.settingsOf = settingsOf;
        this.decrypt = decrypt;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.timeout = timeout;
        this.claimant = claimant;
        this.random = random;
    }

    /** Delivers up to {@code limit} due rows. @return the counts */
    public Round deliverDue(int limit) throws SQLException {
        int sent = 0;
        int retrying = 0;
        int failed = 0;
        for (long id : store.due(Instant.now(), limit)) {
            Instant now = Instant.now();
            // held long enough for the connect, the send and their timeouts; after it another server may take it
            Optional<OutboxStore.Claimed> claimed = store.claim(id, claimant, now, now.plus(timeout.multipliedBy(4)).plusSeconds(60));
            if (claimed.isEmpty()) {
                continue; // another server took it first
            }
            OutboxStore.Claimed row = claimed.get();
            SmtpFailure failure = send(row);
            if (failure == null) {
                store.markSent(id, claimant, Instant.now());
                sent++;
            } else if (failure.permanent() || row.attempts() >= maxAttempts) {
                store.markFailed(id, claimant, failure.describe()
                        + (failure.permanent() ? "" : " (gave up after " + row.attempts() + " attempts)"));
                LOG.log(Level.WARNING, "mail {0} of {1} FAILED after {2} attempt(s): {3}",
                        new Object[]{id, row.scope(), row.attempts(), failure.describe()});
                failed++;
            } else {
                store.markRetry(id, claimant, Instant.now().plus(backoff.delay(row.attempts(), random)), failure.describe());
                retrying++;
            }
        }
        return new Round(sent, retrying, failed);
    }

    /** @return null when the message was accepted, else why not */
    SmtpFailure send(OutboxStore.Claimed row) {
        Optional<MailSettings> found;
        String password;
        try {
            found = settingsOf.apply(row.scope());
            if (found.isEmpty()) {
                return new SmtpFailure(SmtpStage.SETTINGS, 0, false, "no SMTP settings for " + row.scope()
                        + " and none server-wide");
            }
            password = found.get().passwordSet() ? decrypt.apply(found.get().password()) : null;
        } catch (RuntimeException e) {
            return new SmtpFailure(SmtpStage.SETTINGS, 0, false, "the SMTP settings cannot be used: " + e.getMessage());
        }
        MailSettings s = found.get();
        SmtpSessions.Target target = new SmtpSessions.Target(s.host(), s.port(), s.security(), s.username(), password);
        Session session = SmtpSessions.session(target, s.fromAddress(), timeout);
        try {
            MimeMessage msg = MimeMessages.build(session, s.fromAddress(), s.fromName(), row.message(), row.id());
            try (Transport transport = SmtpSessions.connect(session, target)) {
                transport.sendMessage(msg, msg.getAllRecipients());
            }
            return null;
        } catch (MessagingException | RuntimeException e) {
            return SmtpErrors.classify(e);
        }
    }
}
