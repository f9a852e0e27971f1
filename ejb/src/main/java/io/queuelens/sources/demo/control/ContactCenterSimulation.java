package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.CdrRow;
import io.queuelens.sources.demo.entity.QueueDefinition;
import io.queuelens.sources.demo.entity.QueueLogRow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

/**
 * A discrete-event simulation of an Asterisk contact center: callers arrive along a daily curve, wait in
 * queues, ring agents, talk, hold, get transferred, abandon, time out, press a key or overflow to
 * another queue; agents log in for shifts, take lunch, breaks, training and after-call work.
 * <p>
 * Everything it does is reported to one {@link PbxListener} as AMI events, queue_log rows and CDR rows,
 * so live and history always agree. It is deterministic: the same seed, start instant, zone, agents and
 * queues produce the same sequence, however {@link #advanceTo} is chunked, and whether or not AMI
 * events are built. All public methods are synchronized: the AMI server asks for state from its own
 * threads while the simulation thread advances time.
 */
public final class ContactCenterSimulation implements AmiStateProvider {

    /** Calls per agent (of the configured total) per hour at a weekday's peak: about 90% occupancy. */
    static final double CALLS_PER_AGENT_HOUR = 4.6;
    static final long RING_TIMEOUT_MS = 15_000;

    private static final String[] FIRST = {"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannah",
            "Ivan", "Julia", "Karim", "Lena", "Marco", "Nina", "Oskar", "Paula", "Rafael", "Sofia", "Tom", "Yara"};
    private static final String[] LAST = {"Berger", "Schmidt", "Novak", "Rossi", "Weber", "Kaya", "Fischer",
            "Meyer", "Dubois", "Jansen", "Wagner", "Silva", "Becker", "Horvat", "Schulz", "Keller", "Nowak",
            "Lange", "Costa", "Wolf", "Braun", "Yilmaz", "Richter"};
    private static final DateTimeFormatter RECORDING_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private enum Ending { CALLER, AGENT, BLIND_TRANSFER, ATTENDED_TRANSFER }

    private enum Shift {
        EARLY(LocalTime.of(7, 0), LocalTime.of(15, 30)),
        DAY(LocalTime.of(8, 30), LocalTime.of(17, 0)),
        LATE(LocalTime.of(12, 0), LocalTime.of(20, 30)),
        NIGHT(LocalTime.of(20, 0), LocalTime.of(7, 30));

        final LocalTime start;
        final LocalTime end;

        Shift(LocalTime start, LocalTime end) {
            this.start = start;
            this.end = end;
        }

        boolean overnight() {
            return end.isBefore(start);
        }
    }

    private record Timer(long at, long seq, Runnable action) {
    }

