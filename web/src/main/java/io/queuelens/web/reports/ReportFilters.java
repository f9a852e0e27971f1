package io.queuelens.web.reports;

import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.WaitBuckets;
import io.queuelens.rollups.entity.PeriodUnit;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The report pages' filters: the summary's (same URL parameters, same meaning) plus the wait-time
 * band edges ({@code buckets}), the agents ({@code agents}, comma-separated) and, on the queue page,
 * one queue ({@code queues} holding a single name). The summary's own filters are left as they are.
 */
public class ReportFilters extends SummaryFilters {

    private static final long serialVersionUID = 1L;

    public static final String AGENTS = "agents";
    public static final int MAX_AGENTS = 500;
    /** The width of {@code queue_visit.agent}. */
    public static final int MAX_AGENT_NAME = 128;

    private String buckets;
    private String agents;
    private final PeriodUnit defaultInterval;

    /** @param defaultInterval the period length of the page's interval chart when the URL has none */
    public ReportFilters(PeriodUnit defaultInterval) {
        this.defaultInterval = defaultInterval;
    }

    @Override
    void fillDefaults(ZoneId tenantZone) {
        super.fillDefaults(tenantZone);
        if (getInterval() == null || getInterval().isBlank()) {
            setInterval(defaultInterval.name());
        }
        if (buckets == null || buckets.isBlank()) {
            buckets = WaitBuckets.DEFAULT;
        }
        alignDatesTo(getInterval()); // every report page has a per-period chart
    }

    /** The interval chart's period: the {@code interval} parameter (checked by SummaryParameters first). */
    PeriodUnit intervalUnit() {
        try {
            return PeriodUnit.valueOf(getInterval().strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return defaultInterval;
        }
    }

    WaitBuckets waitBuckets() {
        return WaitBuckets.parse(buckets, WaitBuckets.PARAMETER);
    }

    /** Agent names, trimmed, duplicates dropped; an empty name inside a list is refused like an empty queue. */
    List<String> agentNames() {
        if (agents == null || agents.isBlank()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String a : agents.split(",", -1)) {
            String name = a.strip();
            if (name.isEmpty()) {
                throw new InvalidReportRequest(AGENTS, "agents must not contain an empty name");
            }
            if (name.length() > MAX_AGENT_NAME) {
                throw new InvalidReportRequest(AGENTS, "agent names have at most " + MAX_AGENT_NAME + " characters");
            }
            names.add(name);
        }
        if (names.size() > MAX_AGENTS) {
            throw new InvalidReportRequest(AGENTS, "at most " + MAX_AGENTS + " agents; leave agents out for all");
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    /** The queue page's one queue: the first of {@code queues}. */
    public String getQueue() {
        List<String> list = getQueueList();
        return list.isEmpty() ? null : list.get(0);
    }

    public void setQueue(String queue) {
        setQueues(queue == null || queue.isBlank() ? null : queue.strip());
    }

    public List<String> getAgentList() {
        return agents == null || agents.isBlank() ? List.of()
                : Arrays.stream(agents.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    public void setAgentList(List<String> list) {
        agents = list == null || list.isEmpty() ? null : String.join(",", list);
    }

    /** The same range, zone and queues with rows per period of {@code unit}. */
    static SummaryRequest perInterval(SummaryRequest r, PeriodUnit unit) {
        return new SummaryRequest(r.tenant(), r.from(), r.to(), r.zone(), r.queues(),
                GroupBy.INTERVAL, unit);
    }

    /** The same range, zone and queues with rows per queue. */
    static SummaryRequest perQueue(SummaryRequest r) {
        return new SummaryRequest(r.tenant(), r.from(), r.to(), r.zone(), r.queues(),
                GroupBy.QUEUE, null);
    }

    // Raw parameters, bound by f:viewParam.
    public String getBuckets() { return buckets; }
    public void setBuckets(String v) { buckets = v; }
    public String getAgents() { return agents; }
    public void setAgents(String v) { agents = v; }
}
