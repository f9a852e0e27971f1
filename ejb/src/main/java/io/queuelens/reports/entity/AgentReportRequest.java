package io.queuelens.reports.entity;

import io.queuelens.rollups.entity.PeriodUnit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What an agent report is asked for; a constructed request is always answerable. Tenant, range, zone,
 * queues and interval follow exactly the rules of {@link SummaryRequest} (checked by building one, so
 * the two reports cannot drift apart); problems of every parameter are thrown together.
 *
 * <p>{@code queues} selects agents, not time: an agent is in the report when they were a member of
 * one of the queues (a session overlapping the range) or answered a visit of one of them that entered
 * in the range, and then all of their time counts. An agent's login, pauses and ready time belong to
 * no single queue (one login serves five queues), so cutting them per queue would invent numbers.
 *
 * @param agents   agent names as logged (e.g. {@code SIP/100}); empty = every agent with data
 * @param queues   queue names selecting agents (see above); empty = no queue condition
 * @param groupBy  rows per agent or per period
 * @param interval the period with {@code groupBy=INTERVAL}; may be null with {@code AGENT}
 */
public record AgentReportRequest(String tenant, Instant from, Instant to, ZoneId zone, List<String> agents,
                                 List<String> queues, AgentGroupBy groupBy, PeriodUnit interval) {

    public static final String AGENTS = "agents";
    public static final int MAX_AGENTS = 500;
    /** The width of {@code rollup_agent_15m.agent}. */
    public static final int MAX_AGENT_NAME = 128;

    public AgentReportRequest {
        agents = agents == null ? List.of() : List.copyOf(new LinkedHashSet<>(agents));
        queues = queues == null ? List.of() : List.copyOf(new LinkedHashSet<>(queues));
        List<InvalidReportRequest.Problem> problems = new ArrayList<>();
        try {
            new SummaryRequest(tenant, from, to, zone, queues,
                    groupBy == AgentGroupBy.INTERVAL ? GroupBy.INTERVAL : GroupBy.QUEUE, interval);
        } catch (InvalidReportRequest e) {
            problems.addAll(e.problems());
        }
        checkAgents(agents, problems);
        if (groupBy == null) {
            problems.add(new InvalidReportRequest.Problem(SummaryRequest.GROUP_BY, "groupBy is required: agent or interval"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidReportRequest(problems);
        }
    }

    private static void checkAgents(List<String> agents, List<InvalidReportRequest.Problem> problems) {
        if (agents.size() > MAX_AGENTS) {
            problems.add(new InvalidReportRequest.Problem(AGENTS,
                    "at most " + MAX_AGENTS + " agents per report, was " + agents.size() + "; leave agents out for all"));
        }
        for (String a : agents) {
            if (a == null || a.isBlank()) {
                problems.add(new InvalidReportRequest.Problem(AGENTS, "agents must not contain an empty name"));
                return;
            }
            if (a.length() > MAX_AGENT_NAME) {
                problems.add(new InvalidReportRequest.Problem(AGENTS, "agent names have at most " + MAX_AGENT_NAME
                        + " characters, '" + a.substring(0, 20) + "...' has " + a.length()));
                return;
            }
        }
    }
}
