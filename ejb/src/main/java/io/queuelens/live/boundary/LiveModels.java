package io.queuelens.live.boundary;

import io.queuelens.cluster.boundary.TenantOwnership;
import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.live.control.LiveFeed;
import io.queuelens.live.control.LiveModel;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.reports.control.QueueRollupReader;
import io.queuelens.schema.control.UtcColumns;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One live model per tenant, created when the tenant's first source connects: takes today's figures
 * from the stored rollups and facts at start and every {@code queuelens.live.stored-refresh-seconds},
 * starts the model's single writer, publishes its snapshots through {@link LiveSnapshots}, and exposes
 * the model's health as application metrics ({@code queuelens_live_*{tenant=...}}).
 */
@ApplicationScoped
public class LiveModels {

    private static final Logger LOG = Logger.getLogger(LiveModels.class.getName());

    @Inject
    LiveSnapshots snapshots;

    @Inject
    TenantOwnership ownership;

    @Inject
    Tenants tenants;

    @Inject
    KpiSettingsService kpiSettings;

    @Inject
    MetricRegistry metrics;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    /** Calls in progress the model follows at once per tenant; the oldest is dropped (and counted) past it. */
    @Inject
    @ConfigProperty(name = "queuelens.live.max-calls", defaultValue = "50000")
    int maxCalls;

    /** Events queued for a tenant's model before it counts them as dropped and asks its sources to resync. */
    @Inject
    @ConfigProperty(name = "queuelens.live.inbox-capacity", defaultValue = "200000")
    int inboxCapacity;

    /**
     * How often today's figures are compared with the stored facts again (0 = only at start): each
     * 15-minute bucket shows the facts or the model's own count, whichever has more calls offered.
     */
    @Inject
    @ConfigProperty(name = "queuelens.live.stored-refresh-seconds", defaultValue = "30")
    int storedRefreshSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, LiveFeed> feeds = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> storedRefresh;

    /** The tenant's model input for one source (the model is created on first use). */
    public LiveInlet inlet(String tenantId, String source) {
        return new LiveInlet(feeds.computeIfAbsent(tenantId, this::start), source);
    }

    /** Tenants whose model runs (created when their first source connected). */
    public java.util.Set<String> tenantsWithModel() {
        return new java.util.TreeSet<>(feeds.keySet());
    }

    /** The limit of calls in progress one tenant's model follows ({@code queuelens.live.max-calls}). */
    public int maxCalls() {
        return maxCalls;
    }

    public Optional<LiveFeed> feed(String tenantId) {
        return Optional.ofNullable(feeds.get(tenantId));
    }

    /** The model's own figures for the admin API: backlog, lag, snapshots, followed and evicted calls. */
    public Optional<Map<String, Object>> stats(String tenantId) {
        return feed(tenantId).map(f -> {
            Map<String, Object> m = new TreeMap<>();
            m.put("backlog", f.backlog());
            m.put("batches", f.batches());
            m.put("snapshotsPublished", f.snapshotsPublished());
            m.put("lagP50Micros", f.queueLag().percentile(50));
            m.put("lagP99Micros", f.queueLag().percentile(99));
            m.put("sourceLagP50Micros", f.sourceLag().percentile(50));
            m.put("sourceLagP99Micros", f.sourceLag().percentile(99));
            m.put("callsFollowed", f.model().visitsFollowed());
            m.put("callsEvicted", f.model().visitsEvicted());
            m.put("resyncs", f.model().resyncsCompleted());
            m.put("day", f.model().day().toString());
            return m;
        });
    }

    private LiveFeed start(String tenantId) {
        ZoneId zone = tenants.find(tenantId).map(Tenant::getTimeZone).orElse(ZoneId.of("UTC"));
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        LiveModel model = new LiveModel(tenantId, zone,
                (queue, at) -> kpiSettings.history(tenantId).getEffective(queue, at), maxCalls, now);
        LiveFeed feed = new LiveFeed(tenantId, model, snapshots.of(tenantId).version(),
                s -> publishIfHeld(tenantId, s), threads,
                inboxCapacity, clock);
        if (readStoredToday(tenantId, zone, feed, now)) {
            LOG.log(Level.INFO, "Live model of tenant {0} starts from today''s stored figures", tenantId);
        }
        feed.start();
        registerMetrics(tenantId, feed);
        startStoredRefresh();
        return feed;
    }

    /**
     * Reads the stored facts again for every model, so that today's figures take in what the history
     * reader stored since: calls the model never saw (before a restart, while a connection was down,
     * callers already waiting at its start) and a demo backfill still being read at start.
     */
    private synchronized void startStoredRefresh() {
        if (storedRefresh == null && storedRefreshSeconds > 0) {
            storedRefresh = scheduler.scheduleWithFixedDelay(() -> feeds.forEach((tenantId, feed) ->
                            readStoredToday(tenantId, feed.model().zone(), feed, Instant.now())),
                    storedRefreshSeconds, storedRefreshSeconds, TimeUnit.SECONDS);
        }
    }

