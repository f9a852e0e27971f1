package io.queuelens.payouts.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.jobs.boundary.Jobs;
import io.queuelens.jobs.entity.JobConflict;
import io.queuelens.jobs.entity.JobLaunch;
import io.queuelens.payouts.control.PayoutStore;
import io.queuelens.payouts.entity.AgentPeriodTotal;
import io.queuelens.payouts.entity.InvalidPayoutInput;
import io.queuelens.payouts.entity.PayoutLine;
import io.queuelens.payouts.entity.PayoutRevision;
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
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Payout periods: the nightly launch of a day, a recompute of a period as a new revision, the
 * totals and lines of a period, and the lock that freezes an approved period. Without a container
 * transaction: a launch's revisions are committed before its job starts, so the job can read them.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Payouts {

    public static final String JOB = "payouts-nightly";
    /** The longest period one recompute covers. */
    public static final int MAX_DAYS = 62;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Jobs jobs;

    @Inject
    AuditTrail audit;

    /** The nightly run of a day: revision 1 (or the next), launched once per tenant and day; empty when locked. */
    public Optional<JobLaunch> launchNightly(String tenant, LocalDate day) {
        Optional<JobLaunch> existing = jobs.find(JOB, tenant, "nightly " + day);
        if (existing.isPresent()) {
            return existing;
        }
        try (Connection c = dataSource.getConnection()) {
            if (!PayoutStore.lockedDays(c, tenant, day, day).isEmpty()) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        Optional<JobLaunch> claimed = jobs.claim(JOB, tenant, "nightly " + day, new Properties(), AuditTrail.SYSTEM);
        if (claimed.isEmpty()) {
            return jobs.find(JOB, tenant, "nightly " + day);
        }
        addRevisions(tenant, day, day, claimed.get().id(), AuditTrail.SYSTEM);
        return Optional.of(jobs.start(claimed.get()));
    }

    /**
     * Computes [from, to] again as a new revision of every day; the earlier revisions stay.
     *
     * @throws JobConflict         a day of the period is locked
     * @throws InvalidPayoutInput  the period is empty, reversed, too long or in the future
     */
    public JobLaunch recompute(String tenant, LocalDate from, LocalDate to, String by) {
        checkPeriod(from, to);
        if (!to.isBefore(LocalDate.now(zoneOf(tenant)))) {
            throw InvalidPayoutInput.of("to", "a period to compute must end before today, was " + to);
        }
        try (Connection c = dataSource.getConnection()) {
            Set<LocalDate> locked = PayoutStore.lockedDays(c, tenant, from, to);
            if (!locked.isEmpty()) {
                throw new JobConflict("the period holds locked days " + new java.util.TreeSet<>(locked)
                        + "; an ADMIN must unlock them before a recompute");
            }
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        String key = "recompute " + from + ".." + to + " at " + Instant.now();
        JobLaunch launch = jobs.claim(JOB, tenant, key, new Properties(), by).orElseThrow();
        addRevisions(tenant, from, to, launch.id(), by);
        audit.recordAs(by, tenant, "payouts.recomputed", from + ".." + to, "launch " + launch.id());
        return jobs.start(launch);
    }

    private java.time.ZoneId zoneOf(String tenant) {
        return payoutDays.zone(tenant);
    }

    @Inject
    PayoutDays payoutDays;

    /** Gives every day of the period its next revision, tied to the launch (retrying when another launch takes a number). */
    private void addRevisions(String tenant, LocalDate from, LocalDate to, long launchId, String by) {
        try (Connection c = dataSource.getConnection()) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                for (int attempt = 0; ; attempt++) {
                    int next = PayoutStore.latestRevision(c, tenant, d) + 1;
                    if (PayoutStore.addRevision(c, tenant, d, next, launchId, by)) {
                        break;
                    }
                    if (attempt > 5) {
                        throw new EJBException("no revision of " + tenant + " " + d + " could be claimed");
                    }
                }
            }
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    public static void checkPeriod(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw InvalidPayoutInput.of(from == null ? "from" : "to", "from and to are required days (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw InvalidPayoutInput.of("to", "to (" + to + ") is before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw InvalidPayoutInput.of("to", "a period has at most " + MAX_DAYS + " days");
        }
    }

    public List<AgentPeriodTotal> period(String tenant, LocalDate from, LocalDate to) {
        checkPeriod(from, to);
        try (Connection c = dataSource.getConnection()) {
            return PayoutStore.period(c, tenant, from, to);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    public List<PayoutLine> lines(String tenant, LocalDate day, int revision, String agent) {
        try (Connection c = dataSource.getConnection()) {
            return PayoutStore.lines(c, tenant, day, revision, agent);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    public List<PayoutRevision> revisions(String tenant, LocalDate day) {
        try (Connection c = dataSource.getConnection()) {
            return PayoutStore.revisionsOfDay(c, tenant, day);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    public Set<LocalDate> lockedDays(String tenant, LocalDate from, LocalDate to) {
        try (Connection c = dataSource.getConnection()) {
            return PayoutStore.lockedDays(c, tenant, from, to);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /** Approves and locks every day of the period not locked yet; returns how many days it locked. */
    public int lock(String tenant, LocalDate from, LocalDate to, String by) {
        checkPeriod(from, to);
        int count = 0;
        try (Connection c = dataSource.getConnection()) {
            Set<LocalDate> locked = PayoutStore.lockedDays(c, tenant, from, to);
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (!locked.contains(d)) {
                    PayoutStore.lock(c, tenant, d, by);
                    count++;
                }
            }
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        audit.recordAs(by, tenant, "payouts.locked", from + ".." + to, count + " days");
        return count;
    }

    public int unlock(String tenant, LocalDate from, LocalDate to, String by) {
        checkPeriod(from, to);
        int count;
        try (Connection c = dataSource.getConnection()) {
            count = PayoutStore.unlock(c, tenant, from, to);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        audit.recordAs(by, tenant, "payouts.unlocked", from + ".." + to, count + " days");
        return count;
    }
}
