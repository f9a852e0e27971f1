package io.queuelens.kpi.entity;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;

/**
 * Additive queue totals: the only input of the queue figures. One visit, a 15-minute bucket and a
 * whole month are all a {@code QueueTotals}; {@link #plus} is associative and commutative with
 * {@link #ZERO} as identity, so any report period is an exact sum of buckets.
 *
 * <p>Which counter a visit lands in is decided here, once, with the settings in force for the
 * visit's bucket ({@code slaSeconds}, {@code shortAbandonSeconds}, {@code shortCallSeconds}).
 *
 * <p><b>maxWait cannot be subtracted.</b> Next to the maximum we keep {@code maxWaitHolders}, how many
 * visits waited exactly that long. Removing one holder decrements it; when the last holder goes while
 * ended visits remain, {@code maxWait} is only an upper bound ({@link #maxWaitExact()} is false) and
 * the owner of the facts recomputes it ({@code QueueRollups} does so immediately). The merge rule
 * (larger max wins, equal maxima add their holders) keeps {@code plus} associative and commutative.
 *
 * @param offered        every visit (ENTERQUEUE), including OPEN ones
 * @param open           visits not ended yet (they count as offered only)
 * @param answered       outcome ANSWERED
 * @param abandoned      outcome ABANDONED with wait &gt;= shortAbandonSeconds
 * @param shortAbandoned outcome ABANDONED with wait &lt; shortAbandonSeconds
 * @param timeout        outcome TIMEOUT
 * @param exitKey        outcome EXIT_KEY
 * @param exitEmpty      outcome EXIT_EMPTY
 * @param withdrawn      outcome WITHDRAWN
 * @param lost           outcome LOST
 * @param answeredInSla  answered with wait &lt;= slaSeconds
 * @param transferred    answered and transferred
 * @param repeat         answered and flagged repeat (the caller called again within repeatWindowHours)
 * @param firstVisits    visits with visitSeq 1: each call counted once, in the queue it entered first
 * @param shortCalls     answered with talk &lt; shortCallSeconds (0 when that setting is off)
 * @param waitAnswered   seconds waited by answered visits
 * @param waitAbandoned  seconds waited by (non-short) abandoned visits
 * @param talk           talk seconds of answered visits
 * @param hold           hold seconds of answered visits
 * @param acw            after-call-work seconds of answered visits
 * @param maxWait        longest wait of an ended visit (an upper bound when not {@link #maxWaitExact()})
 * @param maxWaitHolders ended visits known to have waited exactly {@code maxWait}
 */
