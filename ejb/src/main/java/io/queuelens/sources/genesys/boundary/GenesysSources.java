package io.queuelens.sources.genesys.boundary;

import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.live.boundary.LiveInlet;
import io.queuelens.names.boundary.DisplayNames;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.sources.genesys.control.GenesysHistoryImport;
import io.queuelens.live.boundary.LiveModels;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceProvider;
import io.queuelens.sources.genesys.control.GenesysApi;
import io.queuelens.sources.genesys.control.GenesysLiveSession;
import io.queuelens.sources.genesys.control.GenesysNotificationChannel;
import io.queuelens.sources.genesys.control.GenesysSourceStore;
import io.queuelens.sources.genesys.entity.GenesysApiStats;
import io.queuelens.sources.genesys.entity.GenesysRegion;
import io.queuelens.sources.genesys.entity.GenesysSourceConfig;
import io.queuelens.vault.boundary.Vault;
import io.queuelens.cluster.boundary.TenantOwnership;
import io.queuelens.cluster.entity.TenantOwnershipChanged;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.asteriskjava.manager.event.ManagerEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.time.Duration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs every enabled configured Genesys org: one {@link GenesysApi} (token, limits, call log) and one
 * {@link GenesysLiveSession} feeding the tenant's live model (source {@code <org>-live}). Configured
 * orgs are compared with the running ones at start, after every edit ({@link #reconfigure}) and every
 * 30 seconds; an edit (a new {@code updatedAt}) restarts the org with its new settings. In a cluster
 * a tenant's orgs run only on the member holding its lease ({@link TenantOwnership}), so one
 * notification channel and one history reader per org exist cluster-wide.
 */
@Singleton
@Startup
@DependsOn("TenantLeases") // (which depends on SchemaMigrator) stopped before the leases are released at shutdown
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Local(SourceProvider.class) // Sources lists the orgs' live connections...
@LocalBean // ...and the REST boundary, the history import and the operations page use the orgs' clients
public class GenesysSources implements SourceProvider {

    private static final Logger LOG = Logger.getLogger(GenesysSources.class.getName());
    static final long RECONCILE_SECONDS = 30;

    @Inject
    LiveModels live;

    @Inject
    Vault vault;

    @Inject
    KpiSettingsService kpiSettings;

    @Inject
    DisplayNames displayNames;

    @Inject
    TenantOwnership ownership;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    /** Requests per minute each org's client allows itself (Genesys's own default limit is 300). */
    @Inject
    @ConfigProperty(name = "queuelens.genesys.max-requests-per-minute", defaultValue = "300")
    int maxRequestsPerMinute;

    @Inject
    @ConfigProperty(name = "queuelens.genesys.live.heartbeat-timeout-seconds", defaultValue = "90")
    int heartbeatTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "queuelens.genesys.live.renew-minutes", defaultValue = "10")
    int renewMinutes;

    @Inject
    @ConfigProperty(name = "queuelens.genesys.live.resync-seconds", defaultValue = "300")
    int resyncSeconds;

    /** Minutes between reads of each org's new conversation details; 0 = only on request. */
    @Inject
    @ConfigProperty(name = "queuelens.genesys.history.poll-minutes", defaultValue = "5")
    int historyPollMinutes;

    /** How far back each read starts before the last one's end: conversations finish (and change) late. */
    @Inject
    @ConfigProperty(name = "queuelens.genesys.history.overlap-minutes", defaultValue = "120")
    int historyOverlapMinutes;

    /** How far back an org's first read goes. */
    @Inject
    @ConfigProperty(name = "queuelens.genesys.history.backfill-days", defaultValue = "1")
    int historyBackfillDays;

    /** What runs for one org. */
    public record Running(GenesysSourceConfig config, GenesysApi api, GenesysLiveSession session) {
    }

    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    /** the history reads: long, one at a time, apart from the live side's threads */
    private ScheduledExecutorService history;

    @PostConstruct
    void start() {
        // own threads: token requests, 429 waits and socket (re)connections must not stall shared timers;
        // several, since one org's resync may wait out a Retry-After while another org's socket needs renewing
        scheduler = Executors.newScheduledThreadPool(4, threads);
        scheduler.scheduleWithFixedDelay(this::reconcile, 0, RECONCILE_SECONDS, TimeUnit.SECONDS);
        history = Executors.newSingleThreadScheduledExecutor(threads);
        if (historyPollMinutes > 0) {
            history.scheduleWithFixedDelay(this::readHistory, 1, historyPollMinutes, TimeUnit.MINUTES);
        }
    }

    /** The history reader of an org, over the given client. */
    public GenesysHistoryImport history(GenesysSourceConfig c, GenesysApi api) {
        return new GenesysHistoryImport(api, dataSource, c.tenantId(), c.name(),
                new QueueRollupRefresher(c.tenantId(), kpiSettings.historySupplier(c.tenantId())), Duration.ofHours(1), 100);
    }

    /** Every running org's new conversation details (from its checkpoint minus the overlap). */
    private void readHistory() {
        for (Running r : List.copyOf(running.values())) {
            try {
                GenesysHistoryImport.Result result = history(r.config(), r.api()).incremental(java.time.Instant.now(),
                        Duration.ofMinutes(Math.max(0, historyOverlapMinutes)), Duration.ofDays(Math.max(0, historyBackfillDays)));
                LOG.log(Level.FINE, "Genesys org {0}/{1}: {2}", new Object[]{r.config().tenantId(), r.config().name(), result});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Genesys org {0}/{1}: reading conversation details failed: {2}",
                        new Object[]{r.config().tenantId(), r.config().name(), e.getMessage()});
            }
        }
    }

    /** A client for this org's settings (a connection test's, or a running org's). */
    public GenesysApi client(GenesysSourceConfig c) {
        return client(c, vault.decrypt(c.clientSecret()), GenesysApi.Settings.defaults(Math.max(1, maxRequestsPerMinute)));
    }

    /** A client with a plain secret and these settings (a connection test: no retries, short waits). */
    public GenesysApi client(GenesysSourceConfig c, String secret, GenesysApi.Settings settings) {
        return new GenesysApi(c.tenantId(), c.name(), GenesysRegion.of(c.region(), c.baseUrl()), c.clientId(), secret,
                GenesysApi.newHttpClient(Duration.ofSeconds(10)), settings);
    }

    /** Asks for the configured orgs to be compared with the running ones now (after an edit). */
    public void reconfigure() {
        scheduler.execute(this::reconcile);
    }

    /** The running org of this tenant with this name (its client is the one every call of the org goes through). */
    public Optional<Running> running(String tenantId, String name) {
        return running.values().stream().filter(r -> r.config().tenantId().equals(tenantId) && r.config().name().equals(name))
                .findFirst();
    }

    /** The API-call statistics of the tenant's running orgs (operations page, /metrics). */
    public List<GenesysApiStats> apiStats(String tenantId) {
        return running.values().stream().filter(r -> r.config().tenantId().equals(tenantId))
                .map(r -> r.api().stats()).toList();
    }

    /** The API-call statistics of every running org. */
    public List<GenesysApiStats> apiStats() {
        return running.values().stream().map(r -> r.api().stats()).toList();
    }

    private synchronized void reconcile() {
        List<GenesysSourceConfig> all;
        try {
            all = GenesysSourceStore.readOnly(dataSource).all();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Reading the configured Genesys orgs failed; retrying", e);
            return;
        }
        Set<Long> keep = new HashSet<>();
        for (GenesysSourceConfig c : all) {
            if (!c.enabled() || !ownership.holds(c.tenantId())) {
                continue;
            }
            keep.add(c.id());
            Running current = running.get(c.id());
            if (current != null && current.config().updatedAt().equals(c.updatedAt())) {
                continue;
            }
            if (current != null) {
                running.remove(c.id());
                current.session().close();
            }
            try {
                running.put(c.id(), startOrg(c));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Genesys org {0}/{1} not started: {2}", new Object[]{c.tenantId(), c.name(), e.toString()});
            }
        }
        running.entrySet().removeIf(e -> {
            if (keep.contains(e.getKey())) {
                return false;
            }
            e.getValue().session().close();
            return true;
        });
    }

    /**
     * Cluster ownership of a tenant changed: a loss closes its orgs' sessions before returning (the lease
     * keeper fences itself on this); a gain starts them by a reconcile now.
     */
    public void ownershipChanged(@Observes TenantOwnershipChanged change) {
        if (change.held()) {
            scheduler.execute(this::reconcile);
        } else {
            stopTenant(change.tenantId());
        }
    }

    private synchronized void stopTenant(String tenantId) {
        running.entrySet().removeIf(e -> {
            if (!e.getValue().config().tenantId().equals(tenantId)) {
                return false;
            }
            e.getValue().session().close();
            return true;
        });
    }

    private Running startOrg(GenesysSourceConfig c) {
        GenesysApi api = client(c);
        String sourceName = c.name() + "-live";
        LiveInlet inlet = live.inlet(c.tenantId(), sourceName);
        GenesysLiveSession.Feed feed = new GenesysLiveSession.Feed() {
            @Override
            public void accept(ManagerEvent event) {
                inlet.accept(event);
            }

            @Override
            public void connected(boolean up) {
                inlet.connected(up);
            }

            @Override
            public Map<String, Long> counters() {
                Map<String, Long> m = new LinkedHashMap<>(inlet.counters());
                GenesysApiStats s = api.stats(); // the org's API calls, on the operations page and in /metrics
                m.put("apiCalls", s.calls());
                m.put("apiErrors", s.errors());
                m.put("api429s", s.rateLimited());
                m.put("apiP50Millis", s.p50Millis());
                m.put("apiP95Millis", s.p95Millis());
                return m;
            }

            @Override
            public void queueNames(Map<String, String> names) {
                displayNames.learnQueues(c.tenantId(), names); // wallboards and reports show "Sales", not the id
            }
        };
        GenesysNotificationChannel.Settings defaults = GenesysNotificationChannel.Settings.defaults();
        GenesysNotificationChannel.Settings settings = new GenesysNotificationChannel.Settings(
                Duration.ofSeconds(Math.max(10, heartbeatTimeoutSeconds)), Duration.ofMinutes(Math.max(1, renewMinutes)),
                Duration.ofSeconds(Math.max(0, resyncSeconds)), defaults.firstRetry(), defaults.maxRetry(),
                defaults.connectTimeout());
        // queues are keyed by their Genesys id in the live model and the facts; names come from the display names
        GenesysLiveSession session = new GenesysLiveSession(c.tenantId(), sourceName, api, feed, Function.identity(),
                settings, scheduler, api.http());
        inlet.onOverflow(() -> scheduler.execute(session::requestResync));
        session.start();
        LOG.log(Level.INFO, "Genesys org {0}/{1} started ({2})", new Object[]{c.tenantId(), c.name(),
                c.baseUrl() == null ? c.region() : c.baseUrl()});
        return new Running(c, api, session);
    }

    @Override
    public List<Source> sources() {
        List<Source> all = new ArrayList<>();
        running.values().forEach(r -> all.add(new io.queuelens.sources.genesys.control.GenesysOrgSource(r.session().source(), r.api())));
        return all;
    }

    @PreDestroy
    void stop() {
        running.values().forEach(r -> r.session().close());
        running.clear();
        scheduler.shutdownNow();
        history.shutdownNow();
    }

}
