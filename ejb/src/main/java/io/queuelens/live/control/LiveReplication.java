package io.queuelens.live.control;


import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import io.queuelens.cluster.control.GridFrames;
import io.queuelens.live.boundary.LiveSnapshots;
import io.queuelens.live.entity.LiveSnapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live picture across cluster members. The member that holds a tenant sends the tenant's snapshots to the
 * grid: at most one per publish interval (the latest; see {@link LatestPerKey}) on a topic every member listens
 * to, and the latest also into a map, from which a member that starts, or that follows a tenant for the first
 * time, takes the whole picture at once. The other members store what arrives with {@link LiveSnapshots#follow},
 * under their own consecutive versions, so their browsers, realtime tables and everything else that reads the
 * live picture work exactly as on the owner.
 *
 * <p>Only byte arrays go into the grid (see {@link LiveSnapshotCodec}): Hazelcast's threads in Payara do not
 * see the application's classes. Its listener thread only hands the bytes to {@code receiver}, one thread of
 * ours, which also keeps the frames of a tenant in order.
 *
 * <p>The owner sends nothing while nothing changes, so it repeats the latest snapshot every third of
 * {@code staleAfter}; a member that hears nothing of a followed tenant for longer shows it disconnected, since
 * the owner or the way to it is gone and the figures are only the last known.
 */
public final class LiveReplication implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LiveReplication.class.getName());

    static final String TOPIC = "queuelens.live.snapshots";
    static final String LATEST = "queuelens.live.latest";

    private final String memberId;
    private final Predicate<String> holds;
    private final LiveSnapshots snapshots;
    private final Duration staleAfter;
    private final ScheduledExecutorService receiver;
    private final ScheduledExecutorService sender;
    private final Clock clock;
    private final ITopic<byte[]> topic;
    private final IMap<String, byte[]> latest;
    private final LatestPerKey<String, LiveSnapshot> outgoing;
    /** Tenants this member has sent: the ones it repeats while it holds them. */
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    /** What was last taken from the grid per tenant; touched on the receiver thread only. */
    private final Map<String, Followed> followed = new HashMap<>();
    private UUID listener;

    private static final class Followed {
        final String origin;
        final long version;
        Instant heardAt;
        boolean stale;

        Followed(String origin, long version, Instant heardAt) {
            this.origin = origin;
            this.version = version;
            this.heardAt = heardAt;
        }
    }

    /**
     * @param holds    whether this member holds a tenant now (its frames are then not taken from the grid)
     * @param receiver one thread: takes frames from the grid and stores them, in order
     * @param sender   one thread: writes the coalesced snapshots and the repeats to the grid
     */
    public LiveReplication(HazelcastInstance grid, String memberId, Predicate<String> holds, LiveSnapshots snapshots,
                           long publishMillis, Duration staleAfter, ScheduledExecutorService receiver,
                           ScheduledExecutorService sender, Clock clock) {
        this.memberId = memberId;
        this.holds = holds;
        this.snapshots = snapshots;
        this.staleAfter = staleAfter;
        this.receiver = receiver;
        this.sender = sender;
        this.clock = clock;
        this.topic = grid.getTopic(TOPIC);
        this.latest = grid.getMap(LATEST);
        this.outgoing = new LatestPerKey<>(publishMillis, sender, this::send, System::nanoTime);
    }

    /** Listens to the topic, then takes the latest snapshot of every tenant from the map (a member that starts). */
    public void start() {
        listener = topic.addMessageListener(m -> hand(m.getMessageObject()));
        receiver.execute(this::catchUp);
        long repeat = Math.max(50, staleAfter.toMillis() / 3);
        sender.scheduleWithFixedDelay(this::repeatLatest, repeat, repeat, TimeUnit.MILLISECONDS);
        long check = Math.max(50, staleAfter.toMillis() / 4);
        receiver.scheduleWithFixedDelay(this::markSilentOnesDisconnected, check, check, TimeUnit.MILLISECONDS);
    }

    /**
     * A snapshot of a tenant this member holds, built by its own model: goes to the grid within the publish
     * interval unless a newer one replaces it first. Never blocks (it is called on the model's writer thread).
     */
    public void offer(LiveSnapshot snapshot) {
        sent.add(snapshot.tenantId());
        outgoing.offer(snapshot.tenantId(), snapshot);
    }

    private void send(String tenantId, LiveSnapshot snapshot) {
        byte[] frame = LiveSnapshotCodec.encode(memberId, snapshot);
        latest.set(tenantId, frame);
        topic.publish(frame);
    }

    /** On Hazelcast's thread: only hands over (its event threads are shared by the whole grid). */
    private void hand(byte[] frame) {
        GridFrames.handOver(receiver, frame, this::take, LOG, "live");
    }

    private void catchUp() {
        try {
            for (byte[] frame : latest.values()) {
                take(frame);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Latest live snapshots of the cluster not read; they come with the next change", e);
        }
    }

    /** Receiver thread: stores another member's snapshot unless it is this member's own, one it has, or older. */
    void take(byte[] bytes) {
        LiveSnapshotCodec.Frame frame = GridFrames.decodeOrLog(bytes, LiveSnapshotCodec::decode, LOG, "live snapshot").orElse(null);
        if (frame == null) {
            return;
        }
        String tenantId = frame.snapshot().tenantId();
        if (frame.origin().equals(memberId) || holds.test(tenantId)) {
            return; // this member's model is the source of this tenant's picture
        }
        Instant now = clock.instant();
        Followed last = followed.get(tenantId);
        if (last != null && last.origin.equals(frame.origin())) {
            if (frame.snapshot().version() < last.version) {
                return; // the map's copy read after a newer message
            }
            if (frame.snapshot().version() == last.version) {
                last.heardAt = now; // a repeat: the owner is there
                if (!last.stale) {
                    return;
                }
            }
        }
        if (snapshots.followUnlessHeld(frame.snapshot(), holds).isPresent()) {
            followed.put(tenantId, new Followed(frame.origin(), frame.snapshot().version(), now));
        }
    }

    /** Sender thread: the owner's sign of life (and the way back for a member that missed the last change). */
    private void repeatLatest() {
        for (String tenantId : sent) {
            try {
                if (holds.test(tenantId) && !snapshots.followed(tenantId)) {
                    outgoing.offer(tenantId, snapshots.of(tenantId));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "live snapshot of {0} not repeated: {1}", new Object[]{tenantId, e});
            }
        }
    }

    /** Receiver thread: a followed tenant whose owner went silent shows disconnected, with its last known figures. */
    private void markSilentOnesDisconnected() {
        Instant now = clock.instant();
        for (Map.Entry<String, Followed> e : followed.entrySet()) {
            Followed f = e.getValue();
            String tenantId = e.getKey();
            try {
                if (f.stale || Duration.between(f.heardAt, now).compareTo(staleAfter) <= 0 || holds.test(tenantId)
                        || !snapshots.followed(tenantId)) {
                    continue;
                }
                f.stale = true;
                LiveSnapshot s = snapshots.of(tenantId);
                if (s.connected()) {
                    LOG.log(Level.WARNING, "No live snapshot of tenant {0} from member {1} for {2} s: shown disconnected",
                            new Object[]{tenantId, f.origin, staleAfter.toSeconds()});
                    snapshots.followUnlessHeld(new LiveSnapshot(tenantId, s.version(), s.at(), s.queues(), s.members(), false),
                            holds);
                }
            } catch (RuntimeException ex) {
                LOG.log(Level.FINE, "staleness of " + tenantId + " not checked", ex);
            }
        }
    }

    @Override
    public void close() {
        if (listener != null) {
            try {
                topic.removeMessageListener(listener);
            } catch (RuntimeException gridGone) {
                LOG.log(Level.FINE, "live topic listener not removed: {0}", gridGone.toString());
            }
        }
    }
}
