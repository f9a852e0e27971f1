package io.queuelens.rollups;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random visit sets for property tests: overflows, repeats, anonymous callers, every outcome. */
public final class RandomVisits {

    public static final List<String> QUEUES = List.of("q0", "q1", "q2", "q3");
    private static final Outcome[] OUTCOMES = {Outcome.ANSWERED, Outcome.ANSWERED, Outcome.ANSWERED, Outcome.ANSWERED,
            Outcome.ABANDONED, Outcome.ABANDONED, Outcome.TIMEOUT, Outcome.EXIT_KEY, Outcome.EXIT_EMPTY,
            Outcome.WITHDRAWN, Outcome.LOST, Outcome.OPEN};

    private RandomVisits() {
    }

    /** {@code calls} calls entering within {@code days} days after {@code base}; about one in five overflows once. */
    public static List<QueueVisit> generate(Random r, int calls, Instant base, int days) {
        List<QueueVisit> visits = new ArrayList<>();
        int callers = Math.max(3, calls / 3);
        for (int i = 0; i < calls; i++) {
            String caller = switch (r.nextInt(12)) {
                case 0 -> null;
                case 1 -> "anonymous";
                default -> "+49" + (1000 + r.nextInt(callers));
            };
            Instant entered = base.plusSeconds(r.nextInt(days * 86400)).plusMillis(r.nextInt(2) * r.nextInt(1000));
            String queue = QUEUES.get(r.nextInt(QUEUES.size()));
            boolean overflow = r.nextInt(5) == 0;
            if (overflow) {
                int wait = r.nextInt(120);
                visits.add(visit("c" + i, 1, queue, caller, entered, Outcome.TIMEOUT, wait, 0, 0, false, null, r));
                String next = QUEUES.get((QUEUES.indexOf(queue) + 1 + r.nextInt(3)) % QUEUES.size());
                visits.add(randomOutcome("c" + i, 2, next, caller, entered.plusSeconds(wait), r));
            } else {
                visits.add(randomOutcome("c" + i, 1, queue, caller, entered, r));
            }
        }
        return visits;
    }

    private static QueueVisit randomOutcome(String callId, int seq, String queue, String caller, Instant entered, Random r) {
        Outcome o = OUTCOMES[r.nextInt(OUTCOMES.length)];
        int wait = o == Outcome.OPEN ? 0 : skewed(r, 400);
        int talk = o == Outcome.ANSWERED ? skewed(r, 900) : 0;
        int hold = o == Outcome.ANSWERED && r.nextInt(3) == 0 ? r.nextInt(60) : 0;
        boolean transferred = o == Outcome.ANSWERED && r.nextInt(8) == 0;
        String agent = o == Outcome.ANSWERED ? "A" + r.nextInt(5) : null;
        return visit(callId, seq, queue, caller, entered, o, wait, talk, hold, transferred, agent, r);
    }

    /** Mostly short waits, sometimes long, often equal (ties for maxWait). */
    private static int skewed(Random r, int max) {
        return r.nextInt(4) == 0 ? r.nextInt(max + 1) : r.nextInt(40);
    }

    public static QueueVisit visit(String callId, int seq, String queue, String caller, Instant entered, Outcome o,
                                   int wait, int talk, int hold, boolean transferred, String agent, Random r) {
        Instant connected = o == Outcome.ANSWERED ? entered.plusSeconds(wait) : null;
        Instant ended = o == Outcome.OPEN ? null : entered.plusSeconds(wait + talk);
        return new QueueVisit(TestVisits.TENANT, "demo", callId, seq, queue, caller, null, null, entered, connected,
                ended, o, wait, 0, talk, hold, agent, transferred, null, null, null, null, 0, null);
    }

    /** The same visit as it looked while still waiting. */
    public static QueueVisit asOpen(QueueVisit v) {
        return new QueueVisit(v.tenantId(), v.sourceId(), v.callId(), v.visitSeq(), v.queue(), v.callerNumber(),
                null, null, v.enteredAt(), null, null, Outcome.OPEN, 0, 0, 0, 0, null, false, null, null, null,
                null, 0, null);
    }

    /** The same visit as a provisional close: LOST with a longer wait, later corrected by the real end. */
    public static QueueVisit asLost(QueueVisit v, int extraWait) {
        return new QueueVisit(v.tenantId(), v.sourceId(), v.callId(), v.visitSeq(), v.queue(), v.callerNumber(),
                null, null, v.enteredAt(), null, v.enteredAt().plusSeconds(v.waitSeconds() + extraWait),
                Outcome.LOST, v.waitSeconds() + extraWait, 0, 0, 0, null, false, null,
                null, null, null, 0, null);
    }
}
