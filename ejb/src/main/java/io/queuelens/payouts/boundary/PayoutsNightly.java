package io.queuelens.payouts.boundary;

import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the nightly payout run of every tenant once its local clock has passed
 * {@code queuelens.payouts.nightly-time} (default 02:30): every {@code queuelens.payouts.nightly-check-seconds}
 * (5 minutes) it looks which tenants are
 * due, and launches yesterday for them. The launch is keyed by tenant and day, so a late check, a
 * restart or a second cluster member never computes a day twice; a server that was down at 02:30
 * catches up at its next check the same day.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PayoutsNightly {

    private static final Logger LOG = Logger.getLogger(PayoutsNightly.class.getName());

    @Inject
    @ConfigProperty(name = "queuelens.payouts.nightly-time", defaultValue = "02:30")
    String nightlyTime;

    @Inject
    @ConfigProperty(name = "queuelens.payouts.nightly-check-seconds", defaultValue = "300")
    long checkSeconds;

    @Resource
    TimerService timers;

    @Inject
    Tenants tenants;

    @Inject
    Payouts payouts;

    /** The day to compute at a tenant's local time {@code now}: yesterday once its clock passed {@code at}, else none. */
    static java.util.Optional<LocalDate> dueDay(ZonedDateTime now, LocalTime at) {
        return now.toLocalTime().isBefore(at) ? java.util.Optional.empty() : java.util.Optional.of(now.toLocalDate().minusDays(1));
    }

    @PostConstruct
    void schedule() {
        long every = Math.max(5, checkSeconds) * 1000;
        timers.createIntervalTimer(every, every, new TimerConfig("payouts-nightly", false));
    }

    @Timeout
    void launchDueTenants() {
        LocalTime at = LocalTime.parse(nightlyTime.strip());
        for (Tenant t : tenants.findAll()) {
            java.util.Optional<LocalDate> due = dueDay(ZonedDateTime.now(t.getTimeZone()), at);
            if (due.isEmpty()) {
                continue;
            }
            LocalDate yesterday = due.get();
            try {
                payouts.launchNightly(t.getId(), yesterday);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "nightly payouts of " + t.getId() + " for " + yesterday + " not launched: " + e.getMessage(), e);
            }
        }
    }
}
