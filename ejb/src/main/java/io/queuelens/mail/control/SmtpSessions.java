package io.queuelens.mail.control;

import io.queuelens.mail.entity.SmtpSecurity;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import java.time.Duration;
import java.util.Properties;

/**
 * Jakarta Mail sessions built from QueueLens' own SMTP settings (java.util.Properties), not from a
 * server mail session: the settings live in the database, per tenant, and change without a restart.
 * Every network step has a timeout, so a silent server cannot hold the outbox.
 */
public final class SmtpSessions {

    /** What is needed to reach a server: the settings with the password already opened. */
    public record Target(String host, int port, SmtpSecurity security, String username, String password) {

        public boolean authenticates() {
            return username != null && !username.isBlank();
        }
    }

    private SmtpSessions() {
    }

    public static Properties properties(Target t, String envelopeFrom, Duration timeout) {
        Properties p = new Properties();
        String ms = String.valueOf(timeout.toMillis());
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", t.host());
        p.setProperty("mail.smtp.port", String.valueOf(t.port()));
        p.setProperty("mail.smtp.connectiontimeout", ms);
        p.setProperty("mail.smtp.timeout", ms);
        p.setProperty("mail.smtp.writetimeout", ms);
        p.setProperty("mail.smtp.auth", String.valueOf(t.authenticates()));
        if (envelopeFrom != null) {
            p.setProperty("mail.smtp.from", envelopeFrom);
        }
        switch (t.security()) {
            case SSL -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true"); // never fall back to plain text silently
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> p.setProperty("mail.smtp.starttls.enable", "false");
        }
        // file names of attachments in RFC 2231 form, so non-ASCII report names arrive intact
        p.setProperty("mail.mime.encodefilename", "true");
        return p;
    }

    public static Session session(Target t, String envelopeFrom, Duration timeout) {
        return Session.getInstance(properties(t, envelopeFrom, timeout));
    }

    /** A connected transport; the caller closes it. */
    public static Transport connect(Session session, Target t) throws MessagingException {
        Transport transport = session.getTransport("smtp");
        if (t.authenticates()) {
            transport.connect(t.host(), t.port(), t.username(), t.password());
        } else {
            transport.connect(t.host(), t.port(), null, null);
        }
        return transport;
    }
}
