package io.queuelens.web.api;

import io.queuelens.audit.entity.AuditQuery;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.InvalidReportRequest.Problem;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The audit log's filters as the API and the page take them: {@code from}/{@code to} (an instant, a
 * date-time with offset, or a local date or date-time in {@code zone}), tenant, actor and action (exact,
 * optional), page and size. Every bad one is reported with its name.
 */
public final class AuditParameters {

    public static final int DEFAULT_SIZE = 50;
    private static final Pattern ACTION = Pattern.compile("[a-z0-9._-]{1,64}");

    private AuditParameters() {
    }

    public record Raw(String from, String to, String tenant, String actor, String action, String page, String size) {
    }

    /** @throws InvalidReportRequest with one problem per bad parameter */
    public static AuditQuery parse(Raw raw, ZoneId zone) {
        List<Problem> problems = new ArrayList<>();
        ZoneId z = zone == null ? ZoneOffset.UTC : zone;
        Instant from = SummaryParameters.time("from", raw.from(), z, problems);
        Instant to = SummaryParameters.time("to", raw.to(), z, problems);
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new Problem("to", "to must be after from"));
        }
        String tenant = blankToNull(raw.tenant());
        if (tenant != null && tenant.length() > 64) {
            problems.add(new Problem("tenant", "tenant must be at most 64 characters"));
        }
        String actor = blankToNull(raw.actor());
        if (actor != null && actor.length() > 100) {
            problems.add(new Problem("actor", "actor must be at most 100 characters"));
        }
        String action = blankToNull(raw.action());
        if (action != null && !ACTION.matcher(action).matches()) {
            problems.add(new Problem("action", "action must be an action code such as source.changed, was '" + action + "'"));
        }
        int page = number("page", raw.page(), 0, 0, Integer.MAX_VALUE / AuditQuery.MAX_SIZE, problems);
        int size = number("size", raw.size(), DEFAULT_SIZE, 1, AuditQuery.MAX_SIZE, problems);
        if (!problems.isEmpty()) {
            throw new InvalidReportRequest(problems);
        }
        return new AuditQuery(from, to, tenant, actor, action, page, size);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int number(String name, String value, int dflt, int min, int max, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new Problem(name, name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'"));
        return dflt;
    }
}
