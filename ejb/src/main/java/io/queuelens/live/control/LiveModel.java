package io.queuelens.live.control;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.LiveQueue;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import io.queuelens.live.entity.WaitingCaller;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.JoinEvent;
import org.asteriskjava.manager.event.LeaveEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberPausedEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.QueueStatusCompleteEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * A tenant's live contact center, folded from AMI events (Asterisk 13 to 22; FORMATS.md §3): the
 * callers waiting per queue with their positions, the members and their states, the calls in
 * progress, and today's queue totals since the tenant's local midnight.
 *
 * <p>Not thread-safe on purpose: exactly one writer ({@link LiveFeed}) applies events and asks for
 * snapshots; readers only ever see the immutable {@link LiveSnapshot}s it publishes.
 *
 * <p><b>Resync.</b> The items of a QueueStatus answer (QueueParams, QueueMember, QueueEntry) are
 * collected per source and, at QueueStatusComplete, replace what the model knew about that source's
 * queues and their members: after a reconnect the model equals the PBX. Today's totals are not part of
 * the PBX's state and are kept across resyncs.
 *
 * <p><b>Outcomes from AMI.</b> Asterisk reports an answer as QueueCallerLeave then AgentConnect, and an
 * abandon as QueueCallerAbandon then QueueCallerLeave; a timeout, exit key or empty queue is a bare
 * QueueCallerLeave. So a visit that left stays pending until its AgentConnect, a Hangup, another
 * queue's join or {@link #PENDING_EXIT} later; then it is counted as TIMEOUT (AMI cannot tell the
 * three exits apart; the reports read the exact outcome from queue_log).
 */
public final class LiveModel {

    /** How long a visit that left its queue waits for its AgentConnect before it is counted as an exit. */
    static final Duration PENDING_EXIT = Duration.ofSeconds(5);

    /** ActionID prefix of the QueueStatus a connection sends after each (re)connect to rebuild the model. */
    public static final String FULL_RESYNC = "queuelens-resync-";

    /** What applying one event did. */
    public enum Applied { APPLIED, IGNORED, MALFORMED }

    private final String tenantId;
    private final ZoneId zone;
    private final BiFunction<String, Instant, KpiSettings> settings;
    private final int maxVisits;

    private final SortedMap<String, QueueRecord> queues = new TreeMap<>();
    private final SortedMap<String, MemberRecord> members = new TreeMap<>();
    /** Visits in progress by caller uniqueid, oldest first: bounded, the oldest is evicted past {@link #maxVisits}. */
    private final LinkedHashMap<String, VisitRecord> visits = new LinkedHashMap<>();
    private final Map<String, Resync> resyncs = new HashMap<>();
    private final TodayTotals today = new TodayTotals();
    /** Calls taken today per member name or interface, as the stored facts last said. */
    private final Map<String, Integer> callsTakenStored = new HashMap<>();
    private LocalDate day;
    private Instant lastEventAt;
    private boolean connected;
    private long visitsEvicted;
    private long resyncsCompleted;

