package io.queuelens.rollups.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.rollups.entity.BucketKey;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts a rollup recomputation reads, by the questions the refreshers ask. Two sources answer them:
 * {@link SqlFactReads}, the tenant's stored facts (always right), and {@link HeldFacts}, the facts a bulk import
 * wrote and still holds, while it is the tenant's only writer: its settlement then reads nothing back (issue 3's
 * import bar). Both give the same facts for the same question; the calculators that use them are the same.
 * <p>
 * Times are the stored facts' columns; {@code from} bounds are inclusive, {@code to} bounds exclusive unless said.
 */
public interface FactReads {

    /**
     * The reads for a settlement transaction that holds its rollup lock: the source itself, or the stored facts when
     * it cannot vouch for what this transaction would read (see {@link HeldFacts}).
     */
    FactReads inTransaction(Connection c) throws SQLException;

    /** The tenant's queues with visits (one per collation-equal name), for the reads that name them. */
    List<String> queues(Connection c) throws SQLException;

    /** Adds the (queue, bucket) of every visit of these queues that entered in [from, to). */
    void visitBuckets(Connection c, List<String> queues, Instant from, Instant to, Set<BucketKey> into) throws SQLException;

    /** Visits of these queues that entered in [from, to), by entry time, call id and sequence. */
    List<QueueVisit> visitsEnteredBetween(Connection c, List<String> queues, Instant from, Instant to) throws SQLException;

    /** Visits of these caller numbers that entered in [from, to). */
    List<QueueVisit> visitsOfCallers(Connection c, List<String> callers, Instant from, Instant to) throws SQLException;

    /** Pauses of these agents starting in [from, to). */
    List<AgentPause> pausesStartingBetween(Connection c, Collection<String> agents, Instant from, Instant to)
            throws SQLException;

    /**
     * Pauses of these agents that end after {@code endsAfter} (or run on) and start before {@code startTo}, and not
     * before {@code startFrom} unless it is null.
     */
    List<AgentPause> pausesOverlapping(Connection c, List<String> agents, Instant endsAfter, Instant startFrom,
                                       Instant startTo) throws SQLException;

    /** Sessions of these agents that end after {@code from} (or run on) and began before {@code to}. */
    List<AgentSession> sessionsOverlapping(Connection c, List<String> agents, Instant from, Instant to)
            throws SQLException;

    /**
     * Answered calls of these agents (connected before {@code connectedBefore}) that ended in
     * [{@code endFrom}, {@code endBefore}) or have not ended.
     */
    List<QueueVisit> callsEnding(Connection c, List<String> agents, Instant endFrom, Instant endBefore,
                                 Instant connectedBefore) throws SQLException;

    /** The ring-no-answer times of these agents in [from, to), by agent. */
    Map<String, List<Instant>> ringsBetween(Connection c, List<String> agents, Instant from, Instant to)
            throws SQLException;
}
