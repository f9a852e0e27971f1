package io.queuelens.subscriptions.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.exports.control.ExportAccess;
import io.queuelens.exports.entity.ExportRefused;
import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import io.queuelens.jobs.boundary.Jobs;
import io.queuelens.jobs.entity.JobLaunch;
import io.queuelens.subscriptions.control.NextRun;
import io.queuelens.subscriptions.control.SubscriptionRequests;
import io.queuelens.subscriptions.control.SubscriptionRules;
import io.queuelens.subscriptions.control.SubscriptionStore;
import io.queuelens.subscriptions.entity.InvalidSubscription;
import io.queuelens.subscriptions.entity.Subscription;
import io.queuelens.subscriptions.entity.SubscriptionForm;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Report subscriptions of a tenant: list, create, change, delete, enable, "send now", and the launch of
 * due runs. Who may do what to which subscription (MANAGER and ADMIN every one of the tenant, REPORTS
 * their own) is {@link #mayManage}; the callers (REST, page) check the tenant first. Without a container
 * transaction: each statement commits, so a run row is visible before its job starts.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Subscriptions {

    public static final String JOB = "report-subscription";
    public static final String RUN_ID = "runId";
    private static final Logger LOG = Logger.getLogger(Subscriptions.class.getName());

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Jobs jobs;

    @Inject
    Tenants tenants;

    @Inject
    AuditTrail audit;

    /** MANAGER and ADMIN manage every subscription of a tenant they see; REPORTS only their own. */
    public static boolean mayManage(Access access, Subscription s) {
        if (!access.mayViewTenant(s.tenant())) {
            return false;
        }
        return access.hasAnyRole(Role.ADMIN, Role.MANAGER) || (access.hasRole(Role.REPORTS) && s.owner().equals(access.caller()));
    }

    /** What the caller may see of a tenant's subscriptions: all (MANAGER, ADMIN) or their own. */
    public List<Subscription> list(Access access, String tenant) {
        return sql(c -> SubscriptionStore.list(c, tenant,
                access.hasAnyRole(Role.ADMIN, Role.MANAGER) ? null : access.caller()));
    }

    /** Empty when it does not exist in the tenant or is not the caller's to manage (no probing of ids). */
    public Optional<Subscription> find(Access access, String tenant, long id) {
        return sql(c -> SubscriptionStore.find(c, id)).filter(s -> s.tenant().equals(tenant) && mayManage(access, s));
    }

    public List<SubscriptionRun> runs(Subscription s) {
        return sql(c -> SubscriptionStore.recentRuns(c, s.id(), 20));
    }

    /**
     * @throws InvalidSubscription naming the fields
     * @throws SubscriptionRefused the caller may not see the report with these filters
     */
    public Subscription create(Access access, String tenant, SubscriptionForm form) {
        Subscription s = SubscriptionRules.check(form, 0, tenant, access.caller());
        ZoneId tenantZone = checkAccess(s, access);
        Instant next = s.enabled() ? NextRun.after(s.schedule(), s.zoneOr(tenantZone), Instant.now()) : null;
        long id = sql(c -> SubscriptionStore.insert(c, s, next, access.caller()));
        audit.recordAs(access.caller(), tenant, "subscription.created", "subscription " + id, s.report().apiName());
        return sql(c -> SubscriptionStore.find(c, id)).orElseThrow();
    }

    /** The owner stays; the caller's access must cover the report (a manager cannot widen a user's subscription past them). */
    public Optional<Subscription> update(Access access, String tenant, long id, SubscriptionForm form) {
        Optional<Subscription> existing = find(access, tenant, id);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        Subscription s = SubscriptionRules.check(form, id, tenant, existing.get().owner());
        ZoneId tenantZone = checkAccess(s, access);
        Instant next = s.enabled() ? NextRun.after(s.schedule(), s.zoneOr(tenantZone), Instant.now()) : null;
        sql(c -> SubscriptionStore.update(c, s, next, access.caller()));
        audit.recordAs(access.caller(), tenant, "subscription.changed", "subscription " + id, s.report().apiName());
        return sql(c -> SubscriptionStore.find(c, id));
    }

    public Optional<Subscription> setEnabled(Access access, String tenant, long id, boolean enabled) {
        return find(access, tenant, id).flatMap(s -> update(access, tenant, id, withEnabled(s, enabled)));
    }

    private static SubscriptionForm withEnabled(Subscription s, boolean enabled) {
        SubscriptionForm f = SubscriptionForm.of(s);
        f.setEnabled(enabled);
        return f;
    }

    public boolean delete(Access access, String tenant, long id) {
        if (find(access, tenant, id).isEmpty()) {
            return false;
        }
        boolean deleted = sql(c -> SubscriptionStore.delete(c, tenant, id));
        audit.recordAs(access.caller(), tenant, "subscription.deleted", "subscription " + id, "");
        return deleted;
    }

    /** Runs it now for the period it would report on now; returns the launch (with its execution id). */
    public Optional<JobLaunch> sendNow(Access access, String tenant, long id) {
        Optional<Subscription> s = find(access, tenant, id);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return Optional.of(launch(s.get(), SubscriptionRun.sendNowKey(id, now), now, access.caller()));
    }

    /** For tests and operators: moves the next run (e.g. to a minute from now); false when unknown or not the caller's. */
    public boolean scheduleAt(Access access, String tenant, long id, Instant next) {
        return find(access, tenant, id).isPresent() && sql(c -> SubscriptionStore.setNextRun(c, tenant, id, next));
    }

    /**
     * Launches the due run of every enabled subscription whose next run has come, and moves its next run on.
     * Keyed by subscription and scheduled instant, so a second server or a second call launches nothing more.
     * A server that was down over several scheduled instants sends the latest one, once.
     */
    public int launchDue(Instant now) {
        int launched = 0;
        for (Subscription s : sql(c -> SubscriptionStore.due(c, now))) {
            Instant scheduled = s.nextRunAt();
            try {
                ZoneId zone = s.zoneOr(tenantZone(s.tenant()));
                Instant next = NextRun.after(s.schedule(), zone, now);
                // the latest instant of the schedule that has passed: the one this run stands for
                Instant latest = scheduled;
                for (Instant t = NextRun.after(s.schedule(), zone, scheduled); !t.isAfter(now); t = NextRun.after(s.schedule(), zone, t)) {
                    latest = t;
                }
                Instant runAt = latest;
                launch(s, SubscriptionRun.scheduledKey(s.id(), runAt), runAt, AuditTrail.SYSTEM);
                sql(c -> SubscriptionStore.advance(c, s.id(), scheduled, next));
                launched++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "subscription " + s.id() + " of " + s.tenant() + " due at " + scheduled
                        + " not launched: " + e.getMessage(), e);
            }
        }
        return launched;
    }

    private JobLaunch launch(Subscription s, String key, Instant runAt, String by) {
        ZoneId zone = s.zoneOr(tenantZone(s.tenant()));
        Instant[] period = s.period().range(runAt, zone);
        SubscriptionRun run = sql(c -> SubscriptionStore.claimRun(c, s.id(), s.tenant(), key, runAt, period[0], period[1], by));
        Properties p = new Properties();
        p.setProperty(RUN_ID, Long.toString(run.id()));
        return jobs.launch(JOB, s.tenant(), key, p, by);
    }

    private ZoneId checkAccess(Subscription s, Access access) {
        ZoneId tenantZone = tenantZone(s.tenant());
        ZoneId zone = s.zoneOr(tenantZone);
        Instant[] period = s.period().range(Instant.now(), zone);
        try {
            ExportAccess.authorize(SubscriptionRequests.of(s, period[0], period[1], zone), access);
        } catch (ExportRefused e) {
            throw new SubscriptionRefused(e.getMessage());
        }
        return tenantZone;
    }

    ZoneId tenantZone(String tenant) {
        return tenants.find(tenant).map(Tenant::getTimeZone)
                .orElseThrow(() -> InvalidSubscription.of("tenant", "tenant", "unknown tenant '" + tenant + "'"));
    }

    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T sql(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }
}
