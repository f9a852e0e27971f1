package io.queuelens.alerts.boundary;

import io.queuelens.alerts.control.AlertStore;
import io.queuelens.alerts.control.DeliverySender;
import io.queuelens.alerts.control.IntervalTotals;
import io.queuelens.alerts.control.RuleEvaluator;
import io.queuelens.alerts.control.ScopeValues;
import io.queuelens.alerts.control.Webhooks;
import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.AlertIncident;
import io.queuelens.alerts.entity.AlertNotice;
import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.IncidentState;
import io.queuelens.cluster.boundary.TenantOwnership;
import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.live.boundary.LiveSnapshots;
import io.queuelens.live.entity.LiveChanged;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.mail.boundary.Mailer;
import io.queuelens.mail.entity.MailMessage;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.vault.boundary.Vault;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Evaluates every tenant's rules on every live change, on one thread of its own (never the live model's writer:
 * the observer only queues the tenant, and changes that arrive while one evaluation waits are folded into it).
 * Besides the live changes, it looks again only when something is due without an event: a pending condition's
 * minimum duration, a repeat, the moment the oldest caller will cross a longest-wait threshold, and each closed
 * 15-minute interval (interval figures are read from the rollups then).
 *
 * <p>A transition opens, updates or resolves the incident row, fires {@link AlertNotice} (the in-app toast) and
 * writes one {@code alert_delivery} row per channel of the rule, whose first attempt starts at once on a sender
 * thread; failed ones are retried by {@link #retryDue} with backoff.
 *
 * <p>In a cluster only the member that holds a tenant ({@link TenantOwnership}) evaluates its rules: every member
 * sees the same live picture, and evaluating everywhere would open each incident and send each mail once per
 * member. {@link AlertRelay} brings the notices to the other members' browsers, and rule changes and
 * acknowledgements made elsewhere to this engine. (Deliveries are claimed in the database row by row, so a retry
 * poll on several members still sends each one once.)
 */
@ApplicationScoped
public class AlertEngine {

    private static final Logger LOG = Logger.getLogger(AlertEngine.class.getName());

    @Inject
    LiveSnapshots snapshots;

    @Inject
    KpiSettingsService kpiSettings;

    @Inject
    Tenants tenants;

    @Inject
    Event<AlertNotice> notices;

    @Inject
    Mailer mailer;

    @Inject
    Vault vault;

    @Inject
    AlertConfig config;

    @Inject
    TenantOwnership ownership;

    @Inject
    AlertRelay relay;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, TenantAlerts> tenantsAlerts = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService engine;
    private ExecutorService senders;
    private DeliverySender sender;
    private AlertStore store;

    /** What the engine keeps of a tenant; touched on the engine thread only. */
    private static final class TenantAlerts {
        final RuleEvaluator evaluator;
        List<AlertRule> rules = List.of();
        /** open incident id per rule id + scope key */
        final Map<String, Long> open = new HashMap<>();
        /** the newest value and peak of open incidents not written yet (incident id -> value, peak) */
        final Map<Long, double[]> unwritten = new HashMap<>();
        /** the last closed interval's values per rule id */
        final Map<Long, List<ScopeValues.Scoped>> intervalValues = new HashMap<>();
        ScheduledFuture<?> wake;
        Instant wakeAt;

        TenantAlerts(RuleEvaluator evaluator) {
            this.evaluator = evaluator;
        }
    }

    @PostConstruct
    void start() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, threads);
        e.setRemoveOnCancelPolicy(true);
        engine = e;
        senders = Executors.newFixedThreadPool(2, threads);
        store = new AlertStore(dataSource);
        // the client's own executor: a sender thread blocked in send() must never be the one its response needs
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.sender().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        sender = new DeliverySender(store, http, vault::decrypt, this::mail, config.sender(), clock);
        long poll = config.retryPoll().toMillis();
        engine.scheduleWithFixedDelay(this::retryDue, poll, poll, TimeUnit.MILLISECONDS);
        scheduleIntervalClose();
    }

    @PreDestroy
    void stop() {
        engine.shutdownNow();
        senders.shutdownNow();
    }

    /** On the live model's writer thread: only queues the tenant (once, however many changes come meanwhile). */
    void changed(@Observes LiveChanged event) {
        String tenant = event.tenantId();
        long liveAt = System.currentTimeMillis();
        if (!ownership.holds(tenant)) {
            // the holder evaluates it (this member shows a copy of its live picture); what this member kept from
            // when it held the tenant is stale from now on
            if (tenantsAlerts.containsKey(tenant)) {
                try {
                    engine.execute(() -> {
                        if (!ownership.holds(tenant)) {
                            forget(tenant);
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // shutting down
                }
            }
            return;
        }
        if (queued.add(tenant)) {
            try {
                engine.execute(() -> {
                    queued.remove(tenant);
                    evaluate(tenant, liveAt);
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                queued.remove(tenant); // shutting down: the model's writer must not fail for it
            }
        }
    }

    /** A rule of the tenant was created, changed or deleted: its open incidents resolve and its rules are read again. */
    public void ruleChanged(String tenantId, long ruleId) {
        if (!ownership.holds(tenantId)) {
            relay.ruleChanged(tenantId, ruleId); // the holder's engine keeps the rules it evaluates
        }
        engine.execute(() -> {
            try {
                TenantAlerts t = tenantsAlerts.get(tenantId);
                if (t != null) {
                    t.evaluator.forget(ruleId);
                    t.intervalValues.remove(ruleId);
                    t.open.keySet().removeIf(k -> k.startsWith(ruleId + "|"));
                }
                Instant now = clock.instant();
                for (AlertIncident i : store.incidents(tenantId, List.of(IncidentState.FIRING, IncidentState.ACKNOWLEDGED), 1000)) {
                    if (i.ruleId() == ruleId) {
                        store.resolve(i.id(), now, i.lastValue(), i.peak());
                    }
                }
                if (t != null) {
                    t.rules = store.rules(tenantId).stream().filter(AlertRule::enabled).toList();
                    refreshInterval(tenantId, t);
                }
                evaluate(tenantId, System.currentTimeMillis());
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "alerts of " + tenantId + ": rule change not applied: " + e.getMessage(), e);
            }
        });
    }

    /** Someone acknowledged the incident: no more repeats of it. */
    public void acknowledged(AlertIncident incident) {
        acknowledged(incident.tenantId(), incident.ruleId(), incident.scopeKey());
    }

    /** The incident of this rule and scope was acknowledged (here, or on another member: see {@link AlertRelay}). */
    public void acknowledged(String tenantId, long ruleId, String scopeKey) {
        if (!ownership.holds(tenantId)) {
            relay.acknowledged(tenantId, ruleId, scopeKey); // the repeats come from the holder's engine
            return;
        }
        engine.execute(() -> {
            TenantAlerts t = tenantsAlerts.get(tenantId);
            if (t != null) {
                t.evaluator.acknowledge(ruleId, scopeKey);
            }
        });
    }

    /** Evaluates the tenant's rules now (engine thread). */
    private void evaluate(String tenantId, long liveAt) {
        if (!ownership.holds(tenantId)) {
            forget(tenantId);
            return;
        }
        try {
            TenantAlerts t = tenant(tenantId);
            if (t.rules.isEmpty()) {
                return;
            }
            LiveSnapshot snapshot = snapshots.of(tenantId);
            KpiSettingsHistory history = kpiSettings.history(tenantId);
            Instant now = clock.instant();
            Instant crossing = null;
            for (AlertRule rule : t.rules) {
                List<ScopeValues.Scoped> values = rule.figure().isInterval()
                        ? t.intervalValues.getOrDefault(rule.id(), List.of())
                        : ScopeValues.live(rule, snapshot, history, now);
                for (ScopeValues.Scoped v : values) {
                    Optional<RuleEvaluator.Outcome> o = t.evaluator.evaluate(rule, v.scopeKey(), v.value(), now);
                    if (o.isPresent()) {
                        apply(tenantId, t, rule, v.queues(), o.get(), liveAt);
                    } else if (v.value() != null) {
                        Long open = t.open.get(rule.id() + "|" + v.scopeKey());
                        if (open != null) {
                            // written by writeValues, not per live change
                            t.unwritten.put(open, new double[]{v.value(), t.evaluator.peak(rule.id(), v.scopeKey())});
                        }
                    }
                    if (v.crossesAt() != null && (crossing == null || v.crossesAt().isBefore(crossing))) {
                        crossing = v.crossesAt();
                    }
                }
            }
            Instant next = t.evaluator.nextDeadline().orElse(null);
            if (crossing != null && (next == null || crossing.isBefore(next))) {
                next = crossing;
            }
            wakeAt(tenantId, t, next);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "alerts of " + tenantId + " not evaluated: " + e.getMessage(), e);
        }
    }

    /**
     * The tenant is held by another member now: its state here is dropped, so that if this member holds it again
     * it starts from the stored incidents (which the other member went on updating), not from what it had.
     */
    private void forget(String tenantId) {
        TenantAlerts t = tenantsAlerts.remove(tenantId);
        if (t != null && t.wake != null) {
            t.wake.cancel(false);
        }
    }

    private void wakeAt(String tenantId, TenantAlerts t, Instant at) {
        if (at == null || at.equals(t.wakeAt)) {
            return;
        }
        if (t.wake != null) {
            t.wake.cancel(false);
        }
        t.wakeAt = at;
        // a deadline already past (a repeat held back by quiet hours) is looked at again once a second, not in a loop
        long untilDue = Duration.between(clock.instant(), at).toMillis();
        long delay = untilDue > 0 ? untilDue + 5 : 1000;
        t.wake = engine.schedule(() -> {
            t.wakeAt = null;
            evaluate(tenantId, System.currentTimeMillis());
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void apply(String tenantId, TenantAlerts t, AlertRule rule, List<String> queues, RuleEvaluator.Outcome o, long liveAt)
            throws SQLException {
        String key = o.ruleId() + "|" + o.scopeKey();
        Instant now = clock.instant();
        long incidentId;
        String kind;
        switch (o.action()) {
            case FIRE -> {
                incidentId = store.openIncident(new AlertIncident(0, tenantId, rule.id(), rule.name(), rule.severity(),
                        rule.figure(), o.scopeKey(), queues, IncidentState.FIRING, now, null, null, null, o.peak(), o.value(),
                        rule.threshold()));
                t.open.put(key, incidentId);
                kind = "FIRING";
            }
            case REPEAT -> {
                Long id = t.open.get(key);
                if (id == null) {
                    return;
                }
                incidentId = id;
                store.updateValues(incidentId, o.value(), o.peak());
                kind = "REPEAT";
            }
            default -> {
                Long id = t.open.remove(key);
                if (id == null) {
                    return;
                }
                incidentId = id;
                store.resolve(incidentId, now, o.value(), o.peak());
                t.unwritten.remove(incidentId);
                kind = "RESOLVED";
            }
        }
        if (!o.tell()) {
            return; // quiet hours: recorded, not told
        }
        AlertNotice notice = new AlertNotice(kind, incidentId, tenantId, rule.name(), rule.severity(), rule.figure(),
                o.scopeKey(), label(o.scopeKey()), queues, o.value(), rule.condition(), now, liveAt);
        try {
            notices.fire(notice);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "in-app alert notice failed: " + e.getMessage(), e);
        }
        if (rule.channelIds().isEmpty()) {
            return;
        }
        String payload = Webhooks.payload(notice);
        Map<Long, AlertChannel> channels = new HashMap<>();
        store.channels(tenantId).forEach(c -> channels.put(c.id(), c));
        for (Long channelId : rule.channelIds()) {
            AlertChannel c = channels.get(channelId);
            if (c != null && c.enabled()) {
                long delivery = store.insertDelivery(tenantId, incidentId, c.id(), c.kind(), payload, now);
                senders.execute(() -> attempt(delivery));
            }
        }
    }

    private static String label(String scopeKey) {
        int colon = scopeKey.indexOf(':');
        return colon < 0 ? scopeKey : scopeKey.substring(colon + 1);
    }

    private void attempt(long deliveryId) {
        try {
            sender.attempt(deliveryId);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "alert delivery " + deliveryId + " not attempted: " + e.getMessage(), e);
        }
    }

    /** The last and worst values of firing incidents, at most once per retry poll (not once per live change). */
    private void writeValues() {
        for (TenantAlerts t : tenantsAlerts.values()) {
            for (Map.Entry<Long, double[]> e : t.unwritten.entrySet()) {
                try {
                    if (!Double.isNaN(e.getValue()[1])) {
                        store.updateValues(e.getKey(), e.getValue()[0], e.getValue()[1]);
                    }
                } catch (SQLException | RuntimeException ex) {
                    LOG.log(Level.FINE, "alert values not written: {0}", ex.toString());
                }
            }
            t.unwritten.clear();
        }
    }

    /** Retries whose time has come (and deliveries a crashed server left half-done); runs on the engine thread. */
    void retryDue() {
        writeValues();
        try {
            for (long id : store.due(clock.instant(), 50)) {
                senders.execute(() -> attempt(id));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "alert retries not read: {0}", e.toString());
        }
    }

    private long mail(String tenantId, List<String> to, String subject, String text) throws SQLException {
        return mailer.send(tenantId, MailMessage.of(to, subject.length() > 200 ? subject.substring(0, 200) : subject, text, null));
    }

    /** The tenant's state, loading its rules and taking up its open incidents the first time. */
    private TenantAlerts tenant(String tenantId) throws SQLException {
        TenantAlerts t = tenantsAlerts.get(tenantId);
        if (t != null) {
            return t;
        }
        ZoneId zone = tenants.find(tenantId).map(Tenant::getTimeZone).orElse(ZoneId.of("UTC"));
        t = new TenantAlerts(new RuleEvaluator(config.renotify(), zone));
        t.rules = store.rules(tenantId).stream().filter(AlertRule::enabled).toList();
        Instant now = clock.instant();
        Map<Long, AlertRule> byId = new HashMap<>();
        t.rules.forEach(r -> byId.put(r.id(), r));
        for (AlertIncident i : store.incidents(tenantId, List.of(IncidentState.FIRING, IncidentState.ACKNOWLEDGED), 1000)) {
            AlertRule r = byId.get(i.ruleId());
            if (r == null || t.open.containsKey(r.id() + "|" + i.scopeKey())) {
                store.resolve(i.id(), now, i.lastValue(), i.peak()); // its rule is gone or disabled
            } else {
                t.evaluator.restoreFiring(r, i.scopeKey(), i.lastValue(), i.peak(), i.state() == IncidentState.ACKNOWLEDGED,
                        i.openedAt(), now);
                t.open.put(r.id() + "|" + i.scopeKey(), i.id());
            }
        }
        tenantsAlerts.put(tenantId, t);
        refreshInterval(tenantId, t);
        return t;
    }

    /** Reads the last closed interval's totals for the tenant's interval rules. */
    private void refreshInterval(String tenantId, TenantAlerts t) throws SQLException {
        List<AlertRule> rules = t.rules.stream().filter(r -> r.figure().isInterval()).toList();
        t.intervalValues.clear();
        if (rules.isEmpty()) {
            return;
        }
        Instant end = Buckets.floor(clock.instant());
        KpiSettingsHistory history = kpiSettings.history(tenantId);
        Map<Integer, Map<String, QueueTotals>> byMinutes = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (AlertRule r : rules) {
                Map<String, QueueTotals> totals = byMinutes.get(r.figure().minutes());
                if (totals == null) {
                    totals = IntervalTotals.read(c, history, tenantId, end.minus(Duration.ofMinutes(r.figure().minutes())), end);
                    byMinutes.put(r.figure().minutes(), totals);
                }
                t.intervalValues.put(r.id(), ScopeValues.interval(r, totals, history, end));
            }
        }
    }

    /** At each 15-minute boundary (plus the configured delay): every tenant's interval figures, then an evaluation. */
    private void scheduleIntervalClose() {
        Instant now = clock.instant();
        Instant next = Buckets.floor(now).plus(Duration.ofMinutes(15)).plus(config.intervalDelay());
        if (!next.isAfter(now)) {
            next = next.plus(Duration.ofMinutes(15));
        }
        engine.schedule(() -> {
            try {
                // every tenant with rules, also one whose live model never changed (history from queue_log only)
                java.util.Set<String> ids = new java.util.TreeSet<>(tenantsAlerts.keySet());
                store.enabledRules().forEach(r -> ids.add(r.tenantId()));
                for (String tenantId : ids) {
                    if (!ownership.holds(tenantId)) {
                        forget(tenantId);
                        continue; // another member evaluates it
                    }
                    boolean known = tenantsAlerts.containsKey(tenantId);
                    TenantAlerts t = tenant(tenantId);
                    if (known) {
                        t.rules = store.rules(tenantId).stream().filter(AlertRule::enabled).toList();
                        refreshInterval(tenantId, t);
                    }
                    evaluate(tenantId, System.currentTimeMillis());
                }
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "alerts: interval figures not read: " + e.getMessage(), e);
            } finally {
                scheduleIntervalClose();
            }
        }, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
    }
}
