package io.queuelens.subscriptions.boundary;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every minute, launches the runs of the subscriptions that are due (non-persistent timer: a server that
 * was down catches up at its first minute, once, because runs are keyed by subscription and instant).
 * {@code queuelens.subscriptions.scheduler-enabled=false} turns it off on a member that should not launch.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SubscriptionScheduler {

    private static final Logger LOG = Logger.getLogger(SubscriptionScheduler.class.getName());

    @Inject
    Subscriptions subscriptions;

    @Inject
    SubscriptionConfig config;

    @Schedule(hour = "*", minute = "*", persistent = false)
    void launchDue() {
        if (!config.schedulerEnabled()) {
            return;
        }
        try {
            int n = subscriptions.launchDue(Instant.now());
            if (n > 0) {
                LOG.log(Level.INFO, "launched {0} subscription run(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "due subscriptions not launched: " + e.getMessage(), e);
        }
    }
}
