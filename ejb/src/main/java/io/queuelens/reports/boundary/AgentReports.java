package io.queuelens.reports.boundary;

import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.reports.control.AgentReportAccumulator;
import io.queuelens.reports.control.AgentRollupReader;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRequest;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.validation.constraints.NotNull;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent report (agent figures per agent or per period) from the 15-minute agent rollups. A
 * {@link AgentReportRequest} is validated when built, so every request reaching here is answerable.
 */
@Stateless
public class AgentReports {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @jakarta.inject.Inject
    io.queuelens.names.boundary.DisplayNames names;

    public AgentReport agents(@NotNull(message = "an agent report request is required") AgentReportRequest request) {
        KpiSettings settings = settingsHistory(request.tenant()).tenantDefaults(request.to().minusMillis(1));
        io.queuelens.names.entity.NameBook book = names == null ? null : names.book(request.tenant());
        AgentReportAccumulator rows = book == null
                ? new AgentReportAccumulator(request, settings)
                : new AgentReportAccumulator(request, settings, book::agentIdentity);
        AgentRollupReader reader = new AgentRollupReader();
        List<String> notes = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> agents = request.agents();
            if (book != null && !agents.isEmpty()) {
                agents = sameAgents(agents, reader.agentsInRange(c, request.tenant(), request.from(), request.to()),
                        book::agentIdentity);
            }
            if (!request.queues().isEmpty()) {
                Set<String> ofQueues = new LinkedHashSet<>(reader.agentsOfQueues(c, request.tenant(), request.from(),
                        request.to(), request.queues()));
                if (!agents.isEmpty()) {
                    ofQueues.retainAll(agents);
                }
                notes.add("queues " + request.queues() + " select agents (members of or answering in them during the "
                        + "range); their whole time counts, since login and pauses belong to no single queue");
                if (ofQueues.isEmpty()) {
                    return rows.finish(notes);
                }
                agents = List.copyOf(ofQueues);
            }
            reader.scan(c, request.tenant(), request.from(), request.to(), agents, rows);
            return rows.finish(notes);
        } catch (SQLException e) {
            throw new EJBException("agent report for tenant " + request.tenant() + " (" + request.from() + " .. "
                    + request.to() + ") could not read the rollups: " + e.getMessage(), e);
        }
    }

    /**
     * The requested agents and every other system name of the same agents (names component): asking for
     * {@code Agent/1001} also reads the member name's buckets, since the report shows them as one agent.
     */
    public static List<String> sameAgents(List<String> requested, List<String> known,
                                          java.util.function.UnaryOperator<String> identity) {
        Set<String> identities = new java.util.HashSet<>();
        requested.forEach(a -> identities.add(identity.apply(a)));
        Set<String> out = new LinkedHashSet<>(requested);
        known.stream().filter(k -> identities.contains(identity.apply(k))).forEach(out::add);
        return List.copyOf(out);
    }

    /** KPI settings are not persisted yet: KPI.md's defaults are the whole history (as in SummaryReports). */
    KpiSettingsHistory settingsHistory(String tenant) {
        return KpiSettingsHistory.defaultsOnly();
    }
}
