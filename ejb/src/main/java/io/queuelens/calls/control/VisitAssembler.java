package io.queuelens.calls.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.OpenCall;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.ParsedLine;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.Rejected;
import io.queuelens.calls.entity.RingNoAnswer;
import io.queuelens.calls.entity.Verb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the queue_log events of one source, in file order, into facts: queue visits, agent sessions,
 * pauses and ring-no-answers (KPI.md), handed to a {@link FactSink} as they complete.
 * <p>
 * Rules worth knowing:
 * <ul>
 * <li>Overflow: a visit that ended by timeout, key, empty queue or withdraw is held back for
 *     {@link AssemblerSettings#exitHold()} of log time; if the same callid enters another queue in that
 *     time, it is emitted once with {@code nextQueue} set. If the call enters another queue later (within
 *     {@link AssemblerSettings#callMemory()}), the previous visit, already emitted, is emitted again with
 *     {@code nextQueue} set (same natural key: the sink upserts). The new visit is numbered visitSeq + 1.</li>
 * <li>QUEUESTART (PBX restart) closes every open visit as LOST at its time, releases held visits and
 *     closes open sessions and pauses; the restart ends every channel, so calls are forgotten.</li>
 * <li>An ENTERQUEUE for a call whose previous visit never ended closes that one as LOST (a channel waits
 *     in one queue at a time).</li>
 * <li>Inconsistent events (CONNECT for an unknown call, COMPLETE before CONNECT, negative or unreadable
 *     numbers, times before the call entered) are rejected through the sink with the reason and change
 *     nothing. Nothing throws on input.</li>
 * <li>Deterministic: the same events give the same facts in the same order, also across
 *     {@link #snapshot()} and {@link #restore}.</li>
 * </ul>
 * Not thread-safe: one instance per (tenant, source), fed by one reader.
 */
public final class VisitAssembler {

    private static final Logger LOG = Logger.getLogger(VisitAssembler.class.getName());
    private static final long MISSING = -1;
    private static final long REJECTED = -2;
    private static final String CALLER = "CALLER";
    private static final String AGENT = "AGENT";
    private static final String TRANSFER = "TRANSFER";
    private static final String PAUSED = "PAUSED";

    private record MemberKey(String agent, String queue) {
    }

    /** What is known about one callid. */
    private static final class CallTrack {
        final String callId;
        String did;
        int lastSeq;
        VisitDraft open;
        QueueVisit held;
        QueueVisit lastEmitted;
        Instant lastActivity;

        CallTrack(String callId, Instant at) {
            this.callId = callId;
            this.lastActivity = at;
        }
    }

    private final String tenantId;
    private final String sourceId;
    private final FactSink sink;
    private final AssemblerSettings settings;
    private final long holdSweepSeconds;
    private final long memorySweepSeconds;
    private final Map<String, CallTrack> calls = new LinkedHashMap<>();
    private final Map<String, CallTrack> heldCalls = new LinkedHashMap<>();
    private final Map<MemberKey, AgentSession> sessions = new LinkedHashMap<>();
    private final Map<MemberKey, AgentPause> pauses = new LinkedHashMap<>();
    private Instant clock;
    private long holdBucket = Long.MIN_VALUE;
    private long memoryBucket = Long.MIN_VALUE;

    public VisitAssembler(String tenantId, String sourceId, FactSink sink) {
        this(tenantId, sourceId, sink, AssemblerSettings.DEFAULTS);
    }

    public VisitAssembler(String tenantId, String sourceId, FactSink sink, AssemblerSettings settings) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        // sweeps run when log time crosses a multiple of these, so a resumed assembler sweeps exactly
        // when an uninterrupted one would
        this.holdSweepSeconds = Math.max(1, settings.exitHold().getSeconds() / 4);
        this.memorySweepSeconds = Math.max(1, settings.callMemory().getSeconds() / 8);
    }

    /** An assembler that continues from a {@link #snapshot()} (or {@link AssemblerState#fromOpenFacts}). */
    public static VisitAssembler restore(String tenantId, String sourceId, FactSink sink, AssemblerSettings settings,
                                         AssemblerState state) {
        VisitAssembler a = new VisitAssembler(tenantId, sourceId, sink, settings);
        a.clock = state.clock();
        if (a.clock != null) {
            a.holdBucket = Math.floorDiv(a.clock.getEpochSecond(), a.holdSweepSeconds);
            a.memoryBucket = Math.floorDiv(a.clock.getEpochSecond(), a.memorySweepSeconds);
        }
        for (OpenCall c : state.calls()) {
            CallTrack t = new CallTrack(c.callId(), c.lastActivity());
            t.did = c.did();
            t.lastSeq = c.lastSeq();
            t.open = c.open() == null ? null : VisitDraft.of(c.open());
            t.held = c.held();
            t.lastEmitted = c.lastEmitted();
            a.calls.put(t.callId, t);
            if (t.held != null) {
                a.heldCalls.put(t.callId, t);
            }
        }
        for (AgentSession s : state.sessions()) {
            a.sessions.put(new MemberKey(s.agent(), s.queue()), s);
        }
        for (AgentPause p : state.pauses()) {
            a.pauses.put(new MemberKey(p.agent(), p.queue()), p);
        }
        LOG.log(Level.FINE, "{0}/{1}: resumed with {2} calls, {3} sessions, {4} pauses",
                new Object[]{tenantId, sourceId, a.calls.size(), a.sessions.size(), a.pauses.size()});
        return a;
    }

    // ------------------------------------------------------------------------------------ input

    /** A parsed line: events are assembled, rejections passed on to the sink. */
    public void accept(ParsedLine line) {
        if (line instanceof QueueLogEvent e) {
            accept(e);
        } else {
            sink.rejected((Rejected) line);
        }
    }

    /** The next event of the source, in file (or table id) order. */
    public void accept(QueueLogEvent e) {
        advanceClock(e.time());
        switch (e.verb()) {
            case ENTERQUEUE -> enter(e);
            case DID -> did(e);
            case CONNECT -> connect(e);
            case COMPLETECALLER -> complete(e, CALLER);
            case COMPLETEAGENT -> complete(e, AGENT);
            case BLINDTRANSFER, TRANSFER -> blindTransfer(e);
            case ATTENDEDTRANSFER -> attendedTransfer(e);
            case ABANDON -> exit(e, Outcome.ABANDONED, 3);
            case EXITWITHTIMEOUT -> exit(e, Outcome.TIMEOUT, 3);
            case EXITEMPTY -> exit(e, Outcome.EXIT_EMPTY, 3);
            case EXITWITHKEY -> exit(e, Outcome.EXIT_KEY, 4);
            case WITHDRAW -> exit(e, Outcome.WITHDRAWN, 3);
            case JOINEMPTY -> joinEmpty(e);
            case RINGNOANSWER -> ringNoAnswer(e);
            case QUEUESTART -> restart(e.time());
            case ADDMEMBER, AGENTLOGIN, AGENTCALLBACKLOGIN -> login(e);
            case REMOVEMEMBER, AGENTLOGOFF, AGENTCALLBACKLOGOFF -> logout(e);
            case PAUSE, PAUSEALL -> pause(e);
            case UNPAUSE, UNPAUSEALL -> unpause(e);
            case UNKNOWN -> sink.unknown(e);
            default -> sink.informational(e);
        }
    }

    /**
     * Log time has reached {@code time} without a line (an idle tail of a quiet PBX): releases held
     * visits whose hold has passed, as the next line would. A time before the current clock changes nothing.
     */
    public void advanceTo(Instant time) {
        advanceClock(Objects.requireNonNull(time, "time"));
    }

    /**
     * End of input (a whole file imported): emits the held exited visits now instead of waiting for an
     * overflow. Open visits, sessions and pauses stay open. An incremental reader takes a
     * {@link #snapshot()} instead.
     */
    public void flush() {
        releaseHeld(null);
    }

    // ------------------------------------------------------------------------------------ state

    /** Visits still waiting (outcome OPEN) or talking (ANSWERED, no end), in order of first sight. */
    public List<QueueVisit> openVisits() {
        List<QueueVisit> open = new ArrayList<>();
        for (CallTrack t : calls.values()) {
            if (t.open != null) {
                open.add(t.open.toVisit());
            }
        }
        return open;
    }

    public List<AgentSession> openSessions() {
        return List.copyOf(sessions.values());
    }

    public List<AgentPause> openPauses() {
        return List.copyOf(pauses.values());
    }

    /** Everything needed to resume with {@link #restore}: checkpoint it with the source position. */
    public AssemblerState snapshot() {
        List<OpenCall> open = new ArrayList<>(calls.size());
        for (CallTrack t : calls.values()) {
            open.add(new OpenCall(t.callId, t.did, t.lastSeq, t.open == null ? null : t.open.toVisit(), t.held,
                    t.lastEmitted, t.lastActivity));
        }
        return new AssemblerState(clock, open, List.copyOf(sessions.values()), List.copyOf(pauses.values()));
    }

    // ------------------------------------------------------------------------------------ calls

    private void enter(QueueLogEvent e) {
        if (!e.hasCall()) {
            reject(e, "ENTERQUEUE without a callid");
            return;
        }
        if (!hasValue(e.queue())) {
            reject(e, "ENTERQUEUE without a queue");
            return;
        }
        VisitDraft d = openVisit(track(e), e);
        d.callerNumber = emptyToNull(e.data(2));
        d.originalPosition = smallNumber(e.data(3));
        d.callerName = emptyToNull(e.data(4));
    }

    /** Opens the call's next visit, closing or updating the one before it. */
    private VisitDraft openVisit(CallTrack t, QueueLogEvent e) {
        if (t.open != null) {
            VisitDraft lost = t.open;
            LOG.log(Level.FINE, "{0}: {1} entered {2} while still in {3}: closing that visit as LOST",
                    new Object[]{sourceId, t.callId, e.queue(), lost.queue});
            lost.outcome = Outcome.LOST;
            lost.endedAt = e.time();
            if (!lost.connected()) {
                lost.waitSeconds = secondsBetween(lost.enteredAt, e.time());
            }
            lost.nextQueue = e.queue();
            t.open = null;
            emit(t, lost.toVisit());
        } else if (t.held != null) {
            heldCalls.remove(t.callId);
            QueueVisit previous = VisitDraft.withNextQueue(t.held, e.queue());
            t.held = null;
            emit(t, previous);
        } else if (t.lastEmitted != null && t.lastEmitted.nextQueue() == null) {
            // emitted already (past the hold, or answered and transferred into a queue): update it
            emit(t, VisitDraft.withNextQueue(t.lastEmitted, e.queue()));
        }
        VisitDraft d = new VisitDraft(tenantId, sourceId, t.callId, ++t.lastSeq, e.queue(), e.time());
        d.did = t.did;
        t.open = d;
        return d;
    }

    private void did(QueueLogEvent e) {
        if (!e.hasCall()) {
            reject(e, "DID without a callid");
            return;
        }
        CallTrack t = track(e);
        t.did = emptyToNull(e.data(1));
        if (t.open != null && t.open.did == null) {
            t.open.did = t.did;
        }
    }

    private void connect(QueueLogEvent e) {
        CallTrack t = waitingCall(e);
        if (t == null) {
            return;
        }
        VisitDraft d = t.open;
        long wait = count(e, 1, "hold time");
        long ring = wait == REJECTED ? REJECTED : count(e, 3, "ring time");
        if (ring == REJECTED) {
            return;
        }
        d.connectedAt = e.time();
        d.outcome = Outcome.ANSWERED;
        d.waitSeconds = wait == MISSING ? secondsBetween(d.enteredAt, e.time()) : (int) wait;
        d.ringSeconds = ring == MISSING ? 0 : (int) ring;
        d.agent = agentOrNull(e.agent());
    }

    private void complete(QueueLogEvent e, String by) {
        CallTrack t = talkingCall(e);
        if (t == null) {
            return;
        }
        long talk = count(e, 2, "talk time");
        if (talk == REJECTED) {
            return;
        }
        VisitDraft d = t.open;
        d.talkSeconds = talk == MISSING ? secondsBetween(d.connectedAt, e.time()) : (int) talk;
        d.completedBy = by;
        finish(t, e.time());
    }

    /** BLINDTRANSFER and Asterisk 11's TRANSFER: exten, context, hold, talk, position. */
    private void blindTransfer(QueueLogEvent e) {
        CallTrack t = talkingCall(e);
        if (t == null) {
            return;
        }
        long talk = count(e, 4, "talk time");
        if (talk == REJECTED) {
            return;
        }
        String exten = e.data(1);
        String context = e.data(2);
        transferred(t, e.time(), talk, context.isEmpty() ? emptyToNull(exten) : exten + "@" + context);
    }

    /**
     * ATTENDEDTRANSFER: {@code BRIDGE|id}, {@code APP|app} or {@code LINK|chan1|chan2}, then hold, talk,
     * position: the field count varies, so the times are taken from the end.
     */
    private void attendedTransfer(QueueLogEvent e) {
        CallTrack t = talkingCall(e);
        if (t == null) {
            return;
        }
        int n = e.meaningfulDataCount();
        if (n < 4) {
            reject(e, "ATTENDEDTRANSFER needs a target and hold, talk and position: " + n + " fields");
            return;
        }
        long talk = count(e, n - 1, "talk time");
        if (talk == REJECTED) {
            return;
        }
        transferred(t, e.time(), talk, String.join("|", e.data().subList(0, n - 3)));
    }

    private void transferred(CallTrack t, Instant at, long talk, String target) {
        VisitDraft d = t.open;
        d.talkSeconds = talk == MISSING ? secondsBetween(d.connectedAt, at) : (int) talk;
        d.transferred = true;
        d.transferTarget = target;
        d.completedBy = TRANSFER;
        finish(t, at);
    }

    /** The caller left without an answer; {@code waitField} is where the wait time is (3, or 4 for a key). */
    private void exit(QueueLogEvent e, Outcome outcome, int waitField) {
        CallTrack t = waitingCall(e);
        if (t == null) {
            return;
        }
        long wait = count(e, waitField, "wait time");
        if (wait == REJECTED) {
            return;
        }
        VisitDraft d = t.open;
        d.outcome = outcome;
        d.endedAt = e.time();
        d.waitSeconds = wait == MISSING ? secondsBetween(d.enteredAt, e.time()) : (int) wait;
        if (outcome == Outcome.EXIT_KEY) {
            d.exitKey = emptyToNull(e.data(1));
        }
        t.open = null;
        t.lastActivity = e.time();
        boolean mayOverflow = outcome != Outcome.ABANDONED;
        if (mayOverflow && !settings.exitHold().isZero()) {
            t.held = d.toVisit();
            heldCalls.put(t.callId, t);
        } else {
            emit(t, d.toVisit());
        }
    }

    /** Wazo's JOINEMPTY: the caller could not join a queue without members; usually no ENTERQUEUE before. */
    private void joinEmpty(QueueLogEvent e) {
        if (!e.hasCall() || !hasValue(e.queue())) {
            reject(e, "JOINEMPTY without a callid or queue");
            return;
        }
        CallTrack t = track(e);
        if (t.open == null || !t.open.queue.equals(e.queue())) {
            openVisit(t, e);
        }
        exit(e, Outcome.EXIT_EMPTY, 3);
    }

    private void ringNoAnswer(QueueLogEvent e) {
        CallTrack t = waitingCall(e);
        if (t == null) {
            return;
        }
        long ms = count(e, 1, "ring time (ms)");
        if (ms == REJECTED) {
            return;
        }
        VisitDraft d = t.open;
        d.ringNoAnswers++;
        sink.ringNoAnswer(new RingNoAnswer(tenantId, sourceId, t.callId, d.visitSeq, d.queue, agentOrNull(e.agent()),
                e.time(), ms == MISSING ? 0 : ms));
    }

    /** QUEUESTART: the PBX restarted; whatever was open there has ended unseen. */
    private void restart(Instant at) {
        for (CallTrack t : calls.values()) {
            if (t.open != null) {
                VisitDraft d = t.open;
                d.outcome = Outcome.LOST;
                d.endedAt = at;
                d.transferred = false;
                if (!d.connected()) {
                    d.waitSeconds = secondsBetween(d.enteredAt, at);
                }
                t.open = null;
                sink.visit(d.toVisit());
            }
        }
        releaseHeld(null);
        calls.clear();
        for (AgentPause p : pauses.values()) {
            sink.pause(ended(p, at));
        }
        pauses.clear();
        for (AgentSession s : sessions.values()) {
            sink.session(ended(s, at));
        }
        sessions.clear();
    }

    // ------------------------------------------------------------------------------------ agents

    private void login(QueueLogEvent e) {
        if (!hasValue(e.agent())) {
            reject(e, e.verbName() + " without an agent");
            return;
        }
        MemberKey key = new MemberKey(e.agent(), e.queue());
        if (sessions.containsKey(key)) {
            reject(e, e.verbName() + " for " + e.agent() + " already logged in to " + e.queue());
            return;
        }
        sessions.put(key, new AgentSession(tenantId, sourceId, e.agent(), e.queue(), e.time(), null));
        if (e.verb() == Verb.ADDMEMBER && PAUSED.equalsIgnoreCase(e.data(1)) && !pauses.containsKey(key)) {
            // added paused (e.g. restored from astdb): the reason is not logged
            pauses.put(key, new AgentPause(tenantId, sourceId, e.agent(), e.queue(), "", e.time(), null));
        }
    }

    private void logout(QueueLogEvent e) {
        MemberKey key = new MemberKey(e.agent(), e.queue());
        AgentSession s = sessions.get(key);
        if (s == null) {
            reject(e, e.verbName() + " for " + e.agent() + " who is not logged in to " + e.queue());
            return;
        }
        if (e.time().isBefore(s.loginAt())) {
            reject(e, e.verbName() + " is earlier than the login at " + s.loginAt());
            return;
        }
        sessions.remove(key);
        AgentPause p = pauses.remove(key);
        if (p != null) {
            // removed while paused: the pause ends with the membership
            sink.pause(ended(p, e.time()));
        }
        sink.session(ended(s, e.time()));
    }

    private void pause(QueueLogEvent e) {
        if (!hasValue(e.agent())) {
            reject(e, e.verbName() + " without an agent");
            return;
        }
        MemberKey key = new MemberKey(e.agent(), e.queue());
        String reason = e.data(1);
        AgentPause current = pauses.get(key);
        if (current != null) {
            if (current.reason().equals(reason)) {
                sink.informational(e);
                return;
            }
            if (e.time().isBefore(current.startAt())) {
                reject(e, e.verbName() + " is earlier than the pause it replaces (" + current.startAt() + ")");
                return;
            }
            // a new reason ends the pause before it
            sink.pause(ended(current, e.time()));
        }
        pauses.put(key, new AgentPause(tenantId, sourceId, e.agent(), e.queue(), reason, e.time(), null));
    }

    private void unpause(QueueLogEvent e) {
        MemberKey key = new MemberKey(e.agent(), e.queue());
        AgentPause p = pauses.get(key);
        if (p == null) {
            reject(e, e.verbName() + " for " + e.agent() + " who is not paused in " + e.queue());
            return;
        }
        if (e.time().isBefore(p.startAt())) {
            reject(e, e.verbName() + " is earlier than the pause at " + p.startAt());
            return;
        }
        pauses.remove(key);
        sink.pause(ended(p, e.time()));
    }

    // ------------------------------------------------------------------------------------ helpers

    private CallTrack track(QueueLogEvent e) {
        CallTrack t = calls.get(e.callId());
        if (t == null) {
            t = new CallTrack(e.callId(), e.time());
            calls.put(e.callId(), t);
        } else if (e.time().isAfter(t.lastActivity)) {
            t.lastActivity = e.time();
        }
        return t;
    }

    /** The call with an open visit in the event's queue, or null after rejecting the event. */
    private CallTrack openCall(QueueLogEvent e) {
        if (!e.hasCall()) {
            reject(e, e.verbName() + " without a callid");
            return null;
        }
        CallTrack t = calls.get(e.callId());
        if (t == null || t.open == null) {
            reject(e, e.verbName() + (t == null ? " for an unknown call" : " for a call whose visit already ended"));
            return null;
        }
        if (!t.open.queue.equals(e.queue())) {
            reject(e, e.verbName() + " in queue " + e.queue() + " but the call is in queue " + t.open.queue);
            return null;
        }
        if (e.time().isBefore(t.open.enteredAt)) {
            reject(e, e.verbName() + " is earlier than the call's ENTERQUEUE at " + t.open.enteredAt);
            return null;
        }
        if (e.time().isAfter(t.lastActivity)) {
            t.lastActivity = e.time();
        }
        return t;
    }

    private CallTrack waitingCall(QueueLogEvent e) {
        CallTrack t = openCall(e);
        if (t != null && t.open.connected()) {
            reject(e, e.verbName() + " after CONNECT");
            return null;
        }
        return t;
    }

    private CallTrack talkingCall(QueueLogEvent e) {
        CallTrack t = openCall(e);
        if (t == null) {
            return null;
        }
        if (!t.open.connected()) {
            reject(e, e.verbName() + " before CONNECT");
            return null;
        }
        if (e.time().isBefore(t.open.connectedAt)) {
            reject(e, e.verbName() + " is earlier than the CONNECT at " + t.open.connectedAt);
            return null;
        }
        return t;
    }

    private void finish(CallTrack t, Instant at) {
        VisitDraft d = t.open;
        d.endedAt = at;
        t.open = null;
        emit(t, d.toVisit());
    }

    private void emit(CallTrack t, QueueVisit v) {
        t.lastEmitted = v;
        sink.visit(v);
    }

    /**
     * Data field {@code n} as a non-negative whole number; {@link #MISSING} when absent or empty (older
     * Asterisk versions log fewer fields), {@link #REJECTED} after telling the sink why it is unusable.
     */
    private long count(QueueLogEvent e, int n, String what) {
        String s = e.data(n);
        if (s.isEmpty()) {
            return MISSING;
        }
        long v = parseLong(s);
        if (v == Long.MIN_VALUE) {
            reject(e, e.verbName() + " " + what + " is not a number: '" + s + "'");
            return REJECTED;
        }
        if (v < 0) {
            reject(e, e.verbName() + " " + what + " is negative: " + s);
            return REJECTED;
        }
        if (v > Integer.MAX_VALUE) {
            reject(e, e.verbName() + " " + what + " is too large: " + s);
            return REJECTED;
        }
        return v;
    }

    /** A signed decimal, or Long.MIN_VALUE when it is not one (no exception on the hot path). */
    static long parseLong(String s) {
        int len = s.length();
        int i = 0;
        boolean negative = false;
        if (len > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i == len || len - i > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }

    private static Integer smallNumber(String s) {
        long v = parseLong(s);
        return v == Long.MIN_VALUE || v < 0 || v > Integer.MAX_VALUE ? null : (int) v;
    }

    private void reject(QueueLogEvent e, String reason) {
        sink.rejected(new Rejected(e.position(), e.toLine(), reason));
    }

    private void advanceClock(Instant t) {
        if (clock == null || t.isAfter(clock)) {
            clock = t;
        }
        long second = clock.getEpochSecond();
        long hb = Math.floorDiv(second, holdSweepSeconds);
        if (hb != holdBucket) {
            holdBucket = hb;
            if (!heldCalls.isEmpty()) {
                releaseHeld(clock.minus(settings.exitHold()));
            }
        }
        long mb = Math.floorDiv(second, memorySweepSeconds);
        if (mb != memoryBucket) {
            memoryBucket = mb;
            forgetQuietCalls(clock.minus(settings.callMemory()));
        }
    }

    /**
     * Emits held visits that ended at or before {@code limit} (all when null), by end time and key, so
     * the order does not depend on how the held set was built (live or restored).
     */
    private void releaseHeld(Instant limit) {
        List<CallTrack> due = new ArrayList<>();
        for (CallTrack t : heldCalls.values()) {
            if (limit == null || !t.held.endedAt().isAfter(limit)) {
                due.add(t);
            }
        }
        due.sort(Comparator.comparing((CallTrack t) -> t.held.endedAt()).thenComparing(t -> t.callId));
        for (CallTrack t : due) {
            heldCalls.remove(t.callId);
            QueueVisit v = t.held;
            t.held = null;
            emit(t, v);
        }
    }

    private void forgetQuietCalls(Instant limit) {
        for (Iterator<CallTrack> it = calls.values().iterator(); it.hasNext(); ) {
            CallTrack t = it.next();
            if (t.open == null && t.held == null && !t.lastActivity.isAfter(limit)) {
                it.remove();
            }
        }
    }

    private static AgentPause ended(AgentPause p, Instant at) {
        return new AgentPause(p.tenantId(), p.sourceId(), p.agent(), p.queue(), p.reason(), p.startAt(), max(p.startAt(), at));
    }

    private static AgentSession ended(AgentSession s, Instant at) {
        return new AgentSession(s.tenantId(), s.sourceId(), s.agent(), s.queue(), s.loginAt(), max(s.loginAt(), at));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static int secondsBetween(Instant from, Instant to) {
        long s = Duration.between(from, to).getSeconds();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, s));
    }

    private static boolean hasValue(String column) {
        return column != null && !column.isEmpty() && !QueueLogEvent.NONE.equals(column);
    }

    private static String agentOrNull(String agent) {
        return hasValue(agent) ? agent : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
