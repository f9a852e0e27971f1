package io.queuelens.sources.genesys.boundary;

import io.queuelens.live.boundary.LiveInlet;
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
import jakarta.annotation.PostConstruct;
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
 * 30 seconds; an edit (a new {@code updatedAt}) restarts the org with its new settings.
 */
@Singleton
@Startup
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

    /** What runs for one org. */
    public record Running(GenesysSourceConfig config, GenesysApi api, GenesysLiveSession session) {
    }

    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    @PostConstruct
    void start() {
        // own threads: token requests, 429 waits and socket (re)connections must not stall shared timers
        scheduler = Executors.newScheduledThreadPool(2, threads);
        scheduler.scheduleWithFixedDelay(this::reconcile, 0, RECONCILE_SECONDS, TimeUnit.SECONDS);
    }

    /** A client for this org's settings (a connection test's, or a running org's). */
    public GenesysApi client(GenesysSourceConfig c) {
        String secret = vault.decrypt(c.clientSecret());
        return new GenesysApi(c.tenantId(), c.name(), GenesysRegion.of(c.region(), c.baseUrl()), c.clientId(), secret,
                GenesysApi.newHttpClient(Duration.ofSeconds(15)), GenesysApi.Settings.defaults(Math.max(1, maxRequestsPerMinute)));
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
            if (!c.enabled()) {
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
        running.values().forEach(r -> all.add(r.session().source()));
        return all;
    }

    @PreDestroy
    void stop() {
        running.values().forEach(r -> r.session().close());
        running.clear();
        scheduler.shutdownNow();
    }

}
