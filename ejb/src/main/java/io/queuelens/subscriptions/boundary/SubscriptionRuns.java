package io.queuelens.subscriptions.boundary;

import io.queuelens.exports.boundary.ReportExports;
import io.queuelens.exports.control.ExportAccess;
import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ExportRefused;
import io.queuelens.exports.entity.ExportRequest;
import io.queuelens.exports.entity.Headline;
import io.queuelens.identity.boundary.CallerAccess;
import io.queuelens.identity.entity.Access;
import io.queuelens.mail.boundary.Mailer;
import io.queuelens.mail.entity.MailMessage;
import io.queuelens.ops.control.DataDirectory;
import io.queuelens.subscriptions.control.SubscriptionMail;
import io.queuelens.subscriptions.control.SubscriptionRequests;
import io.queuelens.subscriptions.control.SubscriptionStore;
import io.queuelens.subscriptions.entity.Subscription;
import io.queuelens.subscriptions.entity.SubscriptionRefused;
import io.queuelens.subscriptions.entity.SubscriptionRun;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out one run (the {@code report-subscription} job's step): the owner's access as it is now,
 * each format rendered to a file under {@code <data>/subscriptions/<tenant>/<run>/}, the headline, and
 * one mail through {@link Mailer#sendOnce} with the run key as purpose (a restarted step finds the mail
 * it queued, and queues no second). Over the attachment limit the mail carries signed links instead.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SubscriptionRuns {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    CallerAccess callerAccess;

    @Inject
    ReportExports exports;

    @Inject
    Mailer mailer;

    @Inject
    Tenants tenants;

    @Inject
    DataDirectory data;

    @Inject
    SubscriptionConfig config;

    @Inject
    SubscriptionLinks links;

    /** A stored or re-rendered file of a run, for the download endpoint. */
    public record RunFile(String name, String contentType, Path path) {
    }

    /**
     * @return the id of the queued mail
     * @throws SubscriptionRefused when the owner may not see the report now (disabled, tenant or queue taken away)
     */
    public long execute(long runId) {
        SubscriptionRun run = sql(c -> SubscriptionStore.run(c, runId))
                .orElseThrow(() -> new SubscriptionRefused("run " + runId + " does not exist (its subscription was deleted)"));
        try {
            Subscription s = sql(c -> SubscriptionStore.find(c, run.subscriptionId())).orElseThrow(() ->
                    new SubscriptionRefused("subscription " + run.subscriptionId() + " was deleted"));
            Access access = ownerAccess(s);
            ZoneId zone = s.zoneOr(tenantZone(s.tenant()));
            ExportRequest request = authorized(s, run, zone, access);
            List<SubscriptionMail.File> files = new ArrayList<>();
            long total = 0;
            for (ExportFormat f : s.formats()) {
                Path file = render(run, request, f, access);
                total += Files.size(file);
                files.add(new SubscriptionMail.File(file.getFileName().toString(), f.contentType(), file, null));
            }
            Headline headline = exports.headline(request, access);
            Instant expiry = null;
            if (total > config.attachMaxBytes()) {
                expiry = Instant.now().plus(Duration.ofDays(config.linkDays()));
                List<SubscriptionMail.File> linked = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    SubscriptionMail.File f = files.get(i);
                    linked.add(new SubscriptionMail.File(f.name(), f.contentType(), f.path(),
                            links.link(runId, s.formats().get(i), expiry)));
                }
                files = linked;
            }
            MailMessage message = SubscriptionMail.compose(s.report(), headline, s.owner(), s.id(), s.recipients(),
                    SubscriptionMail.locale(access.locale().orElse(null)), zone, files, expiry, java.math.BigDecimal.valueOf(config.attachMaxMb()).stripTrailingZeros().toPlainString());
            long mailId = mailer.sendOnce(s.tenant(), run.runKey(), message);
            sql(c -> {
                SubscriptionStore.finishRun(c, runId, SubscriptionRun.SENT, null, mailId);
                return null;
            });
            return mailId;
        } catch (RuntimeException | IOException | SQLException e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            sql(c -> {
                SubscriptionStore.finishRun(c, runId, SubscriptionRun.FAILED, error, null);
                return null;
            });
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new EJBException("run " + runId + ": " + error, (Exception) e);
        }
    }

    /**
     * The file of a run for a (verified) download link: the one stored at the run, else rendered again for
     * the run's stored period with the owner's access now. Empty when the run or its subscription is gone.
     */
    public Optional<RunFile> file(long runId, ExportFormat format) throws IOException {
        Optional<SubscriptionRun> run = sql(c -> SubscriptionStore.run(c, runId));
        if (run.isEmpty()) {
            return Optional.empty();
        }
        Optional<Subscription> s = sql(c -> SubscriptionStore.find(c, run.get().subscriptionId()));
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Access access = ownerAccess(s.get());
        ZoneId zone = s.get().zoneOr(tenantZone(s.get().tenant()));
        ExportRequest request = authorized(s.get(), run.get(), zone, access);
        Path stored = folder(run.get()).resolve(ReportExports.fileName(request, format));
        Path file = Files.isRegularFile(stored) ? stored : render(run.get(), request, format, access);
        return Optional.of(new RunFile(file.getFileName().toString(), format.contentType(), file));
    }

    private Access ownerAccess(Subscription s) {
        Access access = callerAccess.of(s.owner(), false);
        if (!access.isKnown()) {
            throw new SubscriptionRefused("the owner '" + s.owner() + "' of subscription " + s.id()
                    + " is disabled or no longer exists; nothing was sent");
        }
        return access;
    }

    private ExportRequest authorized(Subscription s, SubscriptionRun run, ZoneId zone, Access access) {
        ExportRequest request = SubscriptionRequests.of(s, run.periodFrom(), run.periodTo(), zone);
        try {
            ExportAccess.authorize(request, access);
        } catch (ExportRefused e) {
            throw new SubscriptionRefused("the owner '" + s.owner() + "' of subscription " + s.id()
                    + " may no longer see this report (" + e.getMessage() + "); nothing was sent");
        }
        return request;
    }

    private Path render(SubscriptionRun run, ExportRequest request, ExportFormat format, Access access) throws IOException {
        Path dir = folder(run);
        Files.createDirectories(dir);
        Path file = dir.resolve(ReportExports.fileName(request, format));
        Path tmp = Files.createTempFile(dir, "render-", ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            exports.export(request, format, false, access, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path folder(SubscriptionRun run) {
        return data.resolve("subscriptions").resolve(run.tenant()).resolve(Long.toString(run.id()));
    }

    private ZoneId tenantZone(String tenant) {
        return tenants.find(tenant).map(Tenant::getTimeZone)
                .orElseThrow(() -> new SubscriptionRefused("tenant '" + tenant + "' no longer exists"));
    }

    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T sql(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }
}
