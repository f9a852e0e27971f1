package io.queuelens.web.reports;

import io.queuelens.reports.entity.GroupBy;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.api.SummaryParameters;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The summary page's filters, held as the URL's raw parameters (same names and meaning as the REST
 * API: {@code to} is exclusive) with the typed views the form fields edit: the date pickers show
 * days, the last one included, so "20 to 21 November" is {@code from=2026-11-20&to=2026-11-22}.
 */
public class SummaryFilters implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(T00:00(?::00)?)?.*");

    private String tenant;
    private String from;
    private String to;
    private String tz;
    private String queues;
    private String groupBy;
    private String interval;

    /** The tenant asked for; with none asked, the first (the only one, in most installations). */
    Tenant tenantOrDefault(List<Tenant> all) {
        if (tenant == null || tenant.isBlank()) {
            all.stream().findFirst().ifPresent(t -> tenant = t.getId());
        }
        return all.stream().filter(t -> t.getId().equals(tenant == null ? null : tenant.strip())).findFirst().orElse(null);
    }

    /** Unset filters: the tenant's zone, the last 7 local days ending today, one row per queue. */
    void fillDefaults(ZoneId tenantZone) {
        ZoneId zone = tenantZone;
        if (tz == null || tz.isBlank()) {
            tz = tenantZone.getId();
        } else {
            try {
                zone = ZoneId.of(tz.strip());
            } catch (DateTimeException e) {
                // SummaryParameters reports it on the tz field
            }
        }
        LocalDate today = LocalDate.now(zone);
        if ((from == null || from.isBlank()) && (to == null || to.isBlank())) {
            from = today.minusDays(6).toString();
            to = today.plusDays(1).toString();
        }
        if (groupBy == null || groupBy.isBlank()) {
            groupBy = GroupBy.QUEUE.apiName();
        }
        if (GroupBy.INTERVAL.apiName().equalsIgnoreCase(groupBy) && (interval == null || interval.isBlank())) {
            interval = "P1D";
        }
        if (isByInterval()) {
            alignDatesTo(interval);
        }
    }

    /**
     * Weeks and months must start on a Monday or a 1st (the API refuses anything else). A page widens
     * the chosen days to whole weeks or months instead, and the fields show the range it used.
     */
    void alignDatesTo(String periodLength) {
        LocalDate first = getFromDate();
        LocalDate last = getToDate();
        if (first == null || last == null || periodLength == null || last.isBefore(first)) {
            return;
        }
        switch (periodLength.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "P1W" -> {
                setFromDate(first.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)));
                setToDate(last.with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.SUNDAY)));
            }
            case "P1M" -> {
                setFromDate(first.withDayOfMonth(1));
                setToDate(last.with(java.time.temporal.TemporalAdjusters.lastDayOfMonth()));
            }
            default -> {
                // days and shorter periods fit any whole days
            }
        }
    }

    SummaryParameters.Raw raw() {
        return new SummaryParameters.Raw(tenant, from, to, tz, queues == null ? List.of() : List.of(queues), groupBy, interval);
    }

    public LocalDate getFromDate() {
        return day(from, false);
    }

    public void setFromDate(LocalDate d) {
        from = d == null ? null : d.toString();
    }

    /** The last day included: the day before an exclusive midnight {@code to}. */
    public LocalDate getToDate() {
        return day(to, true);
    }

    public void setToDate(LocalDate d) {
        to = d == null ? null : d.plusDays(1).toString();
    }

    public List<String> getQueueList() {
        return queues == null || queues.isBlank() ? List.of()
                : Arrays.stream(queues.split(",")).map(String::strip).filter(q -> !q.isEmpty()).toList();
    }

    public void setQueueList(List<String> list) {
        queues = list == null || list.isEmpty() ? null : String.join(",", list);
    }

    public boolean isByInterval() {
        return GroupBy.INTERVAL.apiName().equalsIgnoreCase(groupBy == null ? "" : groupBy.strip());
    }

    private static LocalDate day(String raw, boolean exclusiveEnd) {
        Matcher m = raw == null ? null : DATE.matcher(raw.strip());
        if (m == null || !m.matches()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(m.group(1));
            boolean midnight = raw.strip().length() == 10 || m.group(2) != null;
            return exclusiveEnd && midnight ? d.minusDays(1) : d;
        } catch (DateTimeException e) {
            return null;
        }
    }

    public PeriodUnit[] getIntervals() {
        return PeriodUnit.values();
    }

    /** The time zones offered: UTC, then the IANA region zones. */
    public List<String> getZones() {
        return ZONES;
    }

    private static final List<String> ZONES = Stream.concat(Stream.of("UTC"), ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted()).toList();

    // Raw parameters, bound by f:viewParam.
    public String getTenant() { return tenant; }
    public void setTenant(String v) { tenant = v; }
    public String getFrom() { return from; }
    public void setFrom(String v) { from = v; }
    public String getTo() { return to; }
    public void setTo(String v) { to = v; }
    public String getTz() { return tz; }
    public void setTz(String v) { tz = v; }
    public String getQueues() { return queues; }
    public void setQueues(String v) { queues = v; }
    public String getGroupBy() { return groupBy; }
    public void setGroupBy(String v) { groupBy = v; }
    public String getInterval() { return interval; }
    public void setInterval(String v) { interval = v; }
}
