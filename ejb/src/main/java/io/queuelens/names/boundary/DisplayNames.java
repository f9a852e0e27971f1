package io.queuelens.names.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.live.boundary.LiveSnapshots;
import io.queuelens.live.entity.LiveChanged;
import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.names.control.DisplayNameTable;
import io.queuelens.names.control.NameRules;
import io.queuelens.names.entity.DisplayName;
import io.queuelens.names.entity.NameBook;
import io.queuelens.names.entity.NameEntry;
import io.queuelens.names.entity.NameKind;
import io.queuelens.names.entity.NameOrigin;
import io.queuelens.names.entity.NamesChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The display names of every tenant: a cached {@link NameBook} per tenant for the readers (reports,
 * live pages, REST), dropped whenever a name of that tenant changes; manual names set and reset by users
 * (audited); names learned from the live model's member names, written off the live writer's thread, and queue
 * names learned from a source's queue list.
 * The caller has checked that the user may change names of the tenant.
 */
@ApplicationScoped
public class DisplayNames {

    private static final Logger LOG = Logger.getLogger(DisplayNames.class.getName());

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    AuditTrail audit;

    @Inject
    LiveSnapshots snapshots;

    @Inject
    Event<NamesChanged> changes;

    Clock clock = Clock.systemUTC();

    /**
     * A cached book is read again after this long even without a change here: another cluster member may
     * have changed a name (its change drops only its own cache).
     */
    static final long BOOK_TTL_MILLIS = 60_000;

    private record Cached(NameBook book, long readAt) {
    }

    private final ConcurrentMap<String, Cached> books = new ConcurrentHashMap<>();
    /** Per tenant, counts changes: a book read while a name changed is not kept (it may miss the change). */
    private final ConcurrentMap<String, java.util.concurrent.atomic.AtomicLong> changeCounts = new ConcurrentHashMap<>();
    /** tenant -> agent key -> member name already stored or on its way: keeps the live thread's check cheap. */
    private final ConcurrentMap<String, Map<String, String>> learnedSeen = new ConcurrentHashMap<>();

