package io.queuelens.alerts.entity;

import java.time.Instant;
import java.util.List;

/**
 * One firing of one rule over one scope (table {@code alert_incident}), from the moment the rule fired until
 * its figure crossed the clear threshold.
 *
 * @param scopeKey {@code queue:<q>}, {@code group:<q1,q2>} or {@code agent:<interface>}
 * @param queues   the queues it concerns: who may see one of them may see the incident
 * @param peak     the worst value while it fired (highest for > and >=, lowest for < and <=)
 */
public record AlertIncident(long id, String tenantId, long ruleId, String ruleName, Severity severity, Figure figure,
                            String scopeKey, List<String> queues, IncidentState state, Instant openedAt,
                            Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, double peak,
                            double lastValue, double threshold) {

    public AlertIncident {
        queues = queues == null ? List.of() : List.copyOf(queues);
    }
}
