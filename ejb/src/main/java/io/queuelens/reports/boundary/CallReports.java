package io.queuelens.reports.boundary;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.reports.control.AbandonedCalls;
import io.queuelens.reports.control.AgentAnswers;
import io.queuelens.reports.control.HourlyProfile;
import io.queuelens.reports.control.VisitScope;
import io.queuelens.reports.control.WaitDistribution;
import io.queuelens.reports.entity.AbandonedCall;
import io.queuelens.reports.entity.AgentAnswered;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.HourOfDay;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.WaitBand;
import io.queuelens.reports.entity.WaitBuckets;
import io.queuelens.rollups.entity.PeriodUnit;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Reports that need the individual visits rather than the rollups: wait-time distributions, answers
 * per agent, the abandoned calls to call back, and the hourly profile (from the rollups, through
 * {@link SummaryReports}). The range, zone and queues come as a validated {@link SummaryRequest},
 * so these reports select exactly what the summary of the same request counts.
 */
@Stateless
public class CallReports {

    /** The abandoned-call list's largest page. */
    public static final int MAX_PAGE_SIZE = 500;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    SummaryReports summaries;

    @Inject
    io.queuelens.names.boundary.DisplayNames names;

    /** Wait bands of answered visits (speed of answer). */
    public List<WaitBand> answerWaits(SummaryRequest request, List<String> agents, WaitBuckets buckets) {
        return read(request, c -> WaitDistribution.count(c, VisitScope.of(request, agents), Set.of(Outcome.ANSWERED), buckets));
    }

    /** Wait bands of abandoned visits, short abandons included (how long callers held on). */
    public List<WaitBand> abandonWaits(SummaryRequest request, WaitBuckets buckets) {
        return read(request, c -> WaitDistribution.count(c, VisitScope.of(request, List.of()), Set.of(Outcome.ABANDONED), buckets));
    }

    /** Per agent, sorted by name; {@code agents} empty = every agent who answered. */
    public List<AgentAnswered> byAgent(SummaryRequest request, List<String> agents) {
        // The same settings as the summary: KPI.md's defaults until settings are stored (SummaryReports).
        if (names == null) {
            return read(request, c -> AgentAnswers.byAgent(c, VisitScope.of(request, agents), KpiSettings.DEFAULTS));
        }
        io.queuelens.names.entity.NameBook book = names.book(request.tenant());
        List<String> all = agents.isEmpty() ? agents : AgentReports.sameAgents(agents, agentNames(request), book::agentIdentity);
        List<AgentAnswered> rows = read(request, c -> AgentAnswers.byAgent(c, VisitScope.of(request, all), KpiSettings.DEFAULTS));
        return mergeAgents(rows, book::agentIdentity);
    }

    /**
     * One row per agent: the system names of one person (names.NameBook#agentIdentity) add up, under the
     * first name in order; the figures are computed again from the summed totals.
     */
    static List<AgentAnswered> mergeAgents(List<AgentAnswered> rows, java.util.function.UnaryOperator<String> identity) {
        java.util.Map<String, AgentAnswered> byIdentity = new java.util.LinkedHashMap<>();
        for (AgentAnswered r : rows) {
            byIdentity.merge(identity.apply(r.agent()), r, (a, b) -> {
                io.queuelens.kpi.entity.QueueTotals t = a.totals().plus(b.totals());
                return new AgentAnswered(a.agent(), t, io.queuelens.kpi.control.KpiCalculator.queueFigures(t, KpiSettings.DEFAULTS));
            });
        }
        return List.copyOf(byIdentity.values());
    }

    /** Every agent who answered in the request's range and queues, sorted. */
    public List<String> agentNames(SummaryRequest request) {
        return read(request, c -> AgentAnswers.names(c, VisitScope.of(request, List.of())));
    }

    public long abandonedCount(SummaryRequest request) {
        return read(request, c -> AbandonedCalls.count(c, VisitScope.of(request, List.of())));
    }

    /** Newest first; {@code offset} from 0, {@code limit} 1..{@link #MAX_PAGE_SIZE}. */
    public List<AbandonedCall> abandoned(SummaryRequest request, long offset, int limit) {
        int size = Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
        return read(request, c -> AbandonedCalls.page(c, VisitScope.of(request, List.of()), Math.max(0, offset), size));
    }

    /** Average offered and answered per local hour of day over the request's range and queues. */
    public List<HourOfDay> hourlyProfile(SummaryRequest request) {
        return HourlyProfile.of(summaries.summary(new SummaryRequest(request.tenant(), request.from(), request.to(),
                request.zone(), request.queues(), GroupBy.INTERVAL, PeriodUnit.PT1H)));
    }

    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(SummaryRequest request, Query<T> query) {
        try (Connection c = dataSource.getConnection()) {
            return query.run(c);
        } catch (SQLException e) {
            throw new EJBException("call report for tenant " + request.tenant() + " (" + request.from() + " .. "
                    + request.to() + ") could not read the visits: " + e.getMessage(), e);
        }
    }
}
