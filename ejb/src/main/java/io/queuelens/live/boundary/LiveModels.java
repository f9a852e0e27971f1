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
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One live model per tenant, created when the tenant's first source connects: seeds today's figures
 * from the stored rollups and facts, starts the model's single writer, publishes its snapshots through
 * {@link LiveSnapshots}, and exposes the model's health as application metrics
 * ({@code queuelens_live_*{tenant=...}}).
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

    private final Map<String, LiveFeed> feeds = new ConcurrentHashMap<>();

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
        LocalDate today = LocalDate.ofInstant(now, zone);
        try {
            Map<String, QueueTotals> totals = todaysTotals(tenantId, zone, today);
            Map<String, Integer> calls = todaysCallsTaken(tenantId, zone, today);
            feed.control(() -> model.seed(today, totals, calls));
            LOG.log(Level.INFO, "Live model of tenant {0} seeded with today''s figures of {1} queues and {2} agents",
                    new Object[]{tenantId, totals.size(), calls.size()});
        } catch (SQLException | RuntimeException e) {
            // the live picture is still right; only today's counts start from zero
            LOG.log(Level.WARNING, "Live model of tenant {0} starts without today''s stored figures: {1}",
                    new Object[]{tenantId, e.toString()});
        }
        feed.start();
        registerMetrics(tenantId, feed);
        return feed;
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

    /** Sum of today's 15-minute queue rollups, the way the summary report sums them. */
    private Map<String, QueueTotals> todaysTotals(String tenantId, ZoneId zone, LocalDate day) throws SQLException {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, QueueTotals> totals = new HashMap<>();
        KpiSettingsHistory history = kpiSettings.history(tenantId);
        try (Connection c = dataSource.getConnection()) {
            new QueueRollupReader(history).scanInAnyOrder(c, tenantId, from, to, List.of(),
                    b -> totals.merge(b.queue(), b.totals(), QueueTotals::plus));
        }
        return totals;
    }

    /** Answered visits per agent since local midnight, from the facts. */
    private Map<String, Integer> todaysCallsTaken(String tenantId, ZoneId zone, LocalDate day) throws SQLException {
        Map<String, Integer> calls = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT agent, COUNT(*) FROM queue_visit WHERE tenant_id = ? "
                     + "AND outcome = 'ANSWERED' AND connected_at >= ? AND connected_at < ? AND agent IS NOT NULL GROUP BY agent")) {
            ps.setString(1, tenantId);
            ps.setObject(2, UtcColumns.of(day.atStartOfDay(zone).toInstant()));
            ps.setObject(3, UtcColumns.of(day.plusDays(1).atStartOfDay(zone).toInstant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    calls.put(rs.getString(1), rs.getInt(2));
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
        feeds.values().forEach(LiveFeed::close);
    }
}