    /**
     * @param settings  the KPI settings in force for a queue at an instant (SLA, short abandon...)
     * @param maxVisits bound of the visits followed at once; past it the oldest is dropped and counted
     */
    public LiveModel(String tenantId, ZoneId zone, BiFunction<String, Instant, KpiSettings> settings, int maxVisits,
                     Instant now) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (maxVisits < 16) {
            throw new IllegalArgumentException("maxVisits must be >= 16");
        }
        this.maxVisits = maxVisits;
        this.day = LocalDate.ofInstant(now, zone);
        this.lastEventAt = now;
    }

    /**
     * What the stored facts hold for today: the queues' rollup buckets and the calls taken per member name
     * or interface. Called at start and then every so often; each bucket shows the facts or the model's own
     * count, whichever has more calls offered ({@link TodayTotals}), and a member's calls taken never go
     * down. Facts of another day (the day rolled over meanwhile) are ignored.
     */
    public void storedToday(LocalDate factsDay, Map<String, Map<Instant, QueueTotals>> buckets,
                            Map<String, Integer> callsTaken) {
        if (!factsDay.equals(day)) {
            return;
        }
        today.store(buckets);
        callsTakenStored.clear();
        callsTakenStored.putAll(callsTaken);
        for (MemberRecord m : members.values()) {
            int stored = storedCalls(m);
            if (stored > m.callsTaken) {
                m.callsTaken = stored;
                m.refresh(m.since);
            }
        }
    }

    private int storedCalls(MemberRecord m) {
        Integer byName = m.name == null ? null : callsTakenStored.get(m.name);
        return byName != null ? byName : callsTakenStored.getOrDefault(m.iface, 0);
    }

    public void connected(boolean up) {
        connected = up;
    }

    /** Applies one event received from {@code source} at {@code at} (the PBX's timestamp when it sent one). */
    public Applied apply(String source, ManagerEvent e, Instant at) {
        rollOver(at);
        lastEventAt = at;
        // most specific classes first: QueueMemberStatusEvent is a QueueMemberEvent, QueueMemberPauseEvent a QueueMemberPausedEvent
        if (e instanceof QueueCallerJoinEvent j) {
            return join(source, j.getQueue(), j.getUniqueId(), j.getPosition(), j.getCallerIdNum(), j.getCallerIdName(), at);
        } else if (e instanceof JoinEvent j) {
            return join(source, j.getQueue(), j.getUniqueId(), j.getPosition(),
                    j.getCallerIdNum() != null ? j.getCallerIdNum() : j.getCallerId(), j.getCallerIdName(), at);
        } else if (e instanceof QueueCallerLeaveEvent l) {
            return unlisted(source, l.getUniqueId(), leave(l.getQueue(), l.getUniqueId(), at));
        } else if (e instanceof LeaveEvent l) {
            return unlisted(source, l.getUniqueId(), leave(l.getQueue(), l.getUniqueId(), at));
        } else if (e instanceof QueueCallerAbandonEvent a) {
            return unlisted(source, a.getUniqueId(), abandon(a.getQueue(), a.getUniqueId(), a.getHoldTime(), at));
        } else if (e instanceof AgentCalledEvent c) {
            return called(c.getQueue(), firstNonNull(c.getInterface(), c.getAgentCalled()), c.getMemberName(),
                    c.getUniqueId(), at);
        } else if (e instanceof AgentRingNoAnswerEvent r) {
            return ringNoAnswer(firstNonNull(r.getInterface(), r.getMember()), at);
        } else if (e instanceof AgentConnectEvent c) {
            return unlisted(source, c.getUniqueId(), connect(c.getQueue(), firstNonNull(c.getInterface(), c.getMember()),
                    c.getMemberName(), c.getUniqueId(), c.getCallerIdNum(), c.getHoldTime(), at));
        } else if (e instanceof AgentCompleteEvent c) {
            return complete(firstNonNull(c.getInterface(), c.getMember()), c.getUniqueId(), c.getHoldTime(),
                    c.getTalkTime(), at);
        } else if (e instanceof QueueMemberStatusEvent s) {
            return memberState(source, s.getQueue(), firstNonNull(s.getInterface(), s.getLocation()), s.getMemberName(),
                    s.getStateinterface(), s.getStatus(), s.getIncall(), s.getPaused(), s.getPausedreason(), at);
        } else if (e instanceof QueueMemberEvent m) {
            return resync(source).member(m, at);
        } else if (e instanceof QueueMemberAddedEvent a) {
            return memberState(source, a.getQueue(), a.getInterface(), a.getMemberName(), a.getStateinterface(),
                    a.getStatus(), parseInt(a.getInCall()), a.getPaused(), a.getPausedReason(), at);
        } else if (e instanceof QueueMemberRemovedEvent r) {
            return removed(r.getQueue(), r.getInterface(), at);
        } else if (e instanceof QueueMemberPauseEvent p) {
            return memberState(source, p.getQueue(), p.getInterface(), p.getMemberName(), p.getStateInterface(),
                    p.getStatus(), p.getIncall(), p.getPaused(), firstNonNull(p.getPausedreason(), p.getReason()), at);
        } else if (e instanceof QueueMemberPausedEvent p) {
            return paused(p.getQueue(), p.getInterface(), p.getPaused(), firstNonNull(p.getReason(), p.getPausedReason()), at);
        } else if (e instanceof DeviceStateChangeEvent d) {
            return deviceState(d.getDevice(), d.getState(), at);
        } else if (e instanceof HangupEvent h) {
            return unlisted(source, h.getUniqueId(), hangup(h.getUniqueId(), at));
        } else if (e instanceof QueueParamsEvent p) {
            return resync(source).queue(p.getQueue());
        } else if (e instanceof QueueEntryEvent q) {
            return resync(source).entry(q, at);
        } else if (e instanceof QueueStatusCompleteEvent c) {
            return commitResync(source, c.getActionId() != null && c.getActionId().startsWith(FULL_RESYNC), at);
        }
        return Applied.IGNORED;
    }

    // ---- callers

    private Applied join(String source, String queue, String uniqueId, Integer position, String number, String name,
                         Instant at) {
        if (blank(queue) || blank(uniqueId) || position == null || position < 1) {
            return Applied.MALFORMED;
        }
        QueueRecord q = queue(queue, null);
        WaitingCaller caller = new WaitingCaller(queue, uniqueId, unknownToNull(number), unknownToNull(name), position, at);
        Resync listing = resyncs.get(source);
        if (listing != null) {
            listing.joined(caller);
        }
        VisitRecord previous = visits.get(uniqueId);
        if (previous != null && previous.queue.equals(queue) && previous.phase == VisitRecord.Phase.WAITING) {
            // Asterisk sends one join per visit: this one was already shown by a QueueStatus list (Asterisk can
            // deliver an event raised during the list after its Complete). The same visit, not counted again.
            q.removeWaiting(uniqueId);
            q.insertWaiting(caller);
            return Applied.APPLIED;
        }
        int seq = 1;
        visits.remove(uniqueId);
        if (previous != null) {
            // the same call entering another queue: its last visit ended (overflow)
            seq = previous.visitSeq + 1;
            if (previous.phase == VisitRecord.Phase.LEFT) {
                endVisit(previous, Outcome.TIMEOUT, at);
            }
            QueueRecord old = queues.get(previous.queue);
            if (old != null) {
                old.removeWaiting(uniqueId);
            }
        }
        q.removeWaiting(uniqueId);
        q.insertWaiting(caller);
        VisitRecord v = new VisitRecord(uniqueId, queue, seq, unknownToNull(number), unknownToNull(name), at, day);
        track(v);
        count(v, at);
        return Applied.APPLIED;
    }

    private Applied leave(String queue, String uniqueId, Instant at) {
        if (blank(queue) || blank(uniqueId)) {
            return Applied.MALFORMED;
        }
        removeWaiting(queue, uniqueId);
        VisitRecord v = visits.get(uniqueId);
        if (v != null && v.queue.equals(queue) && v.phase == VisitRecord.Phase.WAITING) {
            v.phase = VisitRecord.Phase.LEFT;
            v.leftAt = at;
        }
        return Applied.APPLIED;
    }

    private Applied abandon(String queue, String uniqueId, Integer holdTime, Instant at) {
        if (blank(queue) || blank(uniqueId)) {
            return Applied.MALFORMED;
        }
        removeWaiting(queue, uniqueId);
        VisitRecord v = visits.get(uniqueId);
        if (v != null && v.queue.equals(queue)) {
            abandoned(v, holdTime != null ? holdTime : seconds(v.enteredAt, at), at);
        }
        return Applied.APPLIED;
    }

    private Applied hangup(String uniqueId, Instant at) {
        if (blank(uniqueId)) {
            return Applied.MALFORMED;
        }
        VisitRecord v = visits.get(uniqueId);
        if (v == null) {
            return Applied.IGNORED; // most hangups are of channels no queue saw (the agents' legs, outbound calls)
        }
        if (v.phase == VisitRecord.Phase.LEFT) {
            endVisit(v, Outcome.TIMEOUT, at);
            visits.remove(uniqueId);
        } else if (v.phase == VisitRecord.Phase.WAITING) {
            // gone without a leave (e.g. the PBX lost it): neither answered nor abandoned by AMI's account
            removeWaiting(v.queue, uniqueId);
            abandoned(v, seconds(v.enteredAt, at), at);
        }
        return Applied.APPLIED;
    }

    /** The caller left the queue unanswered after {@code waitSeconds}: the visit ends as ABANDONED and is forgotten. */
    private void abandoned(VisitRecord v, int waitSeconds, Instant at) {
        v.waitSeconds = waitSeconds;
        endVisit(v, Outcome.ABANDONED, at);
        visits.remove(v.uniqueId);
    }

    /**
     * A caller stopped waiting (left, abandoned, answered, hung up) while a QueueStatus list of this source is
     * being collected: the list's items so far are older than this event, so the caller is taken out of them.
     */
    private Applied unlisted(String source, String uniqueId, Applied applied) {
        Resync listing = resyncs.get(source);
        if (listing != null && applied != Applied.MALFORMED) {
            listing.left(uniqueId);
        }
        return applied;
    }

    private void removeWaiting(String queue, String uniqueId) {
        QueueRecord q = queues.get(queue);
        if (q != null) {
            q.removeWaiting(uniqueId);
        }
    }

    // ---- members and calls

    private Applied called(String queue, String iface, String memberName, String callerUniqueId, Instant at) {
        if (blank(queue) || blank(iface) || blank(callerUniqueId)) {
            return Applied.MALFORMED;
        }
        MemberRecord m = learned(queue, iface, memberName, at);
        m.ringingFor = callerUniqueId;
        if (m.name == null && !blank(memberName)) {
            m.name = memberName;
        }
        m.refresh(at);
        return Applied.APPLIED;
    }

    private Applied ringNoAnswer(String iface, Instant at) {
        if (blank(iface)) {
            return Applied.MALFORMED;
        }
        MemberRecord m = members.get(iface);
        if (m == null) {
            return Applied.IGNORED;
        }
        m.ringingFor = null;
        m.refresh(at);
        return Applied.APPLIED;
    }

    private Applied connect(String queue, String iface, String memberName, String callerUniqueId, String callerNumber,
                            Long holdTime, Instant at) {
        if (blank(queue) || blank(iface) || blank(callerUniqueId)) {
            return Applied.MALFORMED;
        }
        QueueRecord q = queues.get(queue);
        if (q != null) {
            q.removeWaiting(callerUniqueId);
        }
        VisitRecord v = visits.get(callerUniqueId);
        if (v != null && v.queue.equals(queue) && v.phase != VisitRecord.Phase.ANSWERED) {
            v.phase = VisitRecord.Phase.ANSWERED;
            v.connectedAt = at;
            v.agent = firstNonNull(memberName, iface);
            v.waitSeconds = holdTime != null ? holdTime.intValue() : seconds(v.enteredAt, at);
            v.outcome = Outcome.ANSWERED;
            count(v, at);
        }
        // ringall: the other phones that rang for this caller stop without a RingNoAnswer
        for (MemberRecord other : members.values()) {
            if (callerUniqueId.equals(other.ringingFor)) {
                other.ringingFor = null;
                other.refresh(at);
            }
        }
        MemberRecord m = learned(queue, iface, memberName, at);
        {
            m.ringingFor = null;
            m.callUniqueId = callerUniqueId;
            m.callerNumber = unknownToNull(callerNumber != null ? callerNumber : v != null ? v.callerNumber : null);
            m.callQueue = queue;
            if (v == null || v.day != null) {
                m.callsTaken++;
            }
            m.refresh(at);
        }
        return Applied.APPLIED;
    }

    private Applied complete(String iface, String callerUniqueId, Long holdTime, Long talkTime, Instant at) {
        if (blank(iface) || blank(callerUniqueId)) {
            return Applied.MALFORMED;
        }
        VisitRecord v = visits.remove(callerUniqueId);
        if (v != null && v.phase == VisitRecord.Phase.ANSWERED) {
            v.talkSeconds = talkTime != null ? talkTime.intValue() : seconds(v.connectedAt, at);
            v.phase = VisitRecord.Phase.ENDED;
            count(v, at);
        }
        MemberRecord m = members.get(iface);
        if (m != null && (m.callUniqueId == null || m.callUniqueId.equals(callerUniqueId))) {
            m.callUniqueId = null;
            m.callerNumber = null;
            m.callQueue = null;
            m.refresh(at);
        }
        return Applied.APPLIED;
    }

    private Applied memberState(String source, String queue, String iface, String name, String stateInterface,
                                Integer status, Integer inCall, Boolean paused, String reason, Instant at) {
        if (blank(queue) || blank(iface)) {
            return Applied.MALFORMED;
        }
        queue(queue, source);
        boolean fresh = !members.containsKey(iface);
        MemberRecord m = member(iface, at);
        if (!blank(name)) {
            m.name = name;
        }
        if (fresh) {
            m.callsTaken = storedCalls(m);
        }
        if (!blank(stateInterface)) {
            m.stateInterface = stateInterface;
        }
        if (status != null) {
            m.deviceStatus = status;
        }
        if (inCall != null) {
            m.inCall = inCall == 1;
            if (!m.inCall && m.deviceStatus != 2 && m.callUniqueId != null && status != null) {
                // the PBX says the call is over even though its AgentComplete was missed
                m.callUniqueId = null;
                m.callerNumber = null;
                m.callQueue = null;
            }
        }
        if (m.ringingFor != null && status != null && (status == 1 || status == 5)) {
            m.ringingFor = null; // the device is idle (or gone) again: whatever rang it has stopped
        }
        if (paused != null) {
            m.pausedIn.put(queue, paused);
            m.pauseReason = paused ? reason : null;
        } else {
            m.pausedIn.putIfAbsent(queue, Boolean.FALSE);
        }
        m.refresh(at);
        return Applied.APPLIED;
    }

    private Applied paused(String queue, String iface, Boolean paused, String reason, Instant at) {
        if (blank(iface) || paused == null) {
            return Applied.MALFORMED;
        }
        MemberRecord m = members.get(iface);
        if (m == null) {
            return Applied.IGNORED;
        }
        if (blank(queue)) {
            m.pausedIn.replaceAll((k, v) -> paused); // old PAUSEALL style
        } else {
            m.pausedIn.put(queue, paused);
        }
        m.pauseReason = paused ? reason : null;
        m.refresh(at);
        return Applied.APPLIED;
    }

    private Applied removed(String queue, String iface, Instant at) {
        if (blank(queue) || blank(iface)) {
            return Applied.MALFORMED;
        }
        MemberRecord m = members.get(iface);
        if (m == null) {
            return Applied.IGNORED;
        }
        m.pausedIn.remove(queue);
        if (m.pausedIn.isEmpty()) {
            members.remove(iface);
        } else {
            m.refresh(at);
        }
        return Applied.APPLIED;
    }

    private Applied deviceState(String device, String state, Instant at) {
        if (blank(device) || blank(state)) {
            return Applied.MALFORMED;
        }
        int status = deviceStatus(state);
        if (status < 0) {
            return Applied.MALFORMED;
        }
        boolean any = false;
        for (MemberRecord m : members.values()) {
            if (device.equals(m.stateInterface) || device.equals(m.iface)) {
                m.deviceStatus = status;
                if (status != 6 && status != 7) {
                    m.ringingFor = null;
                }
                m.refresh(at);
                any = true;
            }
        }
        return any ? Applied.APPLIED : Applied.IGNORED;
    }

    static int deviceStatus(String state) {
        return switch (state.trim().toUpperCase(Locale.ROOT)) {
            case "UNKNOWN" -> 0;
            case "NOT_INUSE" -> 1;
            case "INUSE" -> 2;
            case "BUSY" -> 3;
            case "INVALID" -> 4;
            case "UNAVAILABLE" -> 5;
            case "RINGING" -> 6;
            case "RINGINUSE" -> 7;
            case "ONHOLD" -> 8;
            default -> -1;
        };
    }

    // ---- resync from QueueStatus

    private Resync resync(String source) {
        return resyncs.computeIfAbsent(source, s -> new Resync());
    }

    /**
     * The items of one QueueStatus answer, collected until its Complete. A PBX may send live events between
     * the items (the demo's did, before it kept its events out of a list): such an event is newer than the
     * items before it, so it corrects them here, or the Complete would bring back a caller who had left.
     */
    private final class Resync {
        final Map<String, List<WaitingCaller>> waiting = new TreeMap<>();
        final List<QueueMemberEvent> memberItems = new ArrayList<>();
        Instant at;

        Applied queue(String name) {
            if (blank(name)) {
                return Applied.MALFORMED;
            }
            waiting.computeIfAbsent(name, n -> new ArrayList<>());
            return Applied.APPLIED;
        }

        Applied member(QueueMemberEvent m, Instant now) {
            if (blank(m.getQueue()) || blank(firstNonNull(m.getLocation(), m.getInterface()))) {
                return Applied.MALFORMED;
            }
            waiting.computeIfAbsent(m.getQueue(), n -> new ArrayList<>());
            memberItems.add(m);
            at = now;
            return Applied.APPLIED;
        }

        Applied entry(QueueEntryEvent e, Instant now) {
            if (blank(e.getQueue()) || blank(e.getUniqueId()) || e.getPosition() == null) {
                return Applied.MALFORMED;
            }
            long wait = e.getWait() == null ? 0 : Math.max(0, e.getWait());
            left(e.getUniqueId()); // listed after its live join (see joined): the list's item is the newer
            waiting.computeIfAbsent(e.getQueue(), n -> new ArrayList<>()).add(new WaitingCaller(e.getQueue(),
                    e.getUniqueId(), unknownToNull(firstNonNull(e.getCallerIdNum(), e.getCallerId())),
                    unknownToNull(e.getCallerIdName()), e.getPosition(), now.minusSeconds(wait)));
            at = now;
            return Applied.APPLIED;
        }

        /** A live join while listing: kept if its queue was listed already (a later listing includes it anyway). */
        void joined(WaitingCaller caller) {
            left(caller.uniqueId());
            List<WaitingCaller> listed = waiting.get(caller.queue());
            if (listed != null) {
                listed.add(caller);
            }
        }

        void left(String uniqueId) {
            for (List<WaitingCaller> listed : waiting.values()) {
                listed.removeIf(w -> w.uniqueId().equals(uniqueId));
            }
        }
    }

    /**
     * @param full true when the QueueStatus asked for every queue (the connection's own resync, ActionID
     *             starting with {@link #FULL_RESYNC}): queues of the source missing from the answer are gone;
     *             otherwise only the queues in the answer are replaced
     */
    private Applied commitResync(String source, boolean full, Instant at) {
        Resync r = resyncs.remove(source);
        if (r == null) {
            r = new Resync(); // an empty PBX answers with the Complete only
        }
        // forget what this source told before: its queues, their callers and memberships
        for (Iterator<Map.Entry<String, QueueRecord>> it = queues.entrySet().iterator(); it.hasNext(); ) {
            QueueRecord q = it.next().getValue();
            if (full && source.equals(q.source) || r.waiting.containsKey(q.name)) {
                for (MemberRecord m : members.values()) {
                    m.pausedIn.remove(q.name);
                }
                it.remove();
            }
        }
        for (Map.Entry<String, List<WaitingCaller>> e : r.waiting.entrySet()) {
            QueueRecord q = queue(e.getKey(), source);
            List<WaitingCaller> callers = new ArrayList<>(e.getValue());
            callers.sort(java.util.Comparator.comparingInt(WaitingCaller::position));
            for (WaitingCaller w : callers) {
                q.insertWaiting(w);
                VisitRecord v = visits.get(w.uniqueId());
                if (v == null || !v.queue.equals(w.queue())) {
                    // a caller the model did not see join: follow it, but it was counted by the facts (or not at all)
                    VisitRecord followed = new VisitRecord(w.uniqueId(), w.queue(), 1, w.callerNumber(), w.callerName(),
                            w.enteredAt(), null);
                    track(followed);
                } else if (v.phase != VisitRecord.Phase.WAITING) {
                    v.phase = VisitRecord.Phase.WAITING;
                }
            }
        }
        for (QueueMemberEvent item : r.memberItems) {
            memberState(source, item.getQueue(), firstNonNull(item.getLocation(), item.getInterface()),
                    firstNonNull(item.getName(), item.getMemberName()), item.getStateinterface(), item.getStatus(),
                    item.getIncall(), item.getPaused(), item.getPausedreason(), at);
            MemberRecord m = members.get(firstNonNull(item.getLocation(), item.getInterface()));
            if (m != null && m.callUniqueId != null && !Integer.valueOf(1).equals(item.getIncall())
                    && item.getIncall() != null) {
                m.callUniqueId = null;
                m.callerNumber = null;
                m.callQueue = null;
                m.refresh(at);
            }
        }
        members.values().removeIf(m -> m.pausedIn.isEmpty());
        // callers the PBX no longer has waiting left while the model was not listening
        for (VisitRecord v : visits.values()) {
            QueueRecord q = queues.get(v.queue);
            if (v.phase == VisitRecord.Phase.WAITING && (q == null || !q.has(v.uniqueId))) {
                v.phase = VisitRecord.Phase.LEFT;
                v.leftAt = at;
            }
        }
        resyncsCompleted++;
        return Applied.APPLIED;
    }

    // ---- today's totals

    private void count(VisitRecord v, Instant at) {
        if (v.day == null || !v.day.equals(day)) {
            return;
        }
        KpiSettings s = settings.apply(v.queue, v.enteredAt);
        QueueTotals now = QueueTotals.ofVisit(v.toFact(tenantId, at), 0, false, s);
        today.count(v.queue, v.enteredAt, v.counted, now);
        v.counted = now;
    }

    private void endVisit(VisitRecord v, Outcome outcome, Instant at) {
        if (outcome != Outcome.ABANDONED) {
            v.waitSeconds = seconds(v.enteredAt, v.leftAt != null ? v.leftAt : at);
        }
        v.outcome = outcome;
        v.phase = VisitRecord.Phase.ENDED;
        count(v, at);
    }

    private void track(VisitRecord v) {
        visits.put(v.uniqueId, v);
        while (visits.size() > maxVisits) {
            Iterator<VisitRecord> oldest = visits.values().iterator();
            oldest.next();
            oldest.remove();
            visitsEvicted++;
        }
    }

    /**
     * Time passing without events: counts visits that left long enough ago as exits and starts a new
     * day at local midnight. The writer calls it at least once a second.
     */
    public boolean tick(Instant now) {
        boolean changed = rollOver(now);
        Instant cutoff = now.minus(PENDING_EXIT);
        for (Iterator<VisitRecord> it = visits.values().iterator(); it.hasNext(); ) {
            VisitRecord v = it.next();
            if (v.phase == VisitRecord.Phase.LEFT && v.leftAt.isBefore(cutoff)) {
                endVisit(v, Outcome.TIMEOUT, v.leftAt);
                it.remove();
                changed = true;
            }
        }
        return changed;
    }

    /** @return true when a new local day began (today's figures start from zero) */
    private boolean rollOver(Instant at) {
        LocalDate d = LocalDate.ofInstant(at, zone);
        if (!d.isAfter(day)) {
            return false;
        }
        day = d;
        today.clear();
        callsTakenStored.clear();
        for (MemberRecord m : members.values()) {
            m.callsTaken = 0;
            m.refresh(m.since);
        }
        return true;
    }

    // ---- snapshot

    public LiveSnapshot snapshot(long version) {
        SortedMap<String, LiveMember> liveMembers = new TreeMap<>();
        Map<String, int[]> perQueue = new HashMap<>(); // available, onCall, paused, loggedIn
        for (MemberRecord m : members.values()) {
            liveMembers.put(m.iface, m.toLive());
            for (String q : m.pausedIn.keySet()) {
                int[] c = perQueue.computeIfAbsent(q, k -> new int[4]);
                c[3]++;
                if (m.state == MemberState.ON_CALL || m.state == MemberState.RINGING) {
                    c[1]++;
                } else if (m.pausedIn(q)) {
                    c[2]++;
                } else if (m.state == MemberState.AVAILABLE) {
                    c[0]++;
                }
            }
        }
        SortedMap<String, LiveQueue> liveQueues = new TreeMap<>();
        for (QueueRecord q : queues.values()) {
            int[] c = perQueue.getOrDefault(q.name, new int[4]);
            liveQueues.put(q.name, new LiveQueue(q.name, q.waiting(), c[0], c[1], c[2], c[3],
                    today.of(q.name)));
        }
        // queues with figures today but not configured now still show their day
        for (Map.Entry<String, QueueTotals> t : today.all().entrySet()) {
            if (!liveQueues.containsKey(t.getKey())) {
                liveQueues.put(t.getKey(), new LiveQueue(t.getKey(), List.of(), 0, 0, 0, 0, t.getValue()));
            }
        }
        return new LiveSnapshot(tenantId, version, lastEventAt, liveQueues, liveMembers, connected);
    }

    // ---- bookkeeping

    private QueueRecord queue(String name, String source) {
        QueueRecord q = queues.get(name);
        if (q == null) {
            q = new QueueRecord(name);
            queues.put(name, q);
        }
        if (source != null) {
            q.source = source;
        }
        return q;
    }

    /** A member named by an agent event: known from now on, in that queue (the PBX just used it there). */
    private MemberRecord learned(String queue, String iface, String name, Instant at) {
        boolean fresh = !members.containsKey(iface);
        MemberRecord m = member(iface, at);
        if (m.name == null && !blank(name)) {
            m.name = name;
        }
        if (fresh) {
            m.callsTaken = storedCalls(m);
            queue(queue, null);
        }
        m.pausedIn.putIfAbsent(queue, Boolean.FALSE);
        return m;
    }

    private MemberRecord member(String iface, Instant at) {
        MemberRecord m = members.get(iface);
        if (m == null) {
            m = new MemberRecord(iface, at);
            members.put(iface, m);
        }
        return m;
    }

    /** The tenant's zone, whose local midnight starts "today" (final: any thread may ask). */
    public ZoneId zone() {
        return zone;
    }

    public int visitsFollowed() {
        return visits.size();
    }

    public long visitsEvicted() {
        return visitsEvicted;
    }

    public long resyncsCompleted() {
        return resyncsCompleted;
    }

    public LocalDate day() {
        return day;
    }

    private static int seconds(Instant from, Instant to) {
        if (from == null || to == null) {
            return 0;
        }
        return (int) Math.max(0, Duration.between(from, to).getSeconds());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String unknownToNull(String s) {
        return s == null || s.isBlank() || s.equals("<unknown>") ? null : s;
    }

    private static String firstNonNull(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static Integer parseInt(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A queue's waiting callers in position order. */
    private static final class QueueRecord {
        final String name;
        String source;
        private final List<WaitingCaller> waiting = new ArrayList<>();
        private List<WaitingCaller> cached;

        QueueRecord(String name) {
            this.name = name;
        }

        /** Inserts at the caller's position (Asterisk renumbers the ones behind). */
        void insertWaiting(WaitingCaller w) {
            int index = Math.min(Math.max(0, w.position() - 1), waiting.size());
            waiting.add(index, w);
            cached = null;
        }

        void removeWaiting(String uniqueId) {
            for (int i = 0; i < waiting.size(); i++) {
                if (waiting.get(i).uniqueId().equals(uniqueId)) {
                    waiting.remove(i);
                    cached = null;
                    return;
                }
            }
        }

        boolean has(String uniqueId) {
            for (WaitingCaller w : waiting) {
                if (w.uniqueId().equals(uniqueId)) {
                    return true;
                }
            }
            return false;
        }

        /** With positions 1..n as Asterisk shows them after its renumbering. */
        List<WaitingCaller> waiting() {
            List<WaitingCaller> c = cached;
            if (c == null) {
                List<WaitingCaller> out = new ArrayList<>(waiting.size());
                for (int i = 0; i < waiting.size(); i++) {
                    WaitingCaller w = waiting.get(i);
                    out.add(w.position() == i + 1 ? w
                            : new WaitingCaller(w.queue(), w.uniqueId(), w.callerNumber(), w.callerName(), i + 1, w.enteredAt()));
                }
                c = List.copyOf(out);
                cached = c;
            }
            return c;
        }
    }
}