public record QueueTotals(long offered, long open, long answered, long abandoned, long shortAbandoned,
                          long timeout, long exitKey, long exitEmpty, long withdrawn, long lost,
                          long answeredInSla, long transferred, long repeat, long firstVisits, long shortCalls,
                          long waitAnswered, long waitAbandoned, long talk, long hold, long acw,
                          long maxWait, long maxWaitHolders) {

    public static final QueueTotals ZERO = new QueueTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public QueueTotals {
        if (offered < 0 || open < 0 || answered < 0 || abandoned < 0 || shortAbandoned < 0 || timeout < 0
                || exitKey < 0 || exitEmpty < 0 || withdrawn < 0 || lost < 0 || answeredInSla < 0
                || transferred < 0 || repeat < 0 || firstVisits < 0 || shortCalls < 0 || waitAnswered < 0
                || waitAbandoned < 0 || talk < 0 || hold < 0 || acw < 0 || maxWait < 0 || maxWaitHolders < 0) {
            throw new IllegalStateException("queue totals went negative (a visit was subtracted that was never added)");
        }
    }

    /**
     * One visit's contribution.
     *
     * @param acwSeconds after-call work matched to this visit (see {@code AfterCallWorkMatcher}); ignored unless answered
     * @param repeat     whether the caller called again within the window; ignored unless answered
     */
    public static QueueTotals ofVisit(QueueVisit v, int acwSeconds, boolean repeat, KpiSettings s) {
        if (acwSeconds < 0) {
            throw new IllegalArgumentException("acwSeconds is never negative: " + v.callId());
        }
        Outcome o = v.outcome();
        long wait = v.waitSeconds();
        boolean answered = o == Outcome.ANSWERED;
        boolean abandoned = o == Outcome.ABANDONED;
        boolean shortAbandon = abandoned && wait < s.shortAbandonSeconds();
        boolean ended = o != Outcome.OPEN;
        return new QueueTotals(
                1, ended ? 0 : 1, answered ? 1 : 0, abandoned && !shortAbandon ? 1 : 0, shortAbandon ? 1 : 0,
                o == Outcome.TIMEOUT ? 1 : 0, o == Outcome.EXIT_KEY ? 1 : 0, o == Outcome.EXIT_EMPTY ? 1 : 0,
                o == Outcome.WITHDRAWN ? 1 : 0, o == Outcome.LOST ? 1 : 0,
                answered && wait <= s.slaSeconds() ? 1 : 0,
                answered && v.transferred() ? 1 : 0,
                answered && repeat ? 1 : 0,
                v.visitSeq() == 1 ? 1 : 0,
                answered && s.shortCallSeconds() > 0 && v.talkSeconds() < s.shortCallSeconds() ? 1 : 0,
                answered ? wait : 0, abandoned && !shortAbandon ? wait : 0,
                answered ? v.talkSeconds() : 0, answered ? v.holdSeconds() : 0, answered ? acwSeconds : 0,
                ended ? wait : 0, ended ? 1 : 0);
    }

    /** Visits not answered: abandons (short ones included) and every other exit. OPEN visits are neither. */
    public long unanswered() {
        return abandoned + shortAbandoned + timeout + exitKey + exitEmpty + withdrawn + lost;
    }

    /** Visits that have ended (they are the ones with a final wait). */
    public long ended() {
        return offered - open;
    }

    /** False when the visit holding the maximum was removed and maxWait is only an upper bound. */
    public boolean maxWaitExact() {
        return maxWaitHolders > 0 || ended() == 0;
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    public QueueTotals plus(QueueTotals o) {
        long max = Math.max(maxWait, o.maxWait);
        long holders = (maxWait == max ? maxWaitHolders : 0) + (o.maxWait == max ? o.maxWaitHolders : 0);
        return new QueueTotals(offered + o.offered, open + o.open, answered + o.answered, abandoned + o.abandoned,
                shortAbandoned + o.shortAbandoned, timeout + o.timeout, exitKey + o.exitKey, exitEmpty + o.exitEmpty,
                withdrawn + o.withdrawn, lost + o.lost, answeredInSla + o.answeredInSla, transferred + o.transferred,
                repeat + o.repeat, firstVisits + o.firstVisits, shortCalls + o.shortCalls,
                waitAnswered + o.waitAnswered, waitAbandoned + o.waitAbandoned, talk + o.talk, hold + o.hold,
                acw + o.acw, max, holders);
    }

    /**
     * Removes a contribution previously added (a visit's old version). Counters and sums subtract
     * exactly; see the class comment for the maximum.
     */
    public QueueTotals minus(QueueTotals o) {
        if (o.maxWait > maxWait) {
            throw new IllegalStateException("subtracting a wait of " + o.maxWait + " s from totals whose max is "
                    + maxWait + " s: it was never added");
        }
        long holders = o.maxWait == maxWait ? Math.max(0, maxWaitHolders - o.maxWaitHolders) : maxWaitHolders;
        long ended = (offered - o.offered) - (open - o.open);
        long max = ended == 0 ? 0 : maxWait;
        if (ended == 0) {
            holders = 0;
        }
        return new QueueTotals(offered - o.offered, open - o.open, answered - o.answered, abandoned - o.abandoned,
                shortAbandoned - o.shortAbandoned, timeout - o.timeout, exitKey - o.exitKey, exitEmpty - o.exitEmpty,
                withdrawn - o.withdrawn, lost - o.lost, answeredInSla - o.answeredInSla, transferred - o.transferred,
                repeat - o.repeat, firstVisits - o.firstVisits, shortCalls - o.shortCalls,
                waitAnswered - o.waitAnswered, waitAbandoned - o.waitAbandoned, talk - o.talk, hold - o.hold,
                acw - o.acw, max, holders);
    }

    /** The same totals with an exact maximum, recomputed by the owner of the facts. */
    public QueueTotals withMaxWait(long exactMaxWait, long holders) {
        return new QueueTotals(offered, open, answered, abandoned, shortAbandoned, timeout, exitKey, exitEmpty,
                withdrawn, lost, answeredInSla, transferred, repeat, firstVisits, shortCalls, waitAnswered,
                waitAbandoned, talk, hold, acw, exactMaxWait, holders);
    }
}
