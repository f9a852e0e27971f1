package io.queuelens.web.live;

import io.queuelens.alerts.entity.AlertNotice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.omnifaces.cdi.Push;
import org.omnifaces.cdi.PushContext;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes alert notices to the {@code alerts} socket of every page (layout template) whose audience may see the
 * alert's queues: one message per notice, sent to the matching audiences only (a user limited to other queues of
 * the tenant gets nothing). Audiences are remembered when a page renders its socket; there are as many as
 * distinct visibility combinations, so the set stays small.
 */
@ApplicationScoped
public class AlertPush {

    private static final Logger LOG = Logger.getLogger(AlertPush.class.getName());
    public static final String CHANNEL = "alerts";
    /** Distinct audiences remembered at most (each is a combination of visible tenants and queues). */
    static final int MAX_AUDIENCES = 10_000;

    @Inject
    @Push(channel = CHANNEL)
    PushContext channel;

    private final Set<AlertAudience> audiences = ConcurrentHashMap.newKeySet();

    /** A page rendered the socket of this audience. */
    public AlertAudience register(AlertAudience audience) {
        if (audiences.size() < MAX_AUDIENCES || audiences.contains(audience)) {
            audiences.add(audience);
        } else {
            LOG.log(Level.WARNING, "more than {0} distinct alert audiences; new ones get no toasts", MAX_AUDIENCES);
        }
        return audience;
    }

    /** On the alert engine's thread. */
    void notice(@Observes AlertNotice n) {
        List<AlertAudience> targets = audiences.stream().filter(a -> a.sees(n.tenantId(), n.queues())).toList();
        if (targets.isEmpty()) {
            return;
        }
        channel.send(message(n), targets);
    }

    static String message(AlertNotice n) {
        return LiveJson.PROVIDER.createObjectBuilder()
                .add("kind", n.kind())
                .add("incident", n.incidentId())
                .add("tenant", n.tenantId())
                .add("rule", n.ruleName())
                .add("severity", n.severity().name())
                .add("figure", n.figure().name())
                .add("scope", n.scopeLabel())
                .add("value", Math.round(n.value() * 100) / 100.0)
                .add("condition", n.condition())
                .add("text", n.text())
                .add("liveAt", n.liveAt())
                .add("sentAt", System.currentTimeMillis())
                .build().toString();
    }
}
