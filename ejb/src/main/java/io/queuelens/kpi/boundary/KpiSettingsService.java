package io.queuelens.kpi.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.control.KpiSettingsTable;
import io.queuelens.kpi.entity.InvalidKpiSettingsException;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueSettingsOverride;
import io.queuelens.kpi.entity.RebuildStatus;
import io.queuelens.kpi.entity.SettingsChange;
import io.queuelens.rollups.control.QueueRollupRebuild;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.rollups.entity.Buckets;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A tenant's KPI settings over time: read by every report and by the ingestion (through
 * {@link #historySupplier}), changed by managers. A change takes effect at an instant on the
 * 15-minute grid; when that instant is in the past, the queue rollups from then on are rebuilt in the
 * background, and until a bucket is rebuilt the reports flag it as counted with other settings.
 *
 * <p>The history is cached per tenant and dropped on every change made here. In a cluster (a later
 * issue) the other members must drop theirs too; until then a change made on one member shows on the
 * others after their restart.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // JDBC local transactions, like the facts
public class KpiSettingsService {

    private static final Logger LOG = Logger.getLogger(KpiSettingsService.class.getName());

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ExecutorService executor;

    @Inject
    AuditTrail audit;

    Clock clock = Clock.systemUTC();

    private final Map<String, KpiSettingsHistory> cache = new ConcurrentHashMap<>();
    private final Map<String, RebuildStatus> rebuilds = new ConcurrentHashMap<>();
    private final Map<String, Object> tenantLocks = new ConcurrentHashMap<>();

    public KpiSettingsHistory history(String tenantId) {
        return cache.computeIfAbsent(tenantId, this::load);
    }

    /** For long-lived readers (ingestion): asks the cache at each use, so changes reach them. */
    public Supplier<KpiSettingsHistory> historySupplier(String tenantId) {
        return () -> history(tenantId);
    }

    /** Every stored version (tenant defaults and queue overrides), newest change first. */
    public List<SettingsChange> changes(String tenantId) {
        try (Connection c = dataSource.getConnection()) {
            List<SettingsChange> all = new ArrayList<>(KpiSettingsTable.tenantChanges(c, tenantId));
            all.addAll(KpiSettingsTable.queueChanges(c, tenantId));
            all.sort(Comparator.comparing(SettingsChange::changedAt).reversed());
            return all;
        } catch (SQLException e) {
            throw new EJBException("KPI settings of tenant " + tenantId + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Stores new tenant defaults effective from {@code proposed.effectiveFrom()}.
     *
     * @throws InvalidKpiSettingsException with every problem, each starting with the field's name
     */
    public KpiSettings changeDefaults(String tenantId, KpiSettings proposed, String user) {
        requireNotBeforeLatest(tenantId, proposed.effectiveFrom(), null);
        KpiSettings stored = store(tenantId, c -> KpiSettingsTable.insertTenantVersion(c, tenantId, proposed, user, clock.instant()));
        audit.recordAs(user, tenantId, "kpi.defaults.changed", null, "effective from " + stored.effectiveFrom());
        rebuildIfPast(tenantId, stored.effectiveFrom());
        return stored;
    }

    /**
     * Stores a new version of one queue's overrides. It is checked against the tenant defaults in force
     * at its start, so an out-of-range override is reported with the setting's name.
     */
    public QueueSettingsOverride changeQueue(String tenantId, QueueSettingsOverride proposed, String user) {
        requireNotBeforeLatest(tenantId, proposed.effectiveFrom(), proposed.queue());
        proposed.applyTo(history(tenantId).getEffective(proposed.queue(), proposed.effectiveFrom()));
        QueueSettingsOverride stored = store(tenantId,
                c -> KpiSettingsTable.insertQueueVersion(c, tenantId, proposed, user, clock.instant()));
        audit.recordAs(user, tenantId, "kpi.queue.changed", stored.queue(), "effective from " + stored.effectiveFrom());
        rebuildIfPast(tenantId, stored.effectiveFrom());
        return stored;
    }

    /** The last (or running) rollup rebuild of the tenant, or null when there was none since start-up. */
    public RebuildStatus rebuildStatus(String tenantId) {
        return rebuilds.get(tenantId);
    }

    private void requireNotBeforeLatest(String tenantId, Instant effectiveFrom, String queue) {
        List<String> problems = new ArrayList<>();
        if (effectiveFrom == null || !Buckets.isBucketStart(effectiveFrom)) {
            problems.add("effectiveFrom must be on the 15-minute grid, was " + effectiveFrom);
        } else {
            // History is append-only: a change may replace the latest version's start or come after it,
            // never slip under an older version (that would rewrite what an old report said silently).
            changes(tenantId).stream()
                    .filter(ch -> queue == null ? ch.tenantSettings() != null : queue.equals(ch.queue()))
                    .map(SettingsChange::effectiveFrom).max(Instant::compareTo)
                    .filter(latest -> effectiveFrom.isBefore(latest))
                    .ifPresent(latest -> problems.add("effectiveFrom must not be before " + latest
                            + ", the start of the latest version"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidKpiSettingsException(problems);
        }
    }

    private interface Insert<T> {
        T into(Connection c) throws SQLException;
    }

    private <T> T store(String tenantId, Insert<T> insert) {
        synchronized (tenantLocks.computeIfAbsent(tenantId, k -> new Object())) {
            try (Connection c = dataSource.getConnection()) {
                T stored = insert.into(c);
                cache.remove(tenantId);
                return stored;
            } catch (SQLException e) {
                throw new EJBException("KPI settings of tenant " + tenantId + " could not be stored: " + e.getMessage(), e);
            }
        }
    }

    private void rebuildIfPast(String tenantId, Instant effectiveFrom) {
        Instant to = Buckets.floor(clock.instant()).plus(Buckets.WIDTH);
        if (!effectiveFrom.isBefore(to)) {
            return;
        }
        RebuildStatus status = RebuildStatus.started(effectiveFrom, to, clock.instant());
        rebuilds.put(tenantId, status);
        executor.submit(() -> rebuild(tenantId, effectiveFrom, to));
    }

    private void rebuild(String tenantId, Instant from, Instant to) {
        // One rebuild per tenant at a time: a second change waits for the first, then redoes its range.
        synchronized (tenantLocks.computeIfAbsent(tenantId + "/rebuild", k -> new Object())) {
            RebuildStatus status = RebuildStatus.started(from, to, clock.instant());
            rebuilds.put(tenantId, status);
            try {
                long buckets = new QueueRollupRebuild(dataSource, tenantId,
                        new QueueRollupRefresher(tenantId, historySupplier(tenantId)))
                        .rebuild(from, to, doneUntil -> rebuilds.put(tenantId,
                                rebuilds.get(tenantId).progressed(Instant.ofEpochMilli(doneUntil))));
                rebuilds.put(tenantId, rebuilds.get(tenantId).finished(buckets, clock.instant()));
                LOG.log(Level.INFO, "KPI settings of {0} changed: {1} queue buckets from {2} recomputed",
                        new Object[]{tenantId, buckets, from});
            } catch (SQLException | RuntimeException e) {
                rebuilds.put(tenantId, rebuilds.get(tenantId).failed(e.toString(), clock.instant()));
                LOG.log(Level.WARNING, "Rollup rebuild of " + tenantId + " from " + from + " failed", e);
            }
        }
    }

    private KpiSettingsHistory load(String tenantId) {
        try (Connection c = dataSource.getConnection()) {
            return KpiSettingsTable.history(c, tenantId);
        } catch (SQLException e) {
            throw new EJBException("KPI settings of tenant " + tenantId + " could not be read: " + e.getMessage(), e);
        }
    }
}
