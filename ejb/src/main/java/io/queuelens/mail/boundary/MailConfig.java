package io.queuelens.mail.boundary;

import io.queuelens.mail.control.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The mail component's settings (README, "Configuration"), with their bounds applied. */
@ApplicationScoped
public class MailConfig {

    @Inject
    @ConfigProperty(name = "queuelens.mail.retry.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "queuelens.mail.retry.base-seconds", defaultValue = "30")
    int retryBaseSeconds;

    @Inject
    @ConfigProperty(name = "queuelens.mail.retry.max-backoff-seconds", defaultValue = "3600")
    int retryMaxSeconds;

    @Inject
    @ConfigProperty(name = "queuelens.mail.poll-seconds", defaultValue = "15")
    int pollSeconds;

    @Inject
    @ConfigProperty(name = "queuelens.mail.timeout-seconds", defaultValue = "20")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "queuelens.mail.keep-days", defaultValue = "90")
    int keepDays;

    /** How long sent and failed mails stay in the delivery log (waiting ones stay until they are settled). */
    public java.time.Duration keep() {
        return Duration.ofDays(Math.max(1, keepDays));
    }

    public int maxAttempts() {
        return Math.max(1, Math.min(maxAttempts, 100));
    }

    public Backoff backoff() {
        int base = Math.max(1, retryBaseSeconds);
        return new Backoff(Duration.ofSeconds(base), Duration.ofSeconds(Math.max(base, retryMaxSeconds)));
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(Math.max(1, Math.min(pollSeconds, 3600)));
    }

    /** Connect, read and write timeout of every SMTP step. */
    public Duration timeout() {
        return Duration.ofSeconds(Math.max(1, Math.min(timeoutSeconds, 300)));
    }
}
