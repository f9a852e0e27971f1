package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.AlertProblem;
import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.ChannelDraft;
import io.queuelens.alerts.entity.ChannelKind;
import io.queuelens.alerts.entity.Comparison;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.InvalidAlertException;
import io.queuelens.alerts.entity.RuleDraft;
import io.queuelens.alerts.entity.ScopeKind;
import io.queuelens.alerts.entity.Severity;

import java.net.URI;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a draft into a rule or channel, or refuses it with every problem and its field (message keys
 * {@code alerts.error.<key>} in the web bundles).
 */
public final class AlertRuleChecks {

    static final int MAX_SCOPE_IDS = 100;
    static final int MAX_MIN_DURATION = 86_400;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+");
    private static final Pattern CHAT_ID = Pattern.compile("-?\\d{1,20}|@[A-Za-z0-9_]{5,32}");

    private AlertRuleChecks() {
    }

    public static AlertRule rule(String tenantId, long id, RuleDraft d) {
        List<AlertProblem> p = new ArrayList<>();
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            p.add(new AlertProblem("name", "name", "a name of 1 to 100 characters is needed"));
        }
        Figure figure = parse(Figure.class, d.figure(), "figure", p);
        ScopeKind kind = parse(ScopeKind.class, d.scopeKind(), "scopeKind", p);
        Severity severity = parse(Severity.class, d.severity(), "severity", p);
        Comparison comparison = null;
        try {
            comparison = d.comparison() == null ? null : Comparison.ofSymbol(d.comparison().strip());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (comparison == null) {
            p.add(new AlertProblem("comparison", "comparison", "comparison must be one of >, >=, <, <="));
        }
        List<String> scope = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(d.scopeIds() == null ? new String[0]
                : d.scopeIds().split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
        if (scope.isEmpty() || scope.size() > MAX_SCOPE_IDS || scope.stream().anyMatch(s -> s.length() > 100)) {
            p.add(new AlertProblem("scopeIds", "scope", "name 1 to " + MAX_SCOPE_IDS + " queues or agents (comma-separated)"));
        }
        if (figure != null && kind == ScopeKind.AGENT && !figure.allowsAgentScope()) {
            p.add(new AlertProblem("scopeKind", "agentScope", "an agent scope works with available agents and paused agents only"));
        }
        Double threshold = number(d.threshold(), "threshold", p);
        Double clear = d.clearThreshold() == null || d.clearThreshold().isBlank() ? threshold
                : number(d.clearThreshold(), "clearThreshold", p);
        if (threshold != null && clear != null && comparison != null) {
            if (comparison.upward() ? clear > threshold : clear < threshold) {
                p.add(new AlertProblem("clearThreshold", comparison.upward() ? "clearAbove" : "clearBelow",
                        "the clear threshold must be " + (comparison.upward() ? "at or below" : "at or above") + " the threshold"));
            }
            boolean percent = figure != null && (figure.name().contains("LEVEL") || figure.name().contains("RATE"));
            if (percent && (threshold < 0 || threshold > 100 || clear < 0 || clear > 100)) {
                p.add(new AlertProblem("threshold", "percent", "a percentage threshold lies between 0 and 100"));
            } else if (threshold < 0 || clear < 0) {
                p.add(new AlertProblem("threshold", "negative", "thresholds cannot be negative"));
            }
        }
        int minDuration = 0;
        try {
            minDuration = d.minDurationSeconds() == null || d.minDurationSeconds().isBlank() ? 0
                    : Integer.parseInt(d.minDurationSeconds().strip());
            if (minDuration < 0 || minDuration > MAX_MIN_DURATION) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            p.add(new AlertProblem("minDurationSeconds", "minDuration", "the minimum duration is 0 to 86400 seconds"));
        }
        LocalTime from = time(d.quietFrom(), "quietFrom", p);
        LocalTime to = time(d.quietTo(), "quietTo", p);
        if ((from == null) != (to == null) || from != null && from.equals(to)) {
            p.add(new AlertProblem("quietFrom", "quiet", "give both ends of the quiet hours, different from each other, or neither"));
        }
        String reason = d.pauseReason() == null || d.pauseReason().isBlank() ? null : d.pauseReason().strip();
        if (reason != null && (figure != Figure.PAUSED_AGENTS || reason.length() > 100)) {
            p.add(new AlertProblem("pauseReason", "pauseReason", "a pause reason (up to 100 characters) goes with paused agents only"));
        }
        if (!p.isEmpty()) {
            throw new InvalidAlertException(p);
        }
        return new AlertRule(id, tenantId, name, figure, reason, kind, scope, comparison, threshold, clear, minDuration,
                severity, from, to, d.channelIds(), d.enabled());
    }

    /**
     * @param creating a new channel: a generic webhook and Telegram need their secret now
     */
    public static AlertChannel channel(String tenantId, long id, ChannelDraft d, boolean creating, boolean hadSecret) {
        List<AlertProblem> p = new ArrayList<>();
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            p.add(new AlertProblem("name", "name", "a name of 1 to 100 characters is needed"));
        }
        ChannelKind kind = parse(ChannelKind.class, d.kind(), "kind", p);
        String target = d.target() == null ? "" : d.target().strip();
        if (kind != null) {
            switch (kind) {
                case EMAIL -> {
                    List<String> to = Arrays.stream(target.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                    if (to.isEmpty() || to.size() > 50 || !to.stream().allMatch(a -> EMAIL.matcher(a).matches())) {
                        p.add(new AlertProblem("target", "emails", "one or more e-mail addresses, comma-separated"));
                    }
                    target = String.join(",", to);
                }
                case WEBHOOK_GENERIC, WEBHOOK_SLACK -> {
                    if (!isHttpUrl(target)) {
                        p.add(new AlertProblem("target", "url", "an http:// or https:// URL is needed"));
                    }
                }
                case WEBHOOK_TELEGRAM -> {
                    if (!CHAT_ID.matcher(target).matches()) {
                        p.add(new AlertProblem("target", "chatId", "a Telegram chat id (a number, or @channelname)"));
                    }
                }
            }
            boolean secretGiven = d.secret() != null && !d.secret().isBlank();
            boolean willHaveSecret = secretGiven || (!creating && hadSecret && !d.clearSecret());
            if ((kind == ChannelKind.WEBHOOK_GENERIC || kind == ChannelKind.WEBHOOK_TELEGRAM) && !willHaveSecret) {
                p.add(new AlertProblem("secret", kind == ChannelKind.WEBHOOK_TELEGRAM ? "botToken" : "secret",
                        kind == ChannelKind.WEBHOOK_TELEGRAM ? "the bot token is needed" : "a signing secret is needed"));
            }
            if (secretGiven && d.secret().length() > 500) {
                p.add(new AlertProblem("secret", "secretLength", "the secret is at most 500 characters"));
            }
        }
        if (target.length() > 2000) {
            p.add(new AlertProblem("target", "targetLength", "the target is at most 2000 characters"));
        }
        if (!p.isEmpty()) {
            throw new InvalidAlertException(p);
        }
        return new AlertChannel(id, tenantId, name, kind, target, false, d.enabled());
    }

    static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<AlertProblem> p) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            p.add(new AlertProblem(field, field, field + " must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static Double number(String s, String field, List<AlertProblem> p) {
        try {
            double v = Double.parseDouble(s == null ? "" : s.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        p.add(new AlertProblem(field, "number", field + " must be a number"));
        return null;
    }

    private static LocalTime time(String s, String field, List<AlertProblem> p) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(s.strip());
        } catch (DateTimeParseException e) {
            p.add(new AlertProblem(field, "time", "a time of day as HH:mm"));
            return null;
        }
    }
}
