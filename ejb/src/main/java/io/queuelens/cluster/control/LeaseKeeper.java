package io.queuelens.cluster.control;

import io.queuelens.cluster.entity.Lease;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This member's side of the tenant leases: which tenants' sources it runs, kept true against the
 * {@code tenant_lease} table. {@link #round} (every renewal interval, on its own thread) renews the
 * leases held and takes free or run-out ones; {@link #fence} (often, on another thread, so a hung
 * database cannot stop it) gives up every lease whose renewal is overdue.
 * <p>
 * Why two members never run a tenant's sources at once: the database extends a lease to (its now +
 * TTL) only while it has not run out, and only a run-out lease can be taken. The holder counts its own
 * deadline from the moment it STARTED the last successful renewal, on its monotonic clock, and stops
 * the sources at TTL minus a margin after that: before the database's expiry, which lies TTL after the
 * statement RAN (later). The margin covers clock-rate differences and the time stopping takes.
 * Members' wall clocks are never compared with anything.
 */
public final class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

    /** Told when this member starts or stops running a tenant's sources. */
    public interface Listener {
        /** On {@code !held}: must have stopped the tenant's sources when it returns. */
        void changed(String tenantId, boolean held, long token);
    }

    /** A tenure: its token and the monotonic time (ns) at which this member stops trusting it. */
    private record Tenure(long token, long deadlineNanos) {
    }

    private final LeaseStore store;
    private final String member;
    private final long ttlMillis;
    private final long marginMillis;
    private final LongSupplier nanoTime;
    private final IntSupplier liveMembers;
    private final Listener listener;
    private final Map<String, Tenure> held = new ConcurrentHashMap<>();
    private volatile String lastError;

    /**
     * @param member      this member's id (its grid UUID: new at every start, so a restarted server
     *                    never mistakes its previous life's lease for its own)
     * @param ttlMillis   how long a lease lasts unrenewed
     * @param nanoTime    the monotonic clock ({@code System::nanoTime}; tests pass their own)
     * @param liveMembers how many members the grid sees now, for the fair share
     */
    public LeaseKeeper(LeaseStore store, String member, long ttlMillis, LongSupplier nanoTime, IntSupplier liveMembers,
                       Listener listener) {
        this.store = store;
        this.member = member;
        this.ttlMillis = ttlMillis;
        // a quarter of the TTL, at least 300 ms: with TTL >= 2 renewals a holder survives one lost renewal
        this.marginMillis = Math.max(300, ttlMillis / 4);
        this.nanoTime = nanoTime;
        this.liveMembers = liveMembers;
        this.listener = listener;
    }

    /** How long after the start of its last renewal a holder stops the sources (TTL minus the margin). */
    public long trustMillis() {
        return ttlMillis - marginMillis;
    }

    /** Whether this member runs the tenant's sources now; false from the moment its tenure is overdue. */
    public boolean holds(String tenantId) {
        Tenure t = held.get(tenantId);
        return t != null && nanoTime.getAsLong() - t.deadlineNanos() < 0;
    }

    /** The token of this member's tenure of the tenant, or empty. */
    public OptionalLong token(String tenantId) {
        Tenure t = held.get(tenantId);
        return t == null ? OptionalLong.empty() : OptionalLong.of(t.token());
    }

    public Set<String> heldTenants() {
        return Set.copyOf(held.keySet());
    }

    /**
     * One renewal round: renew every lease held (losing those the database no longer extends), then
     * take free ones up to the fair share (tenants over live members, rounded up), and beyond it those
     * that stayed free for two TTLs (a peer that should have taken them did not). Never throws: a
     * database failure is logged once per streak and {@link #fence} ends the tenures it leaves unrenewed.
     *
     * @return in how many ms (database clock) the first lease this member would take runs out unless its
     *         holder renews it, or -1: a caller can look again right then instead of up to a renewal
     *         interval later, which is what bounds a takeover after a holder died
     */
    public long round() {
        long nextExpiry = -1;
        try {
            for (Map.Entry<String, Tenure> e : Map.copyOf(held).entrySet()) {
                long start = nanoTime.getAsLong();
                if (store.renew(e.getKey(), member, e.getValue().token(), ttlMillis)) {
                    held.replace(e.getKey(), e.getValue(), new Tenure(e.getValue().token(), start + trustMillis() * 1_000_000));
                } else if (held.remove(e.getKey(), e.getValue())) {
                    LOG.log(Level.WARNING, "Lease of tenant {0} was lost (token {1}): its sources stop here",
                            new Object[]{e.getKey(), e.getValue().token()});
                    listener.changed(e.getKey(), false, e.getValue().token());
                }
            }
            store.addMissingTenants();
            List<Lease> leases = store.all(2 * ttlMillis);
            int share = (leases.size() + Math.max(1, liveMembers.getAsInt()) - 1) / Math.max(1, liveMembers.getAsInt());
            for (Lease lease : leases) {
                if (held.containsKey(lease.tenantId())) {
                    continue;
                }
                boolean mine = member.equals(lease.holder()); // fenced itself while the lease lived on
                if (!mine && !lease.free()) {
                    // another member's: if it dies, this is when the lease can be taken
                    if (held.size() < share && (nextExpiry < 0 || lease.expiresInMillis() < nextExpiry)) {
                        nextExpiry = Math.max(0, lease.expiresInMillis());
                    }
                    continue;
                }
                boolean withinShare = held.size() < share;
                if (!mine && !withinShare && !lease.longFree()) {
                    continue;
                }
                long start = nanoTime.getAsLong();
                OptionalLong token = store.acquire(lease.tenantId(), member, ttlMillis, withinShare || mine ? 0 : 2 * ttlMillis);
                if (token.isPresent()) {
                    long deadline = start + trustMillis() * 1_000_000;
                    if (nanoTime.getAsLong() - deadline >= 0) {
                        continue; // took so long that the tenure is already overdue: let it run out
                    }
                    held.put(lease.tenantId(), new Tenure(token.getAsLong(), deadline));
                    LOG.log(Level.INFO, "This member ({0}) now runs the sources of tenant {1} (lease token {2})",
                            new Object[]{member, lease.tenantId(), token.getAsLong()});
                    listener.changed(lease.tenantId(), true, token.getAsLong());
                }
            }
            if (lastError != null) {
                LOG.log(Level.INFO, "Tenant leases are renewed again");
                lastError = null;
            }
            return nextExpiry;
        } catch (SQLException | RuntimeException e) {
            if (lastError == null) {
                LOG.log(Level.WARNING, "Renewing the tenant leases failed; the tenants' sources stop here if it "
                        + "keeps failing for " + trustMillis() + " ms", e);
            }
            lastError = e.toString();
            return -1;
        }
    }

    /**
     * Ends every tenure whose renewal is overdue, before the database lets a peer take it, and tells
     * the listener (which stops the sources). Runs independently of {@link #round}: that one may be
     * stuck in a database call.
     */
    public void fence() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<String, Tenure> e : Map.copyOf(held).entrySet()) {
            if (now - e.getValue().deadlineNanos() >= 0 && held.remove(e.getKey(), e.getValue())) {
                LOG.log(Level.WARNING, "Lease of tenant {0} not renewed for {1} ms: its sources stop here before "
                        + "the lease can pass to another member", new Object[]{e.getKey(), trustMillis()});
                listener.changed(e.getKey(), false, e.getValue().token());
            }
        }
    }

    /**
     * Orderly shutdown: forgets every tenure and gives the leases up in the database, so a peer takes
     * over at its next round instead of after the TTL. The caller has stopped the sources already.
     */
    public void releaseAll() {
        for (Map.Entry<String, Tenure> e : Map.copyOf(held).entrySet()) {
            held.remove(e.getKey());
            try {
                store.release(e.getKey(), member, e.getValue().token());
            } catch (SQLException | RuntimeException ex) {
                LOG.log(Level.WARNING, "Releasing the lease of tenant {0} failed ({1}); it runs out by itself",
                        new Object[]{e.getKey(), ex.toString()});
            }
        }
    }
}
