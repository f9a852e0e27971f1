package io.queuelens.reports.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static io.queuelens.rollups.TestVisits.answered;
import static io.queuelens.rollups.TestVisits.pause;
import static io.queuelens.rollups.TestVisits.unanswered;

/**
 * A small day of visits whose distributions, agent figures and abandoned list are computed by hand
 * in the tests (2026-11-20 UTC, tenant acme, queues sales and support), plus visits that must not
 * count: just outside the range and of another tenant.
 */
final class CallReportFixtures {

    private CallReportFixtures() {
    }

    static final List<QueueVisit> VISITS = List.of(
            // answered, sales: Agent/1 waits 0, 9, 10 and talks 100, 200, 300 (hold 10 on the second)
            answered("a1", 1, "sales", "+100", "2026-11-20T08:00:00Z", 0, 100, 0, "Agent/1", false),
            answered("a2", 1, "sales", "+111", "2026-11-20T05:00:00Z", 9, 200, 10, "Agent/1", false),
            answered("a3", 1, "sales", "+222", "2026-11-20T01:30:00Z", 10, 300, 0, "Agent/1", false),
            // answered, sales: Agent/2 waits 25, 60, 301, talks 50 each
            answered("a4", 1, "sales", "+400", "2026-11-20T09:00:00Z", 25, 50, 0, "Agent/2", false),
            answered("a5", 1, "sales", "+500", "2026-11-20T10:00:00Z", 60, 50, 0, "Agent/2", true),
            answered("a6", 1, "sales", "+600", "2026-11-20T11:00:00Z", 301, 50, 0, "Agent/2", false),
            // answered, support: Agent/1 wait 15, talk 60
            answered("a7", 1, "support", "+700", "2026-11-20T12:00:00Z", 15, 60, 0, "Agent/1", false),
            // abandoned: +111 is answered later (a2, 05:00), +222 was answered before (a3, 01:30) only
            unanswered("b1", 1, "sales", "+111", "2026-11-20T01:00:00Z", Outcome.ABANDONED, 2),
            unanswered("b2", 1, "sales", "+222", "2026-11-20T02:00:00Z", Outcome.ABANDONED, 40),
            unanswered("b3", 1, "support", null, "2026-11-20T03:00:00Z", Outcome.ABANDONED, 119),
            // other outcomes
            unanswered("c1", 1, "sales", "+800", "2026-11-20T13:00:00Z", Outcome.TIMEOUT, 300),
            // outside [2026-11-20, 2026-11-21): to is exclusive
            answered("x1", 1, "sales", "+900", "2026-11-21T00:00:00Z", 5, 10, 0, "Agent/1", false),
            answered("x2", 1, "sales", "+901", "2026-11-19T23:59:59Z", 5, 10, 0, "Agent/1", false),
            unanswered("x3", 1, "sales", "+902", "2026-11-19T23:00:00Z", Outcome.ABANDONED, 5));

    /** A 30 s ACW pause of Agent/1 right after a1 ends (08:01:40). */
    static final AgentPause ACW = pause("Agent/1", "ACW", "2026-11-20T08:01:40Z", "2026-11-20T08:02:10Z");

    static void write(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            FactBatch batch = new FactBatch();
            VISITS.forEach(batch::visit);
            batch.pause(ACW);
            new FactStore("acme", "demo").write(c, batch, List.of(), "file:");
            // another tenant: +222 answered later there, a wait of 5 s answered in range
            FactBatch other = new FactBatch();
            other.visit(with("other", answered("o1", 1, "sales", "+222", "2026-11-20T06:00:00Z", 5, 10, 0, "Agent/1", false)));
            other.visit(with("other", unanswered("o2", 1, "sales", "+333", "2026-11-20T06:00:00Z", Outcome.ABANDONED, 3)));
            new FactStore("other", "demo").write(c, other, List.of(), "file:");
        }
    }

    private static QueueVisit with(String tenant, QueueVisit v) {
        return new QueueVisit(tenant, v.sourceId(), v.callId(), v.visitSeq(), v.queue(), v.callerNumber(), v.callerName(),
                v.did(), v.enteredAt(), v.connectedAt(), v.endedAt(), v.outcome(), v.waitSeconds(), v.ringSeconds(),
                v.talkSeconds(), v.holdSeconds(), v.agent(), v.transferred(), v.transferTarget(), v.completedBy(),
                v.exitKey(), v.originalPosition(), v.ringNoAnswers(), v.nextQueue());
    }
}
