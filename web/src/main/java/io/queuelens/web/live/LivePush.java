package io.queuelens.web.live;

import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.live.boundary.LiveSnapshots;
import io.queuelens.live.entity.LiveChanged;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.omnifaces.cdi.Push;
import org.omnifaces.cdi.PushContext;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes every tenant's live changes to its {@code live} socket channel (OmniFaces {@code <o:socket>},
 * one channel user per tenant: every open live page of that tenant receives the same message, so a
 * change costs one JSON serialization whatever the number of viewers).
 *
 * <p>What was pushed last is kept per tenant ({@link WireState}); a delta is the difference to it, and
 * the full state served on (re)connect is that same state, so a browser that loaded it continues with
 * the very next delta ({@code from} = its version). Pushes run on one thread of our own, never on the
 * model's writer thread.
 */
@ApplicationScoped
public class LivePush {

    private static final Logger LOG = Logger.getLogger(LivePush.class.getName());
    public static final String CHANNEL = "live";
    /** Groups of queues kept per tenant at most: each costs an entry in every push's state. */
    static final int MAX_GROUPS = 500;

    @Inject
    LiveSnapshots snapshots;

    @Inject
    KpiSettingsService kpiSettings;

    @Inject
    @Push(channel = CHANNEL)
    PushContext channel;

    @Inject
    @ConfigProperty(name = "queuelens.live.push-interval-ms", defaultValue = "200")
    long intervalMillis;

    @Resource
    ManagedThreadFactory threadFactory;

    private final ConcurrentMap<String, Tenant> tenants = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;
    private Coalescer coalescer;

    /** What was last pushed to a tenant's channel, and the groups of queues its open boards show. */
    private static final class Tenant {
        final Set<String> groups = ConcurrentHashMap.newKeySet();
        volatile WireState pushed;
    }

    @PostConstruct
    void start() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, threadFactory);
        e.setRemoveOnCancelPolicy(true);
        executor = e;
        coalescer = new Coalescer(intervalMillis, System::currentTimeMillis,
                (task, delay) -> executor.schedule(task, delay, TimeUnit.MILLISECONDS), this::flush);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Called on the model's writer thread: only marks the tenant; the push happens on our thread. */
    void changed(@Observes LiveChanged event) {
        coalescer.changed(event.tenantId());
    }

    /**
     * Lets a page's cards over several queues get their figures: from now on the tenant's state has
     * an entry per group key ({@code a,b} or {@code *}).
     */
    public void showGroups(String tenantId, Collection<String> groupKeys) {
        Tenant t = tenant(tenantId);
        if (t.groups.size() + groupKeys.size() > MAX_GROUPS) {
            LOG.log(Level.WARNING, "More than {0} groups of queues on the wallboards of {1}; new ones get no figures",
                    new Object[]{MAX_GROUPS, tenantId});
            return;
        }
        if (t.groups.addAll(groupKeys)) {
            coalescer.changed(tenantId); // the new entries go out with the next push
        }
    }

    /** The state a (re)connecting page starts from: the last pushed one, so the next delta continues it. */
    public JsonObject full(String tenantId) {
        Tenant t = tenant(tenantId);
        synchronized (t) {
            if (t.pushed == null || !t.pushed.queues().keySet().containsAll(t.groups)) {
                // nothing pushed yet, or a page just asked for new groups: bring the state up to date
                // (pushing the difference, so the other pages stay in step)
                flushLocked(tenantId, t);
            }
            return t.pushed.full(System.currentTimeMillis());
        }
    }

    long intervalMillis() {
        return coalescer.windowMillis();
    }

    private void flush(String tenantId) {
        Tenant t = tenant(tenantId);
        try {
            synchronized (t) {
                flushLocked(tenantId, t);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Live push to " + tenantId + " failed", e);
        }
    }

    private void flushLocked(String tenantId, Tenant t) {
        WireState current = wire(tenantId).of(snapshots.of(tenantId), t.groups);
        WireState last = t.pushed;
        if (last == null) {
            // no page asked yet: remember the base, nobody can be waiting for a delta
            t.pushed = current;
            return;
        }
        JsonObject delta = current.deltaFrom(last, System.currentTimeMillis());
        if (delta != null) {
            t.pushed = current;
            channel.send(delta.toString(), tenantId);
        }
    }

    private Tenant tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, k -> new Tenant());
    }

    /** Today's figures with the settings in force now: the queue's own, the tenant defaults for a group. */
    private LiveWire wire(String tenantId) {
        KpiSettingsHistory history = kpiSettings.history(tenantId);
        Instant now = Instant.now();
        return new LiveWire((key, totals) -> {
            KpiSettings s = key.contains(",") || "*".equals(key) ? history.tenantDefaults(now)
                    : history.findEffective(key, now).orElseGet(() -> history.tenantDefaults(now));
            return KpiCalculator.queueFigures(totals, s);
        });
    }
}
