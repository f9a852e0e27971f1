package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.ChannelKind;
import io.queuelens.mail.control.Backoff;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes one attempt at a delivery row: claims it (so one thread or server sends it), sends it, and records the
 * outcome in the delivery log: SENT on a 2xx answer (or once the mail outbox took an e-mail, which retries on its
 * own), RETRYING with a backoff delay after a failure, FAILED after {@code maxAttempts} or when the channel is gone.
 */
public final class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class.getName());

    /** Hands an e-mail to the mail outbox; returns the outbox id. */
    public interface MailOut {
        long send(String tenantId, List<String> to, String subject, String text) throws SQLException;
    }

    public record Settings(Backoff backoff, int maxAttempts, Duration timeout, String telegramBase) {
    }

    private final AlertStore store;
    private final HttpClient http;
    private final Function<String, String> decrypt;
    private final MailOut mail;
    private final Settings settings;
    private final Clock clock;

    public DeliverySender(AlertStore store, HttpClient http, Function<String, String> decrypt, MailOut mail, Settings settings,
                          Clock clock) {
        this.store = store;
        this.http = http;
        this.decrypt = decrypt;
        this.mail = mail;
        this.settings = settings;
        this.clock = clock;
    }

    /** One attempt at the row, if it is due and nobody else has it. @return the status it was left in, or empty */
    public Optional<String> attempt(long deliveryId) throws SQLException {
        Instant now = clock.instant();
        Optional<AlertStore.Claimed> claimed = store.claim(deliveryId, now, now.plus(settings.timeout()).plusSeconds(30));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        AlertStore.Claimed d = claimed.get();
        Optional<AlertChannel> channel = store.channel(d.tenantId(), d.channelId());
        if (channel.isEmpty() || !channel.get().enabled()) {
            store.finish(d.id(), "FAILED", null, "the channel was deleted or disabled", null, clock.instant());
            return Optional.of("FAILED");
        }
        AlertChannel ch = channel.get();
        Integer status = null;
        String error;
        try {
            if (ch.kind() == ChannelKind.EMAIL) {
                String text = Webhooks.text(d.payload());
                long id = mail.send(d.tenantId(), Arrays.stream(ch.target().split(",")).map(String::strip).toList(),
                        "QueueLens alert: " + text, text + "\n");
                store.finish(d.id(), "SENT", null, "mail outbox #" + id, null, clock.instant());
                return Optional.of("SENT");
            }
            String secret = store.channelSecret(d.tenantId(), ch.id()).map(decrypt).orElse(null);
            HttpResponse<Void> r = http.send(Webhooks.request(ch, secret, d.payload(), settings.telegramBase(),
                    settings.timeout(), clock.instant()), HttpResponse.BodyHandlers.discarding());
            status = r.statusCode();
            if (status / 100 == 2) {
                store.finish(d.id(), "SENT", status, null, null, clock.instant());
                return Optional.of("SENT");
            }
            error = "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (java.io.IOException | RuntimeException e) {
            // the exception's text, never the URL with a bot token in it
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redact(e.getMessage()));
        }
        Instant at = clock.instant();
        if (d.attempts() >= settings.maxAttempts()) {
            store.finish(d.id(), "FAILED", status, error, null, at);
            LOG.log(Level.WARNING, "alert delivery {0} to channel {1} failed for good after {2} attempts: {3}",
                    new Object[]{d.id(), ch.id(), d.attempts(), error});
            return Optional.of("FAILED");
        }
        Instant next = at.plus(settings.backoff().delay(d.attempts(), ThreadLocalRandom.current()));
        store.finish(d.id(), "RETRYING", status, error, next, at);
        return Optional.of("RETRYING");
    }

    static String redact(String message) {
        return message.replaceAll("/bot[^/\\s]+/", "/bot***/");
    }
}