    /** The tenant's names, read once and kept until one of them changes here (or for at most a minute). */
    public NameBook book(String tenantId) {
        long now = clock.millis();
        Cached cached = books.get(tenantId);
        if (cached != null && now - cached.readAt() < BOOK_TTL_MILLIS) {
            return cached.book();
        }
        java.util.concurrent.atomic.AtomicLong changes = changeCounts.computeIfAbsent(tenantId,
                t -> new java.util.concurrent.atomic.AtomicLong());
        long before = changes.get();
        try (Connection c = dataSource.getConnection()) {
            NameBook book = NameBook.of(tenantId, DisplayNameTable.ofTenant(c, tenantId));
            if (changes.get() == before) {
                books.put(tenantId, new Cached(book, now));
            }
            return book;
        } catch (SQLException e) {
            throw new IllegalStateException("display names of " + tenantId + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Drops the cached book and tells the readers that keep names (the live push). */
    private void forget(String tenantId) {
        changeCounts.computeIfAbsent(tenantId, t -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        books.remove(tenantId);
        if (changes != null) {
            try {
                changes.fire(new NamesChanged(tenantId));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "names change of {0} not announced: {1}", new Object[]{tenantId, e.toString()});
            }
        }
    }

    /** Every stored name of the tenant plus the queues and members its live model shows now. */
    public List<NameEntry> entries(String tenantId) {
        LiveSnapshot live = snapshots.of(tenantId);
        return book(tenantId).entries(live.queues().keySet(), live.members().keySet());
    }

    /**
     * Stores a manual display name (it wins over a learned one).
     *
     * @throws io.queuelens.names.entity.InvalidDisplayName naming the field that is wrong
     */
    public DisplayName setManual(String tenantId, String kind, String key, String name, String actor) {
        NameKind k = NameRules.kind(kind);
        String systemName = NameRules.key(key);
        String shown = NameRules.name(name);
        String who = actor == null ? audit.caller() : actor;
        DisplayName row = new DisplayName(tenantId, k, systemName, shown, NameOrigin.MANUAL, clock.instant(), who);
        DisplayName before = book(tenantId).manual(k, systemName);
        try (Connection c = dataSource.getConnection()) {
            DisplayNameTable.upsert(c, row);
        } catch (SQLException e) {
            throw new IllegalStateException("display name of " + systemName + " could not be stored: " + e.getMessage(), e);
        } finally {
            forget(tenantId);
        }
        audit.recordAs(who, tenantId, "name.changed", k + " " + systemName,
                (before == null ? "" : before.name() + " → ") + shown);
        return row;
    }

    /** Deletes a manual name, so the learned one (or the system name) shows again; false when there was none. */
    public boolean resetManual(String tenantId, String kind, String key, String actor) {
        NameKind k = NameRules.kind(kind);
        String systemName = NameRules.key(key);
        boolean deleted;
        try (Connection c = dataSource.getConnection()) {
            deleted = DisplayNameTable.delete(c, tenantId, k, systemName, NameOrigin.MANUAL);
        } catch (SQLException e) {
            throw new IllegalStateException("display name of " + systemName + " could not be deleted: " + e.getMessage(), e);
        } finally {
            forget(tenantId);
        }
        if (deleted) {
            audit.recordAs(actor, tenantId, "name.reset", k + " " + systemName, null);
        }
        return deleted;
    }

    /**
     * Stores member names the PBX reported (agent system name -> member name) that differ from the stored
     * learned ones. Runs on the executor; the live writer only compares.
     */
    public void learn(String tenantId, Map<String, String> agentNames) {
        learn(tenantId, NameKind.AGENT, agentNames);
    }

    /**
     * Stores queue names a source's queue list gave (queue id -> name, e.g. Genesys Cloud's routing queues)
     * that differ from the stored learned ones; a manual name still wins.
     */
    public void learnQueues(String tenantId, Map<String, String> queueNames) {
        learn(tenantId, NameKind.QUEUE, queueNames);
    }

    private void learn(String tenantId, NameKind kind, Map<String, String> names) {
        if (names.isEmpty()) {
            return;
        }
        NameBook book = book(tenantId);
        boolean changed = false;
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<String, String> e : names.entrySet()) {
                String name = e.getValue().strip();
                if (name.isEmpty() || name.length() > NameRules.MAX_NAME || e.getKey().length() > NameRules.MAX_KEY
                        || name.equals(book.learned(kind, e.getKey()))) {
                    continue;
                }
                DisplayNameTable.upsert(c, new DisplayName(tenantId, kind, e.getKey(), name, NameOrigin.LEARNED,
                        clock.instant(), AuditTrail.SYSTEM));
                audit.recordAs(AuditTrail.SYSTEM, tenantId, "name.learned", kind + " " + e.getKey(), name);
                changed = true;
            }
        } catch (SQLException e) {
            if (kind == NameKind.AGENT) {
                learnedSeen.remove(tenantId); // try again on a later change
            }
            LOG.log(Level.WARNING, "learned names of {0} could not be stored: {1}", new Object[]{tenantId, e.getMessage()});
        } finally {
            if (changed) {
                forget(tenantId);
            }
        }
    }

    /** On the live writer's thread: compare the members' names with what is known, hand new ones over. */
    void liveChanged(@Observes LiveChanged event) {
        try {
            String tenantId = event.tenantId();
            Map<String, String> seen = learnedSeen.computeIfAbsent(tenantId, this::storedLearned);
            Map<String, String> fresh = new LinkedHashMap<>();
            for (LiveMember m : event.current().members().values()) {
                if (m.name() != null && !m.name().equals(m.agent()) && !m.name().isBlank()
                        && !m.name().equals(seen.get(m.agent()))) {
                    fresh.put(m.agent(), m.name());
                }
            }
            if (!fresh.isEmpty()) {
                seen.putAll(fresh);
                learnLater(tenantId, fresh);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "names could not be learned from the live model: {0}", e.toString());
        }
    }

    private Map<String, String> storedLearned(String tenantId) {
        Map<String, String> m = new ConcurrentHashMap<>();
        for (NameEntry e : book(tenantId).entries(List.of(), List.of())) {
            if (e.kind() == NameKind.AGENT && e.learned() != null) {
                m.put(e.key(), e.learned());
            }
        }
        return m;
    }

    private void learnLater(String tenantId, Map<String, String> fresh) {
        Executor ex = executor != null ? executor : Runnable::run;
        try {
            ex.execute(() -> learn(tenantId, fresh));
        } catch (RejectedExecutionException e) {
            learnedSeen.remove(tenantId);
        }
    }
}
