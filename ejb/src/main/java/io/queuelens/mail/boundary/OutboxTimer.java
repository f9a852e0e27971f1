package io.queuelens.mail.boundary;

import io.queuelens.mail.control.OutboxSender;
import io.queuelens.mail.control.OutboxStore;
import io.queuelens.mail.entity.DeliveryStatus;
import io.queuelens.vault.boundary.Vault;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox: an EJB interval timer (every {@code queuelens.mail.poll-seconds}, 15 s) that sends
 * the due rows. Not persistent: after a restart it simply starts again, the rows wait in the table. Rows
 * are claimed by an atomic UPDATE, so when several servers run this timer each row still goes out once.
 * Runs without a transaction: each row's state is committed as it changes, none held during SMTP.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxTimer {

    private static final Logger LOG = Logger.getLogger(OutboxTimer.class.getName());
    /** Rows one round takes at most; the rest wait for the next round. */
    static final int ROUND_LIMIT = 50;

    @Resource
    TimerService timers;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    MailConfig config;

    @Inject
    SmtpSettings settings;

    @Inject
    Vault vault;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile java.time.Instant nextPurge = java.time.Instant.EPOCH;
    private String claimant;

    @Inject
    MetricRegistry metrics;

    @PostConstruct
    void start() {
        claimant = host() + "/" + UUID.randomUUID().toString().substring(0, 8);
        // read when scraped: an outbox that fills up (mail server gone) is seen on the dashboards
        Metadata outbox = Metadata.builder().withName("queuelens_mail_outbox")
                .withDescription("Mails in the outbox by status (every tenant; -1 when the database cannot be read)").build();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            metrics.gauge(outbox, this, t -> t.count(status), new Tag("status", status.name()));
        }
        long interval = config.pollInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("mail-outbox", false));
    }

    @Timeout
    void poll() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous round is still sending (a slow server): this one is skipped, not queued
        }
        try {
            purgeHourly();
            OutboxSender.Round round = deliverNow();
            if (round.sent() + round.retrying() + round.failed() > 0) {
                LOG.log(Level.INFO, "mail outbox: {0} sent, {1} to retry, {2} failed",
                        new Object[]{round.sent(), round.retrying(), round.failed()});
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "mail outbox round failed: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }

    /** One round now (also what the tests and a resend may call). */
    public OutboxSender.Round deliverNow() throws java.sql.SQLException {
        OutboxSender sender = new OutboxSender(new OutboxStore(dataSource), scope -> {
            try {
                return settings.effective(scope);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot read the SMTP settings: " + e.getMessage(), e);
            }
        }, vault::decrypt, config.backoff(), config.maxAttempts(), config.timeout(), claimant, ThreadLocalRandom.current());
        return sender.deliverDue(ROUND_LIMIT);
    }

    /** Sent and failed mails older than {@code queuelens.mail.keep-days} leave the log, once an hour. */
    private void purgeHourly() throws java.sql.SQLException {
        java.time.Instant now = java.time.Instant.now();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(java.time.Duration.ofHours(1));
        int purged = new OutboxStore(dataSource).purge(now.minus(config.keep()));
        if (purged > 0) {
            LOG.log(Level.INFO, "mail outbox: {0} sent or failed mail(s) older than {1} removed from the log",
                    new Object[]{purged, config.keep()});
        }
    }

    /** Mails of every tenant in that status; -1 when the database cannot be read. */
    public long count(DeliveryStatus status) {
        try {
            return new OutboxStore(dataSource).count(status);
        } catch (java.sql.SQLException | RuntimeException e) {
            return -1;
        }
    }

    private static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.length() > 60 ? h.substring(0, 60) : h;
        } catch (Exception e) {
            return "server";
        }
    }
}
