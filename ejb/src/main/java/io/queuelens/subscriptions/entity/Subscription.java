package io.queuelens.subscriptions.entity;

import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ReportName;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A report subscription: which report with which filters (in the terms of the export's request: a
 * period relative to the run, queues, agents, time zone), in which formats, to whom, and when.
 *
 * @param id        0 before it is stored
 * @param zone      the report's time zone; null = the tenant's (also the zone the schedule follows)
 * @param nextRunAt the next scheduled instant; null when disabled
 */
public record Subscription(long id, String tenant, String owner, ReportName report, PeriodKind period, List<String> queues,
                           List<String> agents, ZoneId zone, List<ExportFormat> formats, List<String> recipients,
                           Schedule schedule, boolean enabled, Instant lastRunAt, Instant nextRunAt, Instant updatedAt)
        implements Serializable {

    public Subscription {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(schedule, "schedule");
        queues = queues == null ? List.of() : List.copyOf(queues);
        agents = agents == null ? List.of() : List.copyOf(agents);
        formats = List.copyOf(formats);
        recipients = List.copyOf(recipients);
        if (formats.isEmpty() || recipients.isEmpty()) {
            throw new IllegalArgumentException("a subscription has at least one format and one recipient");
        }
    }

    /** The zone of the report and of the schedule: its own, else the tenant's. */
    public ZoneId zoneOr(ZoneId tenantZone) {
        return zone == null ? tenantZone : zone;
    }

    public Subscription withRuns(Instant lastRun, Instant nextRun) {
        return new Subscription(id, tenant, owner, report, period, queues, agents, zone, formats, recipients, schedule,
                enabled, lastRun, nextRun, updatedAt);
    }
}
