package io.queuelens.exports.control;

import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.cdrs.entity.CdrListing;
import io.queuelens.exports.entity.Column;
import io.queuelens.kpi.entity.AgentFigures;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.reports.entity.AbandonedCall;
import io.queuelens.reports.entity.AgentAnswered;
import io.queuelens.reports.entity.AgentReportRow;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.reports.entity.WaitBand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns of every exported table and how a report's row fills them. Keys are the JSON API's
 * names (QueueFigures/AgentFigures.asMap, CallsJson), so a data team joins exports and API alike.
 */
public final class ReportColumns {

    private ReportColumns() {
    }

    /** Payouts: one agent-day (its newest revision). */
    public static final List<Column> PAYOUTS = List.of(Column.text("day", "Day"), Column.text("agent", "Agent"),
            Column.integer("revision", "Revision"), Column.decimal("total", "Total"), Column.text("currency", "Currency"),
            Column.bool("locked", "Locked"));

    public static final List<Column> PAYOUT_TOTAL = List.of(Column.integer("agents", "Agents"),
            Column.integer("agentDays", "Agent-days"), Column.decimal("total", "Total"));

    public static Object[] payout(io.queuelens.payouts.entity.AgentPeriodTotal t) {
        return new Object[]{t.day().toString(), t.agent(), t.revision(), t.total(), t.currency(), t.locked()};
    }

    /** Every KPI.md queue figure, in KPI.md's order. */
    public static final List<Column> QUEUE_FIGURES = List.of(
            Column.integer("offered", "Offered"), Column.integer("answered", "Answered"),
            Column.integer("abandoned", "Abandoned"), Column.integer("shortAbandoned", "Short abandons"),
            Column.integer("unanswered", "Unanswered"), Column.integer("answeredInSla", "Answered in SLA"),
            Column.percent("serviceLevel", "Service level"), Column.percent("answerRate", "Answer rate"),
            Column.percent("abandonRate", "Abandon rate"), Column.duration("asa", "ASA"),
            Column.duration("avgAbandonWait", "Avg abandon wait"), Column.duration("maxWait", "Max wait"),
            Column.duration("avgTalk", "Avg talk"), Column.duration("aht", "AHT"),
            Column.integer("transferred", "Transferred"), Column.percent("repeatRate", "Repeat rate"),
            Column.integer("uniqueCalls", "Unique calls"));

    /** A summary's columns: queue or period start, then every figure. */
    public static List<Column> summary(boolean perInterval) {
        List<Column> c = new ArrayList<>();
        c.add(perInterval ? Column.timestamp("start", "Period start") : Column.text("queue", "Queue"));
        c.addAll(QUEUE_FIGURES);
        return c;
    }

    public static Object[] summaryRow(SummaryRow r, boolean perInterval) {
        Map<String, Object> f = r.figures().asMap();
        Object[] row = new Object[QUEUE_FIGURES.size() + 1];
        row[0] = perInterval ? (r.start() == null ? null : r.start().toInstant()) : r.queue();
        for (int i = 0; i < QUEUE_FIGURES.size(); i++) {
            row[i + 1] = f.get(QUEUE_FIGURES.get(i).key());
        }
        return row;
    }

    /** The total line: the figures alone (what it covers is in the title). */
    public static Object[] figures(QueueFigures figures) {
        Map<String, Object> f = figures.asMap();
        return QUEUE_FIGURES.stream().map(c -> f.get(c.key())).toArray();
    }

    public static final List<Column> AGENT_FIGURES = List.of(
            Column.duration("loggedIn", "Logged in"), Column.duration("paused", "Paused"),
            Column.duration("billablePaused", "Billable pause"), Column.duration("nonBillablePaused", "Other pause"),
            Column.duration("ready", "Ready"), Column.integer("answered", "Answered"), Column.duration("talk", "Talk"),
            Column.duration("hold", "Hold"), Column.duration("acw", "After-call work"),
            Column.integer("ringNoAnswer", "Ring no answer"), Column.percent("occupancy", "Occupancy"),
            Column.percent("utilization", "Utilization"));

    public static List<Column> agents(boolean perInterval) {
        List<Column> c = new ArrayList<>();
        c.add(perInterval ? Column.timestamp("start", "Period start") : Column.text("agent", "Agent"));
        c.addAll(AGENT_FIGURES);
        return c;
    }

    public static Object[] agentRow(AgentReportRow r, boolean perInterval) {
        Object[] row = new Object[AGENT_FIGURES.size() + 1];
        row[0] = perInterval ? (r.start() == null ? null : r.start().toInstant()) : r.agent();
        System.arraycopy(agentFigures(r.figures()), 0, row, 1, AGENT_FIGURES.size());
        return row;
    }

    public static Object[] agentFigures(AgentFigures figures) {
        Map<String, Object> f = figures.asMap();
        return AGENT_FIGURES.stream().map(c -> f.get(c.key())).toArray();
    }

