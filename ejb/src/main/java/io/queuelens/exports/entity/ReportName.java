package io.queuelens.exports.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The reports of the History pages that export, by the name the export URL uses
 * ({@code /api/v1/exports/{name}}) and the page they come from.
 */
public enum ReportName {
    /** Queue figures per queue (or per period with groupBy=interval): reports/summary.xhtml. */
    SUMMARY("summary"),
    /** The summary per period (default PT1H): reports/intervals.xhtml. */
    INTERVALS("intervals"),
    /** Answered calls: figures per queue, per agent, speed-of-answer bands: reports/answered.xhtml. */
    ANSWERED("answered"),
    /** Unanswered calls: figures per queue, abandon-wait bands and every abandoned call: reports/unanswered.xhtml. */
    UNANSWERED("unanswered"),
    /** Agent figures per agent (or per period): reports/agents.xhtml. */
    AGENTS("agents"),
    /** One queue's (or the selected queues') figures per period (default P1D): reports/queues.xhtml. */
    QUEUES("queues"),
    /** Every queue visit of the range, streamed: the call list ({@code GET /api/v1/calls} without pages). */
    CALLS("calls"),
    /** The CDR search: reports/cdr.xhtml. */
    CDR("cdr"),
    /**
     * Agent payouts of the period's local days (newest revision of each agent-day, its total): payouts page.
     * ADMIN and MANAGER only (pay is personal); lets payroll subscribe to payouts by mail.
     */
    PAYOUTS("payouts");

    private final String apiName;

    ReportName(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<ReportName> ofApiName(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.apiName.equals(v)).findFirst();
    }

    /** "summary, intervals, ..." for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(ReportName::apiName).collect(Collectors.joining(", "));
    }
}
