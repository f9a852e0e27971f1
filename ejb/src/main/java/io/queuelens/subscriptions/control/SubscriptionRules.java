package io.queuelens.subscriptions.control;

import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.mail.control.MailSettingsRules;
import io.queuelens.subscriptions.entity.Frequency;
import io.queuelens.subscriptions.entity.InvalidSubscription;
import io.queuelens.subscriptions.entity.PeriodKind;
import io.queuelens.subscriptions.entity.Schedule;
import io.queuelens.subscriptions.entity.Subscription;
import io.queuelens.subscriptions.entity.SubscriptionForm;
import io.queuelens.subscriptions.entity.SubscriptionProblem;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a {@link SubscriptionForm}: every problem is collected with its field, so a form marks all
 * fields at once and the API's 400 names them. Pure.
 */
public final class SubscriptionRules {

    public static final int MAX_RECIPIENTS = 50;
    public static final int MAX_LIST = 200;
    public static final int MAX_NAME = 128;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("H:mm").withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private SubscriptionRules() {
    }

    /**
     * @param id    0 for a new subscription
     * @return the subscription (its runs unset)
     * @throws InvalidSubscription with every problem
     */
    public static Subscription check(SubscriptionForm f, long id, String tenant, String owner) {
        List<SubscriptionProblem> p = new ArrayList<>();
        if (f == null) {
            throw InvalidSubscription.of("body", "body", "send the subscription as a JSON object");
        }
        Optional<ReportName> report = ReportName.ofApiName(f.getReport());
        if (report.isEmpty()) {
            p.add(new SubscriptionProblem("report", "report", "report must be one of " + ReportName.names()
                    + ", was '" + f.getReport() + "'"));
        }
        Optional<PeriodKind> period = PeriodKind.ofApiName(f.getPeriod());
        if (period.isEmpty()) {
            p.add(new SubscriptionProblem("period", "period",
                    "period must be yesterday, last-7-days, last-week or last-month, was '" + f.getPeriod() + "'"));
        }
        List<String> queues = names(f.getQueues(), "queues", p);
        List<String> agents = names(f.getAgents(), "agents", p);
        if (report.orElse(null) == ReportName.CDR && (queues.size() > 1 || agents.size() > 1)) {
            p.add(new SubscriptionProblem(queues.size() > 1 ? "queues" : "agents", "cdrOne",
                    "the CDR search takes at most one queue and one agent"));
        }
        ZoneId zone = null;
        if (f.getTimeZone() != null && !f.getTimeZone().isBlank()) {
            try {
                zone = ZoneId.of(f.getTimeZone().strip());
            } catch (DateTimeException e) {
                p.add(new SubscriptionProblem("timeZone", "timeZone", "timeZone must be a zone such as Europe/Berlin, was '"
                        + f.getTimeZone() + "'"));
            }
        }
        List<ExportFormat> formats = new ArrayList<>();
        for (String s : f.getFormats() == null ? List.<String>of() : f.getFormats()) {
            Optional<ExportFormat> fmt = ExportFormat.ofApiName(s);
            if (fmt.isEmpty()) {
                p.add(new SubscriptionProblem("formats", "formatUnknown", "unknown format '" + s + "'; one of " + ExportFormat.names()));
            } else if (!formats.contains(fmt.get())) {
                formats.add(fmt.get());
            }
        }
        if (formats.isEmpty() && p.stream().noneMatch(x -> x.field().equals("formats"))) {
            p.add(new SubscriptionProblem("formats", "formatNone", "choose at least one format: " + ExportFormat.names()));
        }
        List<String> recipients = recipients(f.getRecipients(), p);
        Schedule schedule = schedule(f, p);
        if (!p.isEmpty()) {
            throw new InvalidSubscription(p);
        }
        return new Subscription(id, tenant, owner, report.get(), period.get(), queues, agents, zone, formats, recipients,
                schedule, f.getEnabled() == null || f.getEnabled(), null, null, null);
    }

    private static List<String> names(List<String> values, String field, List<SubscriptionProblem> p) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values == null ? List.<String>of() : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            String s = v.strip();
            if (s.length() > MAX_NAME || s.chars().anyMatch(Character::isISOControl)) {
                p.add(new SubscriptionProblem(field, "name", field + ": '" + s + "' is not a name (at most " + MAX_NAME
                        + " characters, no control characters)"));
            } else {
                out.add(s);
            }
        }
        if (out.size() > MAX_LIST) {
            p.add(new SubscriptionProblem(field, "tooMany", field + ": at most " + MAX_LIST));
        }
        return List.copyOf(out);
    }

    private static List<String> recipients(List<String> values, List<SubscriptionProblem> p) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values == null ? List.<String>of() : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            for (String part : v.split("[,;\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                if (!MailSettingsRules.isAddress(part.strip())) {
                    p.add(new SubscriptionProblem("recipients", "recipientInvalid", "'" + part.strip() + "' is not an e-mail address"));
                } else {
                    out.add(part.strip());
                }
            }
        }
        if (out.isEmpty() && p.stream().noneMatch(x -> x.field().equals("recipients"))) {
            p.add(new SubscriptionProblem("recipients", "recipientNone", "at least one recipient is needed"));
        }
        if (out.size() > MAX_RECIPIENTS) {
            p.add(new SubscriptionProblem("recipients", "recipientsTooMany", "at most " + MAX_RECIPIENTS + " recipients"));
        }
        return List.copyOf(out);
    }

    private static Schedule schedule(SubscriptionForm f, List<SubscriptionProblem> p) {
        Optional<Frequency> frequency = Frequency.ofApiName(f.getFrequency());
        if (frequency.isEmpty()) {
            p.add(new SubscriptionProblem("frequency", "frequency", "frequency must be daily, weekly or monthly, was '"
                    + f.getFrequency() + "'"));
        }
        LocalTime at = null;
        try {
            String t = f.getTime() == null ? "" : f.getTime().strip();
            if (!t.matches("\\d{1,2}:\\d{2}")) {
                throw new DateTimeParseException("not HH:mm", t, 0);
            }
            at = LocalTime.parse(t, HH_MM);
        } catch (DateTimeParseException e) {
            p.add(new SubscriptionProblem("time", "time", "time must be HH:mm (00:00 to 23:59), was '" + f.getTime() + "'"));
        }
        DayOfWeek weekday = null;
        if (frequency.orElse(null) == Frequency.WEEKLY) {
            try {
                weekday = DayOfWeek.valueOf(f.getWeekday() == null ? "" : f.getWeekday().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                p.add(new SubscriptionProblem("weekday", "weekday", "weekday must be monday..sunday, was '" + f.getWeekday() + "'"));
            }
        }
        Integer day = f.getDayOfMonth();
        if (frequency.orElse(null) == Frequency.MONTHLY && (day == null || day < 1 || day > 31)) {
            p.add(new SubscriptionProblem("dayOfMonth", "dayOfMonth", "dayOfMonth must be 1 to 31 (a shorter month runs on its last day), was "
                    + day));
        }
        if (frequency.isEmpty() || at == null || p.stream().anyMatch(x -> x.field().equals("weekday") || x.field().equals("dayOfMonth"))) {
            return null;
        }
        return new Schedule(frequency.get(), at, weekday, frequency.get() == Frequency.MONTHLY ? day : null);
    }
}
