package io.queuelens.web.reports;

import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.web.api.AgentReportParameters;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * The agent page's filters: the summary page's (same URL parameters, same date-picker semantics)
 * plus {@code agents}, with rows per agent by default.
 */
public class AgentFilters extends SummaryFilters {

    private static final long serialVersionUID = 1L;

    private String agents;

    @Override
    void fillDefaults(ZoneId tenantZone) {
        if (getGroupBy() == null || getGroupBy().isBlank()) {
            setGroupBy(AgentGroupBy.AGENT.apiName());
        }
        super.fillDefaults(tenantZone);
    }

    AgentReportParameters.Raw agentRaw() {
        return new AgentReportParameters.Raw(getTenant(), getFrom(), getTo(), getTz(),
                agents == null ? List.of() : List.of(agents), getQueues() == null ? List.of() : List.of(getQueues()),
                getGroupBy(), getInterval());
    }

    public List<String> getAgentList() {
        return agents == null || agents.isBlank() ? List.of()
                : Arrays.stream(agents.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    public void setAgentList(List<String> list) {
        agents = list == null || list.isEmpty() ? null : String.join(",", list);
    }

    public String getAgents() {
        return agents;
    }

    public void setAgents(String v) {
        agents = v;
    }
}
