package io.queuelens.alerts.boundary;

import io.queuelens.alerts.control.DeliverySender;
import io.queuelens.mail.control.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The alert settings (README "Alerts"; defaults in META-INF/microprofile-config.properties). */
@ApplicationScoped
public class AlertConfig {

    /** At most one notification per incident per this many minutes while it fires unacknowledged. */
    @Inject
    @ConfigProperty(name = "queuelens.alerts.renotify-minutes", defaultValue = "15")
    int renotifyMinutes;

    /** Attempts per webhook or e-mail delivery before it is logged as FAILED. */
    @Inject
    @ConfigProperty(name = "queuelens.alerts.max-attempts", defaultValue = "8")
    int maxAttempts;

    /** First retry delay; doubled per failure (with jitter) up to the maximum. */
    @Inject
    @ConfigProperty(name = "queuelens.alerts.retry-base-seconds", defaultValue = "5")
    int retryBaseSeconds;

    @Inject
    @ConfigProperty(name = "queuelens.alerts.retry-max-seconds", defaultValue = "900")
    int retryMaxSeconds;

    /** How often due retries are looked for. */
    @Inject
    @ConfigProperty(name = "queuelens.alerts.retry-poll-seconds", defaultValue = "5")
    int retryPollSeconds;

    @Inject
    @ConfigProperty(name = "queuelens.alerts.webhook-timeout-seconds", defaultValue = "5")
    int webhookTimeoutSeconds;

    /** Telegram Bot API base URL (a loopback receiver in tests, a proxy in closed networks). */
    @Inject
    @ConfigProperty(name = "queuelens.alerts.telegram-base-url", defaultValue = "https://api.telegram.org")
    String telegramBaseUrl;

    /** Wait after a 15-minute boundary before the closed interval's figures are read (rollups catch up). */
    @Inject
    @ConfigProperty(name = "queuelens.alerts.interval-delay-seconds", defaultValue = "30")
    int intervalDelaySeconds;

    public Duration renotify() {
        return Duration.ofMinutes(Math.max(1, renotifyMinutes));
    }

    public Duration retryPoll() {
        return Duration.ofSeconds(Math.max(1, retryPollSeconds));
    }

    public Duration intervalDelay() {
        return Duration.ofSeconds(Math.max(0, intervalDelaySeconds));
    }

    public DeliverySender.Settings sender() {
        int base = Math.max(1, retryBaseSeconds);
        return new DeliverySender.Settings(new Backoff(Duration.ofSeconds(base), Duration.ofSeconds(Math.max(base, retryMaxSeconds))),
                Math.max(1, maxAttempts), Duration.ofSeconds(Math.max(1, webhookTimeoutSeconds)), telegramBaseUrl);
    }
}