    /** The answered report's per-agent table: figures of the visits each agent answered. */
    public static final List<Column> AGENT_ANSWERS = List.of(Column.text("agent", "Agent"),
            Column.integer("answered", "Answered"), Column.integer("answeredInSla", "Answered in SLA"),
            Column.duration("asa", "ASA"), Column.duration("avgTalk", "Avg talk"), Column.duration("aht", "AHT"),
            Column.integer("transferred", "Transferred"));

    public static Object[] agentAnswers(AgentAnswered a) {
        Map<String, Object> f = a.figures().asMap();
        Object[] row = new Object[AGENT_ANSWERS.size()];
        row[0] = a.agent();
        for (int i = 1; i < row.length; i++) {
            row[i] = f.get(AGENT_ANSWERS.get(i).key());
        }
        return row;
    }

    public static final List<Column> WAIT_BANDS = List.of(Column.text("band", "Wait"),
            Column.integer("fromSeconds", "From (s)"), Column.integer("toSeconds", "To (s)"),
            Column.integer("count", "Calls"));

    public static Object[] waitBand(WaitBand b) {
        return new Object[]{b.label(), (long) b.fromSeconds(), b.toSeconds() == null ? null : (long) b.toSeconds(), b.count()};
    }

    public static final List<Column> ABANDONED = List.of(Column.timestamp("enteredAt", "Entered"),
            Column.text("queue", "Queue"), Column.text("callerNumber", "Caller"), Column.duration("wait", "Waited"),
            Column.timestamp("reachedLaterAt", "Answered later at"), Column.text("sourceId", "Source"),
            Column.text("callId", "Call id"), Column.integer("visitSeq", "Visit"));

    public static Object[] abandoned(AbandonedCall a) {
        return new Object[]{a.enteredAt(), a.queue(), a.callerNumber(), a.waitSeconds(), a.reachedLaterAt(),
                a.sourceId(), a.callId(), (long) a.visitSeq()};
    }

    /** The call list: every field of a visit, as {@code GET /api/v1/calls} names them. */
    public static final List<Column> CALLS = List.of(Column.text("sourceId", "Source"), Column.text("callId", "Call id"),
            Column.integer("visitSeq", "Visit"), Column.text("queue", "Queue"), Column.text("callerNumber", "Caller"),
            Column.text("callerName", "Caller name"), Column.text("did", "DID"), Column.timestamp("enteredAt", "Entered"),
            Column.timestamp("connectedAt", "Connected"), Column.timestamp("endedAt", "Ended"),
            Column.text("outcome", "Outcome"), Column.duration("wait", "Wait"), Column.duration("ring", "Ring"),
            Column.duration("talk", "Talk"), Column.duration("hold", "Hold"), Column.text("agent", "Agent"),
            Column.bool("transferred", "Transferred"), Column.text("transferTarget", "Transfer target"),
            Column.text("completedBy", "Completed by"), Column.text("exitKey", "Exit key"),
            Column.integer("originalPosition", "Position"), Column.integer("ringNoAnswers", "Ring no answers"),
            Column.text("nextQueue", "Next queue"));

    /** Fills {@code row} (of CALLS.size()) from a visit; the array is reused row after row. */
    public static Object[] call(QueueVisit v, Object[] row) {
        row[0] = v.sourceId();
        row[1] = v.callId();
        row[2] = v.visitSeq();
        row[3] = v.queue();
        row[4] = v.callerNumber();
        row[5] = v.callerName();
        row[6] = v.did();
        row[7] = v.enteredAt();
        row[8] = v.connectedAt();
        row[9] = v.endedAt();
        row[10] = v.outcome().name();
        row[11] = v.waitSeconds();
        row[12] = v.ringSeconds();
        row[13] = v.talkSeconds();
        row[14] = v.holdSeconds();
        row[15] = v.agent();
        row[16] = v.transferred();
        row[17] = v.transferTarget();
        row[18] = v.completedBy();
        row[19] = v.exitKey();
        row[20] = v.originalPosition();
        row[21] = v.ringNoAnswers();
        row[22] = v.nextQueue();
        return row;
    }

    public static final List<Column> CDRS = List.of(Column.integer("id", "Id"), Column.timestamp("calldate", "Call date"),
            Column.text("clid", "Caller id"), Column.text("src", "Source"), Column.text("dst", "Destination"),
            Column.text("did", "DID"), Column.text("callerName", "Caller name"), Column.text("disposition", "Disposition"),
            Column.duration("duration", "Duration"), Column.duration("billsec", "Billed"), Column.text("queue", "Queue"),
            Column.text("agent", "Agent"), Column.bool("hasRecording", "Recording"), Column.text("uniqueid", "Unique id"),
            Column.text("channel", "Channel"), Column.text("dstchannel", "Destination channel"),
            Column.text("dcontext", "Context"), Column.text("lastapp", "Last app"));

    public static Object[] cdr(CdrListing c) {
        return new Object[]{c.id(), c.calldate(), c.clid(), c.src(), c.dst(), c.did(), c.callerName(), c.disposition(),
                c.duration(), c.billsec(), c.queue(), c.agent(), c.hasRecording(), c.uniqueid(), c.channel(),
                c.dstchannel(), c.dcontext(), c.lastapp()};
    }
}
