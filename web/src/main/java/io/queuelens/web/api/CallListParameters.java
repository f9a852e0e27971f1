package io.queuelens.web.api;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.reports.entity.CallListRequest;
import io.queuelens.reports.entity.CallSort;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.InvalidReportRequest.Problem;
import io.queuelens.reports.entity.SummaryRequest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query parameters of {@code GET /calls} turned into a {@link CallListRequest}. Times and lists
 * are read like {@link SummaryParameters}; {@code outcome} is a comma-separated list of outcomes,
 * {@code page} defaults to 0, {@code size} to {@link #DEFAULT_SIZE}, {@code sort} to
 * {@code enteredAt,desc} (field, then {@code asc} or {@code desc}).
 */
public final class CallListParameters {

    public static final int DEFAULT_SIZE = 50;

    private CallListParameters() {
    }

    public record Raw(String tenant, String from, String to, String tz, List<String> queues, List<String> agents,
                      List<String> outcomes, String caller, String page, String size, String sort) {
    }

    public static CallListRequest parse(Raw raw, ZoneId tenantZone) {
        List<Problem> problems = new ArrayList<>();
        ZoneId zone = SummaryParameters.zone(raw.tz(), tenantZone, problems);
        Instant from = zone == null ? null : SummaryParameters.time(SummaryRequest.FROM, raw.from(), zone, problems);
        Instant to = zone == null ? null : SummaryParameters.time(SummaryRequest.TO, raw.to(), zone, problems);
        Set<Outcome> outcomes = outcomes(raw.outcomes(), problems);
        int page = integer(CallListRequest.PAGE, raw.page(), 0, problems);
        int size = integer(CallListRequest.SIZE, raw.size(), DEFAULT_SIZE, problems);
        CallSort sort = CallSort.ENTERED_AT;
        boolean descending = true;
        if (raw.sort() != null && !raw.sort().isBlank()) {
            String[] parts = raw.sort().strip().split(",", -1);
            sort = CallSort.ofApiName(parts[0]).orElse(null);
            String dir = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
            if (sort == null || parts.length > 2 || !(dir.equals("asc") || dir.equals("desc"))) {
                problems.add(new Problem(CallListRequest.SORT, "sort must be FIELD or FIELD,asc or FIELD,desc with FIELD one of "
                        + Arrays.stream(CallSort.values()).map(CallSort::apiName).collect(Collectors.joining(", "))
                        + "; was '" + raw.sort() + "'"));
            }
            descending = dir.equals("desc");
        }
        if (!problems.isEmpty()) {
            throw new InvalidReportRequest(problems);
        }
        String caller = raw.caller() == null || raw.caller().isEmpty() ? null : raw.caller().replace(' ', '+').strip();
        return new CallListRequest(raw.tenant() == null || raw.tenant().isBlank() ? null : raw.tenant().strip(),
                from, to, zone, SummaryParameters.queues(raw.queues()), SummaryParameters.queues(raw.agents()),
                outcomes, caller, page, size, sort, descending);
    }

    private static Set<Outcome> outcomes(List<String> values, List<Problem> problems) {
        Set<Outcome> out = new LinkedHashSet<>();
        for (String name : SummaryParameters.queues(values)) {
            try {
                out.add(Outcome.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(CallListRequest.OUTCOME, "outcome must be one or more of "
                        + Arrays.toString(Outcome.values()) + ", was '" + name + "'"));
                break;
            }
        }
        return out;
    }

    private static int integer(String name, String value, int otherwise, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            problems.add(new Problem(name, name + " must be a whole number, was '" + value + "'"));
            return otherwise;
        }
    }
}
