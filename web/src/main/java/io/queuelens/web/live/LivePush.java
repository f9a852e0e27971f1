package io.queuelens.web.live;

import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.live.boundary.LiveSnapshots;
import io.queuelens.live.entity.LiveChanged;
import io.queuelens.names.boundary.DisplayNames;
import io.queuelens.names.entity.NamesChanged;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.omnifaces.cdi.Push;
import org.omnifaces.cdi.PushContext;
import org.omnifaces.cdi.push.SocketEvent;
import org.omnifaces.util.Json;

import java.time.Instant;
import io.queuelens.live.entity.LiveSnapshot;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * model's writer thread. A push is encoded once and written to all the audience's sockets by
 * {@link SocketFanOut} (Tyrus's raw frame send, from {@code queuelens.live.push-threads} threads), with
 * at most {@code queuelens.live.socket-backlog} frames waiting per slow socket.
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
    DisplayNames names;

    @Inject
    @Push(channel = CHANNEL)
    PushContext channel;

    @Inject
    @ConfigProperty(name = "queuelens.live.push-interval-ms", defaultValue = "200")
    long intervalMillis;

    @Inject
    @ConfigProperty(name = "queuelens.live.push-threads", defaultValue = "2")
    int pushThreads;

    @Inject
    @ConfigProperty(name = "queuelens.live.socket-backlog", defaultValue = "16")
    int socketBacklog;

    @Inject
    BeanManager beanManager;

    @Resource
    ManagedThreadFactory threadFactory;

    private final ConcurrentMap<String, Tenant> tenants = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;
    private ExecutorService helpers;
    private Coalescer coalescer;
    /** Null when OmniFaces' sockets cannot be looked up: then pushes go through {@link #channel}. */
    private SocketFanOut fanOut;

    /** A limited audience with no socket left is forgotten after this long without a page asking for it. */
    static final long IDLE_AUDIENCE_MILLIS = 10 * 60_000L;

    /** The groups of queues a tenant's open boards show, and what was last pushed to each of its audiences. */
    private static final class Tenant {
        final Set<String> groups = ConcurrentHashMap.newKeySet();
        final ConcurrentMap<LiveAudience, Pushed> audiences = new ConcurrentHashMap<>();
    }

    /** What an audience was last sent (the base of its next delta), and when a page last asked for it. */
    private static final class Pushed {
        volatile WireState state;
        volatile long askedAt = System.currentTimeMillis();
    }

    @PostConstruct
    void start() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, threadFactory);
        e.setRemoveOnCancelPolicy(true);
        executor = e;
        coalescer = new Coalescer(intervalMillis, System::currentTimeMillis,
                (task, delay) -> executor.schedule(task, delay, TimeUnit.MILLISECONDS), this::flush);
        // threads of our own for the other shares of a fan-out: a managed executor would capture
        // the context for every task, which is what made the per-socket sends slow
        helpers = Executors.newFixedThreadPool(Math.max(1, pushThreads - 1), threadFactory);
        try {
            fanOut = new SocketFanOut(SocketFanOut.omniFacesSockets(beanManager, CHANNEL), SocketFanOut::omniFacesUser,
                    helpers, pushThreads, socketBacklog);
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Live push falls back to OmniFaces' one send per socket: " + failed.getMessage(), failed);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        helpers.shutdownNow();
    }

    /** A socket of any channel opened, closed or switched user: the audiences are looked up again. */
    void socketsChanged(@Observes @Any SocketEvent event) {
        if (fanOut != null) {
            fanOut.socketsChanged();
        }
    }

    /** Called on the model's writer thread: only marks the tenant; the push happens on our thread. */
    void changed(@Observes LiveChanged event) {
        coalescer.changed(event.tenantId());
    }

    /** A display name changed: the next push carries it (an entry's name is part of its state). */
    void namesChanged(@Observes NamesChanged event) {
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

    /** The state a (re)connecting page of every queue of the tenant starts from. */
    public JsonObject full(String tenantId) {
        return full(LiveAudience.everyQueue(tenantId));
    }

    /**
     * The state a (re)connecting page of this audience starts from: the last pushed one, so the next delta
     * continues it.
     */
    public JsonObject full(LiveAudience audience) {
        Tenant t = tenant(audience.tenant());
        synchronized (t) {
            Pushed p = t.audiences.computeIfAbsent(audience, a -> new Pushed());
            p.askedAt = System.currentTimeMillis();
            if (p.state == null || !p.state.queues().keySet().containsAll(audience.groupsOf(t.groups))) {
                // nothing pushed yet, or a page just asked for new groups: bring the state up to date
                // (pushing the difference, so the other pages stay in step)
                flushLocked(audience.tenant(), t);
            }
            return p.state.full(System.currentTimeMillis());
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

    /**
     * One state per audience, each cut from the same snapshot and wired once whatever its number of
     * sockets; a limited audience nobody listens to any more is dropped.
     */
    private void flushLocked(String tenantId, Tenant t) {
        LiveSnapshot snapshot = snapshots.of(tenantId);
        LiveWire wire = wire(tenantId);
        long now = System.currentTimeMillis();
        for (Map.Entry<LiveAudience, Pushed> e : t.audiences.entrySet()) {
            LiveAudience audience = e.getKey();
            Pushed p = e.getValue();
            if (!audience.seesEveryQueue() && fanOut != null && now - p.askedAt > IDLE_AUDIENCE_MILLIS
                    && fanOut.size(audience) == 0) {
                t.audiences.remove(audience);
                continue;
            }
            WireState current = wire.of(audience.cut(snapshot), audience.groupsOf(t.groups));
            WireState last = p.state;
            if (last == null) {
                // no page of it asked yet: remember the base, nobody can be waiting for a delta
                p.state = current;
                continue;
            }
            JsonObject delta = current.deltaFrom(last, now);
            if (delta != null) {
                p.state = current;
                send(audience, delta.toString());
            }
        }
    }

    /** Sockets of an audience, as of the last look-up (0 without the fan-out's view of the sockets). */
    int sockets(LiveAudience audience) {
        return fanOut == null ? 0 : fanOut.size(audience);
    }

    /** To every open live page of the audience (the channel's user). */
    private void send(LiveAudience audience, String message) {
        if (fanOut == null) {
            channel.send(message, audience);
        } else {
            // what OmniFaces would send: the message as a JSON value, which its client script decodes
            fanOut.send(audience, Json.encode(message));
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
        }, names == null ? null : names.book(tenantId));
    }
}