    /** Hands today's stored figures to the model's writer; false (logged) when they could not be read. */
    private boolean readStoredToday(String tenantId, ZoneId zone, LiveFeed feed, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        try {
            Map<String, Map<Instant, QueueTotals>> buckets = todaysBuckets(tenantId, zone, today);
            Map<String, Integer> calls = todaysCallsTaken(tenantId, zone, today);
            feed.control(() -> feed.model().storedToday(today, buckets, calls));
            return true;
        } catch (SQLException | RuntimeException e) {
            // the live picture is still right; today's counts go on from the model's own until the next read
            LOG.log(Level.WARNING, "Live model of tenant {0}: today''s stored figures could not be read: {1}",
                    new Object[]{tenantId, e.toString()});
            return false;
        }
    }

    /**
     * Publishes the model's snapshot while this member holds the tenant. A model whose tenant moved to another
     * member (its sources stopped here) may still tick (a day rolls over, a left call times out); its picture is
     * then older than the copies of the new owner's that this member follows, so it is kept to itself. The model
     * goes on from the version stored, and re-bases onto it when it publishes again (see LiveSnapshots.publish).
     */
    private LiveSnapshot publishIfHeld(String tenantId, LiveSnapshot snapshot) {
        return ownership.holds(tenantId) ? snapshots.publish(snapshot) : snapshots.of(tenantId);
    }

    /** Today's 15-minute queue rollups per queue and bucket start, as the summary report reads them. */
    private Map<String, Map<Instant, QueueTotals>> todaysBuckets(String tenantId, ZoneId zone, LocalDate day)
            throws SQLException {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, Map<Instant, QueueTotals>> buckets = new HashMap<>();
        KpiSettingsHistory history = kpiSettings.history(tenantId);
        try (Connection c = dataSource.getConnection()) {
            new QueueRollupReader(history).scanInAnyOrder(c, tenantId, from, to, List.of(),
                    b -> buckets.computeIfAbsent(b.queue(), q -> new HashMap<>()).merge(b.start(), b.totals(), QueueTotals::plus));
        }
        return buckets;
    }

    /**
     * Calls each agent answered since local midnight: the agent rollups' answered count (by the bucket of
     * the connect) over today's buckets. Read by the rollups' time index: the visits have no index by
     * connect time, and this runs every refresh, so reading them would scan the tenant's whole history.
     */
    private Map<String, Integer> todaysCallsTaken(String tenantId, ZoneId zone, LocalDate day) throws SQLException {
        Map<String, Integer> calls = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT agent, SUM(answered) FROM rollup_agent_15m "
                     + "WHERE tenant_id = ? AND bucket_start >= ? AND bucket_start < ? GROUP BY agent")) {
            ps.setString(1, tenantId);
            ps.setObject(2, UtcColumns.of(day.atStartOfDay(zone).toInstant()));
            ps.setObject(3, UtcColumns.of(day.plusDays(1).atStartOfDay(zone).toInstant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int answered = rs.getInt(2);
                    if (answered > 0) {
                        calls.put(rs.getString(1), answered);
                    }
                }
            }
        }
        return calls;
    }

    private void registerMetrics(String tenantId, LiveFeed feed) {
        Tag tenant = new Tag("tenant", tenantId);
        gauge("queuelens_live_backlog", "AMI events queued for the tenant's live model", feed, f -> f.backlog(), tenant);
        gauge("queuelens_live_lag_p50_ms", "Median time from an event's arrival to its application to the live model, ms",
                feed, f -> f.queueLag().percentile(50) / 1000.0, tenant);
        gauge("queuelens_live_lag_p99_ms", "99th percentile of the time from an event's arrival to its application, ms",
                feed, f -> f.queueLag().percentile(99) / 1000.0, tenant);
        gauge("queuelens_live_snapshots", "Live snapshots published", feed, f -> f.snapshotsPublished(), tenant);
        gauge("queuelens_live_calls_followed", "Calls in progress the live model follows", feed,
                f -> f.model().visitsFollowed(), tenant);
        gauge("queuelens_live_calls_evicted", "Calls dropped from the live model's bounded cache", feed,
                f -> f.model().visitsEvicted(), tenant);
    }

    private void gauge(String name, String description, LiveFeed feed, ToDoubleFunction<LiveFeed> value, Tag tenant) {
        try {
            metrics.gauge(Metadata.builder().withName(name).withDescription(description).build(), feed,
                    f -> value.applyAsDouble(f), tenant);
        } catch (IllegalArgumentException alreadyThere) {
            LOG.log(Level.FINE, "metric {0} of tenant {1} exists already", new Object[]{name, tenant.getTagValue()});
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> refresh = storedRefresh;
        if (refresh != null) {
            refresh.cancel(false);
        }
        feeds.values().forEach(LiveFeed::close);
    }
}
