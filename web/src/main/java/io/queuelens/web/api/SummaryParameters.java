package io.queuelens.web.api;

import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.InvalidReportRequest.Problem;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.rollups.entity.PeriodUnit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The query parameters of {@code GET /reports/summary} turned into a {@link SummaryRequest}, every
 * problem named by its parameter. Kept apart from the resource so it is tested without a server.
 *
 * <p>{@code from}/{@code to} take an instant ({@code 2026-11-20T00:00:00Z}), a date-time with offset
 * ({@code 2026-11-20T00:00+01:00}), or a local date-time or date read in {@code tz}
 * ({@code 2026-11-20T00:00}, {@code 2026-11-20} = that day's start). A local time that the zone skips
 * or repeats (DST) is rejected with the offsets to choose from rather than guessed.
 */
public final class SummaryParameters {

    private SummaryParameters() {
    }

    /** The raw values as received; any may be null. {@code queues} may repeat and hold comma-separated names. */
    public record Raw(String tenant, String from, String to, String tz, List<String> queues, String groupBy,
                      String interval) {
    }

    /**
     * @param tenantZone the tenant's time zone, used when {@code tz} is absent
     * @throws InvalidReportRequest naming every parameter that cannot be read, or else every one the
     *                              request rejects
     */
    public static SummaryRequest parse(Raw raw, ZoneId tenantZone) {
        List<Problem> problems = new ArrayList<>();
        ZoneId zone = zone(raw.tz(), tenantZone, problems);
        Instant from = zone == null ? null : time(SummaryRequest.FROM, raw.from(), zone, problems);
        Instant to = zone == null ? null : time(SummaryRequest.TO, raw.to(), zone, problems);
        GroupBy groupBy = groupBy(raw.groupBy(), problems);
        PeriodUnit interval = interval(raw.interval(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidReportRequest(problems);
        }
        return new SummaryRequest(blankToNull(raw.tenant()), from, to, zone, queues(raw.queues()), groupBy, interval);
    }

    static ZoneId zone(String tz, ZoneId tenantZone, List<Problem> problems) {
        if (tz == null || tz.isBlank()) {
            return tenantZone;
        }
        try {
            return ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            problems.add(new Problem(SummaryRequest.TZ, "unknown time zone '" + tz
                    + "'; use an IANA zone id such as Europe/Berlin or America/New_York"));
            return null;
        }
    }

    static Instant time(String name, String value, ZoneId zone, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            return null; // the request reports it as required
        }
        // An unencoded '+' in a query string arrives as a space; a date-time never contains one otherwise.
        String v = value.strip().replace(' ', '+');
        try {
            if (hasOffset(v)) {
                return OffsetDateTime.parse(v.toUpperCase(Locale.ROOT)).toInstant();
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(zone).toInstant();
            }
            return localToInstant(name, LocalDateTime.parse(v), zone, problems);
        } catch (DateTimeParseException e) {
            problems.add(new Problem(name, name + " must be an instant (2026-11-20T00:00:00Z), a date-time with offset "
                    + "(2026-11-20T00:00+01:00), or a local date-time or date in " + zone
                    + " (2026-11-20T00:00, 2026-11-20); was '" + value + "'"));
            return null;
        }
    }

    /** Ends in Z or in an offset after the time: a '+' or '-' past the date's own dashes. */
    private static boolean hasOffset(String v) {
        return v.endsWith("Z") || v.endsWith("z") || v.lastIndexOf('+') > 10 || v.lastIndexOf('-') > 10;
    }

    /** A local time is only accepted when the zone's clock shows it exactly once. */
    private static Instant localToInstant(String name, LocalDateTime local, ZoneId zone, List<Problem> problems) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }
        if (offsets.isEmpty()) {
            problems.add(new Problem(name, name + " " + local + " does not exist in " + zone
                    + ": the clocks skip it (daylight saving time starts)"));
        } else {
            problems.add(new Problem(name, name + " " + local + " happens twice in " + zone
                    + " (daylight saving time ends); add the offset: " + OffsetDateTime.of(local, offsets.get(0)) + " or "
                    + OffsetDateTime.of(local, offsets.get(1))));
        }
        return null;
    }

    static GroupBy groupBy(String value, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            return GroupBy.QUEUE;
        }
        return GroupBy.ofApiName(value).orElseGet(() -> {
            problems.add(new Problem(SummaryRequest.GROUP_BY, "groupBy must be queue or interval, was '" + value + "'"));
            return null;
        });
    }

    static PeriodUnit interval(String value, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return PeriodUnit.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(SummaryRequest.INTERVAL,
                    "interval must be one of PT15M, PT30M, PT1H, P1D, P1W, P1M, was '" + value + "'"));
            return null;
        }
    }

    /**
     * {@code queues=a,b} and {@code queues=a&queues=b} both work. Names are trimmed; an empty name
     * inside a list ({@code a,,b}) is kept so the request rejects it instead of it passing unnoticed.
     */
    static List<String> queues(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            for (String name : v.split(",", -1)) {
                out.add(name.strip());
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
