package io.queuelens.alerts.entity;

import java.time.Instant;
import java.util.List;

/**
 * CDI event: an incident fired, is repeated, or resolved, and is not in its rule's quiet hours. The web module
 * pushes it as a toast to the tenant's open pages whose user sees one of {@code queues}. Fired on the alert
 * engine's thread (never the live model's writer); observers must be quick.
 *
 * @param kind     FIRING, REPEAT or RESOLVED
 * @param liveAt   the time of the live change that caused it (server clock), to measure the path to a browser
 */
public record AlertNotice(String kind, long incidentId, String tenantId, String ruleName, Severity severity,
                          Figure figure, String scopeKey, String scopeLabel, List<String> queues, double value,
                          String condition, Instant at, long liveAt) {

    public AlertNotice {
        queues = queues == null ? List.of() : List.copyOf(queues);
    }

    /** The one-line text of toasts, mails and chat messages. */
    public String text() {
        String what = switch (kind) {
            case "RESOLVED" -> "resolved";
            case "REPEAT" -> "still firing";
            default -> "firing";
        };
        return "[" + severity + "] " + ruleName + " " + what + ": " + scopeLabel + " " + figure + " = "
                + AlertRule.trim(Math.round(value * 100) / 100.0) + " (" + condition + ")";
    }
}
