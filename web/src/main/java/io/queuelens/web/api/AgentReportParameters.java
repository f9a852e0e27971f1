package io.queuelens.web.api;

import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.InvalidReportRequest.Problem;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.rollups.entity.PeriodUnit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of {@code GET /reports/agents} turned into an {@link AgentReportRequest}.
 * {@code tz}, {@code from}, {@code to}, {@code queues} and {@code interval} are read exactly as
 * {@link SummaryParameters} reads them; {@code agents} like {@code queues} (comma-separated and/or
 * repeated); {@code groupBy} is {@code agent} (default) or {@code interval}.
 */
public final class AgentReportParameters {

    private AgentReportParameters() {
    }

    /** The raw values as received; any may be null. */
    public record Raw(String tenant, String from, String to, String tz, List<String> agents, List<String> queues,
                      String groupBy, String interval) {
    }

    /** @throws InvalidReportRequest naming every parameter that cannot be read, or else every one the request rejects */
    public static AgentReportRequest parse(Raw raw, ZoneId tenantZone) {
        List<Problem> problems = new ArrayList<>();
        ZoneId zone = SummaryParameters.zone(raw.tz(), tenantZone, problems);
        Instant from = zone == null ? null : SummaryParameters.time(SummaryRequest.FROM, raw.from(), zone, problems);
        Instant to = zone == null ? null : SummaryParameters.time(SummaryRequest.TO, raw.to(), zone, problems);
        AgentGroupBy groupBy = groupBy(raw.groupBy(), problems);
        PeriodUnit interval = SummaryParameters.interval(raw.interval(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidReportRequest(problems);
        }
        return new AgentReportRequest(raw.tenant() == null || raw.tenant().isBlank() ? null : raw.tenant().strip(),
                from, to, zone, SummaryParameters.queues(raw.agents()), SummaryParameters.queues(raw.queues()),
                groupBy, interval);
    }

    static AgentGroupBy groupBy(String value, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            return AgentGroupBy.AGENT;
        }
        return AgentGroupBy.ofApiName(value).orElseGet(() -> {
            problems.add(new Problem(SummaryRequest.GROUP_BY, "groupBy must be agent or interval, was '" + value + "'"));
            return null;
        });
    }
}
