package io.queuelens.payouts.boundary;

import io.queuelens.payouts.control.PayoutStore;
import io.queuelens.payouts.control.RateCardTable;
import io.queuelens.payouts.control.Rater;
import io.queuelens.payouts.control.RatingContext;
import io.queuelens.payouts.entity.AgentDayFigures;
import io.queuelens.payouts.entity.AgentDayPayout;
import io.queuelens.payouts.entity.PayoutItem;
import io.queuelens.payouts.entity.PayoutLine;
import io.queuelens.payouts.entity.PayoutRevision;
import io.queuelens.payouts.entity.RateCard;
import io.queuelens.reports.boundary.AgentReports;
import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.AgentReportRow;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the payout job does, step by step, for its reader, processor and writer: the agent-days a
 * launch computes, their figures, their price, and the write that makes an agent-day done. The
 * figures are the agent report's ({@link AgentReports}, agent rollups through KpiCalculator) for the
 * tenant's local day, so a payout never disagrees with the Agents report of the same day.
 */
@Stateless
public class PayoutDays {

    /** A day of a launch with the agents still to compute (in order) and how many there are in all. */
    public record DayPlan(String tenantId, LocalDate day, int revision, List<String> agentsToDo, int agentsInAll)
            implements java.io.Serializable {
    }

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    AgentReports agentReports;

    @Inject
    Tenants tenants;

    @Inject
    io.queuelens.names.boundary.DisplayNames names;

    public ZoneId zone(String tenant) {
        return tenant(tenant).getTimeZone();
    }

    private Tenant tenant(String id) {
        return tenants.find(id).orElseThrow(() -> new EJBException("unknown tenant " + id));
    }

    /** The days of a launch, each with its agents with activity that are not written yet. */
    public List<DayPlan> plan(long launchId) {
        List<DayPlan> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (PayoutRevision r : PayoutStore.revisionsOfLaunch(c, launchId)) {
                String tenant = tenantOfLaunch(c, launchId);
                ZoneId zone = zone(tenant);
                // The agents of the Agents report, which counts the system names of one person (Agent/1001,
                // PJSIP/1001) as one agent (names component): one agent-day each, priced from that row.
                List<String> agents = reportAgents(tenant, r.day());
                Set<String> done = PayoutStore.doneAgents(c, tenant, r.day(), r.revision());
                out.add(new DayPlan(tenant, r.day(), r.revision(), agents.stream().filter(a -> !done.contains(a)).toList(),
                        agents.size()));
            }
        } catch (SQLException e) {
            throw new EJBException("payout plan of launch " + launchId + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The agents of a tenant day, as the Agents report names them, in order. */
    private List<String> reportAgents(String tenant, LocalDate day) {
        // The report's rows only: the visit sums that price them are read by the job's reader, per day.
        return agentReport(tenant, day).rows().stream().map(AgentReportRow::agent).distinct().sorted().toList();
    }

    private AgentReport agentReport(String tenant, LocalDate day) {
        ZoneId zone = zone(tenant);
        return agentReports.agents(new AgentReportRequest(tenant, start(day, zone), start(day.plusDays(1), zone), zone,
                List.of(), List.of(), AgentGroupBy.AGENT, null));
    }

    private static String tenantOfLaunch(Connection c, long launchId) throws SQLException {
        return io.queuelens.jobs.control.JobTable.byId(c, launchId).orElseThrow().tenantId();
    }

    public static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The figures of every agent of a tenant day: the agent report per agent, plus the visit sums. */
    public Map<String, AgentDayFigures> figures(String tenant, LocalDate day) {
        ZoneId zone = zone(tenant);
        Instant from = start(day, zone);
        Instant to = start(day.plusDays(1), zone);
        AgentReport report = agentReport(tenant, day);
        Map<String, PayoutStore.VisitSums> visits;
        try (Connection c = dataSource.getConnection()) {
            visits = PayoutStore.visitSums(c, tenant, from, to, report.settings().slaSeconds());
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        visits = byReportAgent(visits, report, tenant);
        Map<String, AgentDayFigures> out = new LinkedHashMap<>();
        for (AgentReportRow row : report.rows()) {
            PayoutStore.VisitSums v = visits.getOrDefault(row.agent(), new PayoutStore.VisitSums(0, 0, 0));
            out.put(row.agent(), new AgentDayFigures(row.figures(), v.startedTalkMinutes(), v.serviceLevel(report.settings())));
        }
        return out;
    }

    /** The visit sums of every system name added up under the report row of the same agent. */
    private Map<String, PayoutStore.VisitSums> byReportAgent(Map<String, PayoutStore.VisitSums> visits, AgentReport report,
                                                              String tenant) {
        io.queuelens.names.entity.NameBook book = names == null ? null : names.book(tenant);
        if (book == null) {
            return visits;
        }
        Map<String, String> rowOfIdentity = new java.util.HashMap<>();
        report.rows().forEach(r -> rowOfIdentity.putIfAbsent(book.agentIdentity(r.agent()), r.agent()));
        Map<String, PayoutStore.VisitSums> out = new java.util.HashMap<>();
        visits.forEach((agent, v) -> out.merge(rowOfIdentity.getOrDefault(book.agentIdentity(agent), agent), v,
                (a, b) -> new PayoutStore.VisitSums(a.answered() + b.answered(), a.answeredInSla() + b.answeredInSla(),
                        a.startedTalkMinutes() + b.startedTalkMinutes())));
        return out;
    }

    public RatingContext ratingContext(String tenant) {
        try (Connection c = dataSource.getConnection()) {
            return new RatingContext(tenant(tenant).getCurrency().getCurrencyCode(), RateCardTable.cards(c, tenant),
                    RateCardTable.groups(c, tenant));
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /** How the tenant's system names map to persons (Agent/1001 and PJSIP/1001 are one), for {@link #price}. */
    public java.util.function.UnaryOperator<String> agentIdentity(String tenant) {
        io.queuelens.names.entity.NameBook book = names == null ? null : names.book(tenant);
        return book == null ? java.util.function.UnaryOperator.identity() : book::agentIdentity;
    }

    /** Prices an item: its card's lines and total; an agent without a card gets a zero day with no lines. */
    public static AgentDayPayout price(PayoutItem item, RatingContext context) {
        return price(item, context, java.util.function.UnaryOperator.identity());
    }

    /** Prices an item, finding its card by the agent's identity (a card of any of the agent's system names). */
    public static AgentDayPayout price(PayoutItem item, RatingContext context, java.util.function.UnaryOperator<String> identity) {
        if (item.figures() == null) {
            throw new IllegalArgumentException("no figures for " + item);
        }
        Optional<RateCard> card = context.cardFor(item.agent(), item.day(), identity);
        List<PayoutLine> lines = card.map(c -> Rater.lines(c, item.figures())).orElse(List.of());
        BigDecimal total = Rater.total(lines);
        return new AgentDayPayout(item.tenantId(), item.day(), item.revision(), item.agent(), card.map(RateCard::id).orElse(null),
                context.currency(), lines, total);
    }

    /**
     * Writes agent-days and their lines in the caller's (chunk) transaction, and counts them on the launch
     * (progress); those already written are left alone.
     */
    public int write(long launchId, List<AgentDayPayout> payouts) {
        try (Connection c = dataSource.getConnection()) {
            int written = PayoutStore.write(c, payouts);
            io.queuelens.jobs.control.JobTable.addItemsDone(c, launchId, written);
            return written;
        } catch (SQLException e) {
            throw new EJBException("payout lines not written: " + e.getMessage(), e);
        }
    }
}