    private final ZoneId zone;
    private final PbxListener listener;
    private final Random random;
    private final int agentCount;
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparingLong(Timer::at).thenComparingLong(Timer::seq));
    private final List<SimQueue> queues = new ArrayList<>();
    private final List<SimQueue> queuesByWeight;
    private final List<SimAgent> agents = new ArrayList<>();
    private final Map<String, SimChannel> channels = new LinkedHashMap<>();
    private final String[] recentCallers = new String[512];
    private int recentCallerCount;
    private long nowMs;
    private long timerSeq;
    private long uniqueCounter;
    private long channelCounter;
    private int cdrSequence;
    private long amiEvents;
    private long queueLogRows;
    private long cdrRows;
    private int callsInProgress;

    public ContactCenterSimulation(long seed, Instant start, ZoneId zone, int agentCount,
                                   List<QueueDefinition> definitions, PbxListener listener) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.nowMs = start.toEpochMilli();
        this.agentCount = agentCount;
        // the start instant is part of the seed: a restart at another time is another (deterministic) day
        this.random = new Random(seed * 0x9E3779B97F4A7C15L ^ start.getEpochSecond());
        Map<String, SimQueue> byName = new LinkedHashMap<>();
        for (QueueDefinition d : definitions) {
            SimQueue q = new SimQueue(d);
            queues.add(q);
            byName.put(d.name(), q);
        }
        for (SimQueue q : queues) {
            if (q.def.overflowTo() != null) {
                q.overflow = Objects.requireNonNull(byName.get(q.def.overflowTo()), "unknown overflow queue " + q.def.overflowTo());
            }
        }
        queuesByWeight = new ArrayList<>(queues);
        queuesByWeight.sort(Comparator.comparingInt((SimQueue q) -> -q.def.weight()));
        createAgents(agentCount);
        schedule(nowMs, this::boot);
    }

    /**
     * A simulation of the default queues that reports only its queue_log rows (no AMI messages are
     * built, no CDR kept): how tests and benchmarks turn demo days into queue_log input. Advance it
     * with {@link #advanceTo}; {@link #callsInProgress()} tells what is still open at the end.
     */
    public static ContactCenterSimulation queueLogOnly(long seed, Instant start, ZoneId zone, int agentCount,
                                                       java.util.function.Consumer<QueueLogRow> rows) {
        Objects.requireNonNull(rows, "rows");
        return new ContactCenterSimulation(seed, start, zone, agentCount, QueueDefinition.defaults(), new PbxListener() {
            @Override
            public boolean wantsAmi() {
                return false;
            }

            @Override
            public void queueLog(QueueLogRow row) {
                rows.accept(row);
            }
        });
    }

    // ---------------------------------------------------------------- time

    /** Runs everything scheduled up to and including {@code time}. */
    public synchronized void advanceTo(Instant time) {
        long target = time.toEpochMilli();
        while (!timers.isEmpty() && timers.peek().at() <= target) {
            runNext();
        }
        nowMs = Math.max(nowMs, target);
    }

    /**
     * Runs scheduled work until at least {@code events} AMI events were emitted since start (or
     * {@code limit} is reached): the engine uses this to hold a target event rate.
     */
    public synchronized void advanceUntilAmiEvents(long events, Instant limit) {
        long limitMs = limit.toEpochMilli();
        while (amiEvents < events && !timers.isEmpty() && timers.peek().at() <= limitMs) {
            runNext();
        }
    }

    private void runNext() {
        Timer t = timers.poll();
        nowMs = t.at();
        t.action().run();
    }

    public synchronized Instant now() {
        return Instant.ofEpochMilli(nowMs);
    }

    public synchronized long amiEvents() {
        return amiEvents;
    }

    public synchronized long queueLogRows() {
        return queueLogRows;
    }

    public synchronized long cdrRows() {
        return cdrRows;
    }

    public synchronized int callsInProgress() {
        return callsInProgress;
    }

    public synchronized int agentsLoggedIn() {
        int n = 0;
        for (SimAgent a : agents) {
            if (a.loggedIn()) {
                n++;
            }
        }
        return n;
    }

    private void schedule(long at, Runnable action) {
        timers.add(new Timer(Math.max(at, nowMs), timerSeq++, action));
    }

    // ---------------------------------------------------------------- output

    private boolean ami() {
        return listener.wantsAmi();
    }

    private void emit(AmiMessage event) {
        amiEvents++;
        listener.amiEvent(event);
    }

    private void qlog(String callid, String queue, String agent, String event, Object... data) {
        List<String> fields = new ArrayList<>(data.length);
        for (Object d : data) {
            fields.add(String.valueOf(d));
        }
        queueLogRows++;
        listener.queueLog(new QueueLogRow(Instant.ofEpochMilli(nowMs), callid, queue, agent, event, fields));
    }

    private void emitMemberStatus(SimAgent a, String event) {
        if (ami()) {
            for (SimQueue q : a.queues) {
                emit(AmiEvents.member(event, q.name(), a));
            }
        }
    }

    // ---------------------------------------------------------------- setup

    private void createAgents(int count) {
        QueueDefinition[] slots = new QueueDefinition[20];
        for (int s = 0; s < 20; s++) {
            // 7 of 20 agents in sales first, 8 in support, 3 in billing, 2 in vip
            slots[s] = s < 7 ? find("sales") : s < 15 ? find("support") : s < 18 ? find("billing") : find("vip");
        }
        for (int i = 0; i < count; i++) {
            SimAgent a = new SimAgent(i, String.valueOf(1001 + i), FIRST[i % FIRST.length] + " " + LAST[(i * 7 + 3) % LAST.length]);
            QueueDefinition primary = slots[(i * 7) % 20];
            boolean night = shiftOf(i) == Shift.NIGHT;
            for (SimQueue q : queues) {
                String n = q.name();
                boolean member = night
                        || n.equals(primary.name())
                        || ("vip".equals(n) && "sales".equals(primary.name()))
                        || ("sales".equals(n) && "vip".equals(primary.name()))
                        || ("billing".equals(n) && "support".equals(primary.name()) && i % 3 == 0)
                        || ("support".equals(n) && "billing".equals(primary.name()));
                if (member) {
                    a.queues.add(q);
                    q.members.add(a);
                }
            }
            agents.add(a);
        }
    }

    private QueueDefinition find(String name) {
        for (SimQueue q : queues) {
            if (q.name().equals(name)) {
                return q.def;
            }
        }
        // a custom queue set without this name: fall back to the first queue
        return queues.get(0).def;
    }

    private static Shift shiftOf(int agentIndex) {
        int slot = agentIndex % 10;
        return slot < 2 ? Shift.EARLY : slot < 6 ? Shift.DAY : slot < 9 ? Shift.LATE : Shift.NIGHT;
    }

    private void boot() {
        qlog("NONE", "NONE", "NONE", "QUEUESTART", "");
        LocalDate today = Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate();
        planDay(today.minusDays(1));
        planDay(today);
        scheduleMidnight(today.plusDays(1));
        for (SimQueue q : queues) {
            scheduleNextCandidate(q);
        }
    }

    private void scheduleMidnight(LocalDate date) {
        schedule(date.atStartOfDay(zone).toInstant().toEpochMilli(), () -> {
            planDay(date);
            scheduleMidnight(date.plusDays(1));
        });
    }

    private void planDay(LocalDate date) {
        double workProbability = switch (date.getDayOfWeek()) {
            case SATURDAY -> 0.35;
            case SUNDAY -> 0.20;
            default -> 0.92;
        };
        for (SimAgent a : agents) {
            boolean works = random.nextDouble() < workProbability;
            int startJitter = random.nextInt(21) - 10;
            int endJitter = random.nextInt(21) - 10;
            if (!works) {
                continue;
            }
            Shift shift = shiftOf(a.index);
            long start = date.atTime(shift.start).plusMinutes(startJitter).atZone(zone).toInstant().toEpochMilli();
            LocalDate endDate = shift.overnight() ? date.plusDays(1) : date;
            long end = endDate.atTime(shift.end).plusMinutes(endJitter).atZone(zone).toInstant().toEpochMilli();
            if (end <= nowMs) {
                continue;
            }
            schedule(Math.max(start, nowMs), () -> login(a, end));
        }
    }

    // ---------------------------------------------------------------- agents

    private void login(SimAgent a, long endMs) {
        if (a.loggedIn() || endMs <= nowMs) {
            return;
        }
        int shift = ++a.shift;
        a.state = SimAgent.State.AVAILABLE;
        a.loginMs = nowMs;
        a.idleSinceMs = nowMs;
        a.pauseReason = "";
        a.pendingPauseReason = null;
        a.pendingLogout = false;
        a.loginChannel = "PJSIP/" + a.extension + "-" + hex(channelCounter++);
        a.loginUniqueid = newUniqueid();
        qlog(a.loginUniqueid, "NONE", a.agentId(), "AGENTLOGIN", a.loginChannel);
        for (SimQueue q : a.queues) {
            qlog("NONE", q.name(), a.name, "ADDMEMBER", "");
        }
        emitMemberStatus(a, "QueueMemberAdded");
        schedule(endMs, () -> {
            if (a.shift == shift) {
                requestLogout(a);
            }
        });
        long length = endMs - nowMs;
        if (length > 5 * 3_600_000L) {
            long lunchAt = nowMs + (long) (length * 0.45) + (random.nextInt(41) - 20) * 60_000L;
            requestPauseAt(a, shift, lunchAt, "Lunch", (30 + random.nextInt(16)) * 60_000L);
        }
        if (length > 2 * 3_600_000L) {
            for (double at : new double[]{0.2, 0.75}) {
                if (random.nextDouble() < 0.6) {
                    requestPauseAt(a, shift, nowMs + (long) (length * at), "Break", (8 + random.nextInt(8)) * 60_000L);
                }
            }
        }
        if (random.nextDouble() < 0.08) {
            long at = nowMs + (long) (length * (0.3 + random.nextDouble() * 0.4));
            requestPauseAt(a, shift, at, "Training", (30 + random.nextInt(31)) * 60_000L);
        }
        dispatch();
    }

    private void requestLogout(SimAgent a) {
        if (a.state == SimAgent.State.RINGING || a.state == SimAgent.State.ON_CALL) {
            a.pendingLogout = true;
        } else if (a.loggedIn()) {
            logout(a);
        }
    }

    private void logout(SimAgent a) {
        for (SimQueue q : a.queues) {
            qlog("NONE", q.name(), a.name, "REMOVEMEMBER", "");
        }
        a.state = SimAgent.State.LOGGED_OUT;
        a.shift++;
        a.pendingLogout = false;
        a.pendingPauseReason = null;
        emitMemberStatus(a, "QueueMemberRemoved");
        qlog(a.loginUniqueid, "NONE", a.agentId(), "AGENTLOGOFF", a.loginChannel, (nowMs - a.loginMs) / 1000);
    }

    private void requestPauseAt(SimAgent a, int shift, long at, String reason, long durationMs) {
        schedule(at, () -> {
            if (a.shift != shift || !a.loggedIn() || a.pendingLogout) {
                return;
            }
            if (a.state == SimAgent.State.AVAILABLE) {
                startPause(a, reason, durationMs);
            } else {
                // on a call, ringing or in another pause: take it right after
                a.pendingPauseReason = reason;
                a.pendingPauseMs = durationMs;
            }
        });
    }

    private void startPause(SimAgent a, String reason, long durationMs) {
        a.state = SimAgent.State.PAUSED;
        a.pauseReason = reason;
        a.lastPauseMs = nowMs;
        int pause = ++a.pauseSeq;
        for (SimQueue q : a.queues) {
            qlog("NONE", q.name(), a.name, "PAUSE", reason);
        }
        emitMemberStatus(a, "QueueMemberPause");
        schedule(nowMs + durationMs, () -> {
            if (a.pauseSeq == pause && a.state == SimAgent.State.PAUSED) {
                endPause(a);
            }
        });
    }

    private void endPause(SimAgent a) {
        a.state = SimAgent.State.AVAILABLE;
        a.pauseReason = "";
        a.idleSinceMs = nowMs;
        for (SimQueue q : a.queues) {
            qlog("NONE", q.name(), a.name, "UNPAUSE", "");
        }
        emitMemberStatus(a, "QueueMemberPause");
        becameIdle(a);
    }

    /** The agent is free: leave, take the pause that waited, or take the next caller. */
    private void becameIdle(SimAgent a) {
        if (a.pendingLogout) {
            logout(a);
        } else if (a.pendingPauseReason != null) {
            String reason = a.pendingPauseReason;
            a.pendingPauseReason = null;
            startPause(a, reason, a.pendingPauseMs);
        } else {
            dispatch();
        }
    }

    // ---------------------------------------------------------------- callers

    private void scheduleNextCandidate(SimQueue q) {
        // thinning of a non-homogeneous Poisson process: candidates at the maximum rate, kept with f/max
        double maxPerSecond = agentCount * CALLS_PER_AGENT_HOUR / 3600.0 * q.def.trafficShare() * ArrivalCurve.MAX_FACTOR;
        long gap = (long) Math.ceil(-Math.log(1.0 - random.nextDouble()) / maxPerSecond * 1000.0);
        schedule(nowMs + Math.max(1, gap), () -> {
            double f = ArrivalCurve.factor(Instant.ofEpochMilli(nowMs).atZone(zone));
            if (random.nextDouble() < f / ArrivalCurve.MAX_FACTOR) {
                arrive(q);
            }
            scheduleNextCandidate(q);
        });
    }

    private void arrive(SimQueue q) {
        String number = callerNumber();
        // without a name from the carrier, the PBX shows the number as the name (as FreePBX does)
        String name = random.nextDouble() < 0.55
                ? FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] : number;
        String uniqueid = newUniqueid();
        SimChannel ch = new SimChannel("PJSIP/trunk-" + hex(channelCounter++), uniqueid, uniqueid, nowMs, 4,
                number, name, "from-pstn", q.def.did());
        channels.put(uniqueid, ch);
        SimCall call = new SimCall(ch, nowMs, q.def.did());
        // about one caller in ten hangs up within seconds; the others wait a while (exponential)
        call.patienceMs = random.nextDouble() < 0.10
                ? 1_000 + random.nextInt(4_000)
                : 5_000 + (long) (-Math.log(1.0 - random.nextDouble()) * q.def.meanPatienceSeconds() * 1000.0);
        callsInProgress++;
        if (ami()) {
            emit(AmiEvents.newchannel(ch));
        }
        ch.state = 6; // the dialplan answers before Queue()
        ch.connectedNum = q.def.number();
        ch.connectedName = q.name();
        qlog(uniqueid, q.name(), "NONE", "DID", q.def.did());
        enterQueue(call, q);
    }

    private String callerNumber() {
        if (recentCallerCount > 0 && random.nextDouble() < 0.12) {
            // repeat contacts: someone who called recently calls again
            return recentCallers[random.nextInt(Math.min(recentCallerCount, recentCallers.length))];
        }
        String number = String.format("0%d%07d", 151 + random.nextInt(29), random.nextInt(10_000_000));
        recentCallers[recentCallerCount++ % recentCallers.length] = number;
        return number;
    }

    private void enterQueue(SimCall c, SimQueue q) {
        int visit = ++c.visit;
        c.queue = q;
        c.state = SimCall.State.WAITING;
        c.enterMs = nowMs;
        c.declinedBy.clear();
        q.waiting.add(c);
        c.origPosition = q.waiting.size();
        SimChannel ch = c.channel;
        ch.context = "ext-queues";
        ch.exten = q.def.number();
        ch.priority = 1;
        ch.application = "Queue";
        ch.applicationData = q.name() + ",t,,,," + q.def.maxWaitSeconds();
        qlog(c.callid(), q.name(), "NONE", "ENTERQUEUE", "", ch.callerNum, c.origPosition);
        if (ami()) {
            emit(AmiEvents.callerJoinOrLeave("QueueCallerJoin", ch, q.name(), c.origPosition, q.waiting.size()));
        }
        long patienceAt = Math.max(c.startMs + c.patienceMs, nowMs + 2_000);
        schedule(patienceAt, () -> {
            if (c.visit == visit && c.state == SimCall.State.WAITING) {
                abandon(c);
            }
        });
        schedule(nowMs + q.def.maxWaitSeconds() * 1000L, () -> {
            if (c.visit == visit && c.state == SimCall.State.WAITING) {
                timeout(c);
            }
        });
        if (random.nextDouble() < 0.04) {
            long at = nowMs + 15_000 + (long) (random.nextDouble() * q.def.maxWaitSeconds() * 800);
            schedule(at, () -> {
                if (c.visit == visit && c.state == SimCall.State.WAITING) {
                    exitWithKey(c);
                }
            });
        }
        dispatch();
    }

    /** Offers waiting callers to free members, heavier queues first, longest idle member first. */
    private void dispatch() {
        for (SimQueue q : queuesByWeight) {
            if (q.waiting.isEmpty() || !anyAvailable(q)) {
                continue;
            }
            for (SimCall c : new ArrayList<>(q.waiting)) {
                if (c.ringing != null) {
                    continue;
                }
                SimAgent a = pickAgent(q, c);
                if (a == null) {
                    if (!anyAvailable(q)) {
                        break;
                    }
                    continue;
                }
                ring(c, a);
            }
        }
    }

    private static boolean anyAvailable(SimQueue q) {
        for (SimAgent a : q.members) {
            if (a.state == SimAgent.State.AVAILABLE) {
                return true;
            }
        }
        return false;
    }

    private static SimAgent pickAgent(SimQueue q, SimCall c) {
        SimAgent best = null;
        SimAgent bestDeclined = null;
        for (SimAgent a : q.members) {
            if (a.state != SimAgent.State.AVAILABLE) {
                continue;
            }
            if (c.declinedBy.contains(a)) {
                if (bestDeclined == null || a.idleSinceMs < bestDeclined.idleSinceMs) {
                    bestDeclined = a;
                }
            } else if (best == null || a.idleSinceMs < best.idleSinceMs) {
                best = a;
            }
        }
        if (best == null && bestDeclined != null) {
            // everyone free already let it ring: start another round, as Asterisk does
            c.declinedBy.clear();
            return bestDeclined;
        }
        return best;
    }

    private void ring(SimCall c, SimAgent a) {
        SimQueue q = c.queue;
        a.state = SimAgent.State.RINGING;
        a.currentCall = c;
        c.ringing = a;
        c.ringStartMs = nowMs;
        String uid = newUniqueid();
        SimChannel dest = new SimChannel("Local/" + a.extension + "@from-queue-" + hex(channelCounter++) + ";1", uid,
                c.channel.linkedid, nowMs, 0, c.channel.callerNum, c.channel.callerName, "from-queue", q.def.number());
        // app_queue gives the member's channel the caller's id as connected line
        dest.connectedNum = c.channel.callerNum;
        dest.connectedName = c.channel.callerName;
        dest.application = "AppQueue";
        dest.applicationData = "(Outgoing Line)";
        c.ringChannel = dest;
        channels.put(uid, dest);
        boolean answers = random.nextDouble() < 0.92;
        long ringMs = answers ? 1_500 + random.nextInt(10_000) : RING_TIMEOUT_MS;
        int visit = c.visit;
        if (ami()) {
            emit(AmiEvents.newchannel(dest));
            emit(AmiEvents.agentEvent("AgentCalled", c.channel, dest, q.name(), a).build());
        }
        emitMemberStatus(a, "QueueMemberStatus");
        schedule(nowMs + ringMs, () -> {
            if (c.ringing == a && c.visit == visit && c.state == SimCall.State.WAITING) {
                ringEnded(c, a, answers);
            }
        });
    }

    private void ringEnded(SimCall c, SimAgent a, boolean answered) {
        SimQueue q = c.queue;
        long ringMs = nowMs - c.ringStartMs;
        SimChannel dest = c.ringChannel;
        c.ringing = null;
        c.ringChannel = null;
        if (!answered) {
            qlog(c.callid(), q.name(), a.name, "RINGNOANSWER", ringMs);
            if (ami()) {
                emit(AmiEvents.agentEvent("AgentRingNoAnswer", c.channel, dest, q.name(), a).add("RingTime", ringMs).build());
            }
            hangup(dest, 19, "User alerted, no answer");
            c.declinedBy.add(a);
            a.currentCall = null;
            a.state = SimAgent.State.AVAILABLE;
            emitMemberStatus(a, "QueueMemberStatus");
            becameIdle(a);
            dispatch();
            return;
        }
        connect(c, a, dest, ringMs);
    }

    private void connect(SimCall c, SimAgent a, SimChannel dest, long ringMs) {
        SimQueue q = c.queue;
        int position = q.position(c);
        q.waiting.remove(c);
        c.state = SimCall.State.CONNECTED;
        c.agent = a;
        c.agentChannel = dest;
        c.connectMs = nowMs;
        c.holdSeconds = seconds(nowMs - c.enterMs);
        c.ringSeconds = seconds(ringMs);
        a.state = SimAgent.State.ON_CALL;
        q.recordAnswered(c.holdSeconds);
        String bridgeId = new UUID(random.nextLong(), random.nextLong()).toString();
        dest.state = 6;
        dest.connectedNum = c.channel.callerNum;
        dest.connectedName = c.channel.callerName;
        dest.bridgeId = bridgeId;
        c.channel.connectedNum = a.extension;
        c.channel.connectedName = a.name;
        c.channel.bridgeId = bridgeId;
        qlog(c.callid(), q.name(), a.name, "CONNECT", c.holdSeconds, dest.uniqueid, c.ringSeconds);
        if (ami()) {
            emit(AmiEvents.callerJoinOrLeave("QueueCallerLeave", c.channel, q.name(), position, q.waiting.size()));
            emit(AmiEvents.agentEvent("AgentConnect", c.channel, dest, q.name(), a)
                    .add("HoldTime", c.holdSeconds).add("RingTime", c.ringSeconds).build());
        }
        emitMemberStatus(a, "QueueMemberStatus");

        double meanMs = q.def.meanTalkSeconds() * 1000.0;
        // log-normal talk times (sigma 0.6): mostly near the mean, a long tail of long calls
        long talkMs = (long) Math.exp(Math.log(meanMs) - 0.18 + 0.6 * random.nextGaussian());
        talkMs = Math.max(8_000, Math.min(3_600_000, talkMs));
        if (random.nextDouble() < 0.15) {
            long holdAt = nowMs + talkMs / 3;
            long holdMs = 15_000 + random.nextInt(105_000);
            talkMs += holdMs;
            schedule(holdAt, () -> {
                if (ami() && c.state == SimCall.State.CONNECTED) {
                    emit(AmiEvents.hold(c.channel));
                }
            });
            schedule(holdAt + holdMs, () -> {
                if (ami() && c.state == SimCall.State.CONNECTED) {
                    emit(AmiEvents.unhold(c.channel));
                }
            });
        }
        double r = random.nextDouble();
        Ending ending = r < 0.04 ? Ending.BLIND_TRANSFER : r < 0.07 ? Ending.ATTENDED_TRANSFER
                : r < 0.55 ? Ending.CALLER : Ending.AGENT;
        schedule(nowMs + talkMs, () -> complete(c, ending));
    }

    private void complete(SimCall c, Ending ending) {
        SimQueue q = c.queue;
        SimAgent a = c.agent;
        int talk = seconds(nowMs - c.connectMs);
        String reason;
        switch (ending) {
            case CALLER -> {
                qlog(c.callid(), q.name(), a.name, "COMPLETECALLER", c.holdSeconds, talk, c.origPosition);
                reason = "caller";
            }
            case AGENT -> {
                qlog(c.callid(), q.name(), a.name, "COMPLETEAGENT", c.holdSeconds, talk, c.origPosition);
                reason = "agent";
            }
            case BLIND_TRANSFER -> {
                qlog(c.callid(), q.name(), a.name, "BLINDTRANSFER", "2" + (100 + random.nextInt(5)), "from-internal",
                        c.holdSeconds, talk, c.origPosition);
                reason = "transfer";
            }
            default -> {
                qlog(c.callid(), q.name(), a.name, "ATTENDEDTRANSFER", "BRIDGE", c.channel.bridgeId,
                        c.holdSeconds, talk, c.origPosition);
                reason = "transfer";
            }
        }
        q.recordTalk(talk);
        if (ami()) {
            emit(AmiEvents.agentEvent("AgentComplete", c.channel, c.agentChannel, q.name(), a)
                    .add("HoldTime", c.holdSeconds).add("TalkTime", talk).add("Reason", reason).build());
        }
        hangup(c.agentChannel, 16, "Normal Clearing");
        hangup(c.channel, 16, "Normal Clearing");
        writeCdr(c, true);
        c.state = SimCall.State.DONE;
        callsInProgress--;

        a.callsTaken++;
        a.lastCallMs = nowMs;
        a.currentCall = null;
        a.state = SimAgent.State.AVAILABLE;
        a.idleSinceMs = nowMs;
        emitMemberStatus(a, "QueueMemberStatus");
        if (!a.pendingLogout && random.nextDouble() < 0.35) {
            startPause(a, "ACW", (10 + random.nextInt(80)) * 1000L);
        } else {
            becameIdle(a);
        }
    }

    /** Takes the caller out of its queue; a member ringing for it is released (RINGCANCELED). */
    private int leaveQueue(SimCall c) {
        SimQueue q = c.queue;
        int position = q.position(c);
        q.waiting.remove(c);
        SimAgent ringing = c.ringing;
        if (ringing != null) {
            qlog(c.callid(), q.name(), ringing.name, "RINGCANCELED", nowMs - c.ringStartMs);
            hangup(c.ringChannel, 0, "Unknown");
            c.ringing = null;
            c.ringChannel = null;
            ringing.currentCall = null;
            ringing.state = SimAgent.State.AVAILABLE;
            emitMemberStatus(ringing, "QueueMemberStatus");
        }
        return position;
    }

    private void afterLeave(SimAgent released) {
        if (released != null) {
            becameIdle(released);
        }
        dispatch();
    }

    private void abandon(SimCall c) {
        SimQueue q = c.queue;
        SimAgent released = c.ringing;
        int wait = seconds(nowMs - c.enterMs);
        int position = leaveQueue(c);
        q.abandoned++;
        qlog(c.callid(), q.name(), "NONE", "ABANDON", position, c.origPosition, wait);
        if (ami()) {
            emit(AmiEvents.callerAbandon(c.channel, q.name(), position, c.origPosition, wait));
            emit(AmiEvents.callerJoinOrLeave("QueueCallerLeave", c.channel, q.name(), position, q.waiting.size()));
        }
        endUnanswered(c);
        afterLeave(released);
    }

    private void timeout(SimCall c) {
        SimQueue q = c.queue;
        SimAgent released = c.ringing;
        int wait = seconds(nowMs - c.enterMs);
        int position = leaveQueue(c);
        qlog(c.callid(), q.name(), "NONE", "EXITWITHTIMEOUT", position, c.origPosition, wait);
        if (ami()) {
            emit(AmiEvents.callerJoinOrLeave("QueueCallerLeave", c.channel, q.name(), position, q.waiting.size()));
        }
        if (q.overflow != null) {
            // the dialplan sends the caller on to the next queue: same channel, same callid
            enterQueue(c, q.overflow);
        } else {
            endUnanswered(c);
        }
        afterLeave(released);
    }

    private void exitWithKey(SimCall c) {
        SimQueue q = c.queue;
        SimAgent released = c.ringing;
        int wait = seconds(nowMs - c.enterMs);
        int position = leaveQueue(c);
        qlog(c.callid(), q.name(), "NONE", "EXITWITHKEY", "1", position, c.origPosition, wait);
        if (ami()) {
            emit(AmiEvents.callerJoinOrLeave("QueueCallerLeave", c.channel, q.name(), position, q.waiting.size()));
        }
        endUnanswered(c);
        afterLeave(released);
    }

    private void endUnanswered(SimCall c) {
        hangup(c.channel, 16, "Normal Clearing");
        writeCdr(c, false);
        c.state = SimCall.State.DONE;
        callsInProgress--;
    }

    private void hangup(SimChannel ch, int cause, String text) {
        channels.remove(ch.uniqueid);
        if (ami()) {
            emit(AmiEvents.hangup(ch, cause, text));
        }
    }

    private void writeCdr(SimCall c, boolean answered) {
        SimChannel ch = c.channel;
        SimQueue q = c.queue;
        int duration = seconds(nowMs - c.startMs);
        int billsec = answered ? Math.min(duration, seconds(nowMs - c.connectMs)) : 0;
        String cnam = ch.callerName.equals(ch.callerNum) ? "" : ch.callerName;
        String recording = answered
                ? "q" + q.def.number() + "-" + RECORDING_TIME.format(Instant.ofEpochMilli(c.startMs).atZone(zone))
                + "-" + ch.uniqueid + ".wav"
                : "";
        cdrRows++;
        listener.cdr(new CdrRow(Instant.ofEpochMilli(c.startMs), "\"" + cnam + "\" <" + ch.callerNum + ">",
                ch.callerNum, q.def.number(), "ext-queues", ch.name,
                answered ? c.agentChannel.name : "", "Queue", q.name() + ",t,,,," + q.def.maxWaitSeconds(),
                duration, billsec, answered ? CdrRow.ANSWERED : CdrRow.NO_ANSWER, 3, "", ch.uniqueid, "",
                c.did, recording, ch.callerNum, cnam, "", "", answered ? c.agent.name : "", ch.linkedid, "",
                cdrSequence++));
    }

    private String newUniqueid() {
        return (nowMs / 1000) + "." + uniqueCounter++;
    }

    private static String hex(long n) {
        return String.format("%08x", n);
    }

    private static int seconds(long ms) {
        return (int) (ms / 1000);
    }

    // ---------------------------------------------------------------- AMI state

    /** The simulation broadcasts its events while it holds its lock, so holding it keeps them out. */
    @Override
    public synchronized void answerInOrder(Runnable answer) {
        answer.run();
    }

    @Override
    public synchronized List<AmiMessage> queueStatus(String queue, String member) {
        List<AmiMessage> out = new ArrayList<>();
        for (SimQueue q : queues) {
            if (queue != null && !q.name().equals(queue)) {
                continue;
            }
            out.add(AmiEvents.queueParams(q));
            for (SimAgent a : q.members) {
                if (a.loggedIn() && (member == null || member.equals(a.name) || member.equals(a.iface()))) {
                    out.add(AmiEvents.queueMember(q.name(), a));
                }
            }
            for (int i = 0; i < q.waiting.size(); i++) {
                out.add(AmiEvents.queueEntry(q, i + 1, q.waiting.get(i), nowMs));
            }
        }
        return out;
    }

    @Override
    public synchronized List<AmiMessage> queueSummary(String queue) {
        List<AmiMessage> out = new ArrayList<>();
        for (SimQueue q : queues) {
            if (queue == null || q.name().equals(queue)) {
                out.add(AmiEvents.queueSummary(q, nowMs));
            }
        }
        return out;
    }

    @Override
    public synchronized List<AmiMessage> coreShowChannels() {
        List<AmiMessage> out = new ArrayList<>(channels.size());
        for (SimChannel ch : channels.values()) {
            out.add(AmiEvents.coreShowChannel(ch, nowMs));
        }
        return out;
    }

    /** Test hook: names of the queues in order. */
    public synchronized List<String> queueNames() {
        List<String> names = new ArrayList<>();
        for (SimQueue q : queues) {
            names.add(q.name());
        }
        return names;
    }
}
