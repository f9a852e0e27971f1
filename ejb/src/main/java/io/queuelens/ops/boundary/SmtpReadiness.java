package io.queuelens.ops.boundary;

import io.queuelens.mail.control.MailSettingsStore;
import io.queuelens.mail.entity.MailSettings;
import io.queuelens.mail.entity.SmtpSecurity;
import io.queuelens.ops.control.SmtpProbe;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the server-wide SMTP server answers EHLO (no mail, no login), as data of a check that stays
 * UP: {@code reachable=true|false} with the error. A mail outage must not take the analytics out of
 * rotation, nor stop the launcher (which waits for readiness) from starting the server; mail waits in
 * the outbox and the self-check reports the failure with its fix. The answer is kept for a minute, so
 * probes every few seconds do not open a connection to the mail server each time.
 * <p>
 * It reads the stored host and port itself, with its own data source like the database check: the
 * mail component's {@code SmtpSettings} bean, created lazily on the health endpoint's thread, has no
 * component naming context there and its data source lookup failed ("mail settings unreadable").
 */
@Readiness
@ApplicationScoped
public class SmtpReadiness implements HealthCheck {

    private static final Duration KEEP = Duration.ofMinutes(1);

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    private volatile HealthCheckResponse last;
    private volatile Instant lastAt = Instant.EPOCH;

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        HealthCheckResponse kept = last;
        if (kept != null && lastAt.plus(KEEP).isAfter(now)) {
            return kept;
        }
        HealthCheckResponse fresh = check();
        last = fresh;
        lastAt = now;
        return fresh;
    }

    private HealthCheckResponse check() {
        var response = HealthCheckResponse.named("smtp");
        Optional<MailSettings> server;
        try {
            server = new MailSettingsStore(dataSource).find(MailSettings.SERVER_WIDE);
        } catch (Exception e) {
            return response.up().withData("reachable", false).withData("error", "mail settings unreadable: " + e.getMessage()).build();
        }
        if (server.isEmpty()) {
            return response.up().withData("configured", false).build();
        }
        MailSettings m = server.get();
        response.withData("configured", true).withData("server", m.host() + ":" + m.port());
        try {
            SmtpProbe.ehlo(m.host(), m.port(), m.security() == SmtpSecurity.SSL, 3000);
            return response.up().withData("reachable", true).build();
        } catch (Exception e) {
            return response.up().withData("reachable", false)
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
