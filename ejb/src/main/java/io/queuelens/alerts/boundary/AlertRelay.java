package io.queuelens.alerts.boundary;


import com.hazelcast.topic.ITopic;
import io.queuelens.alerts.control.AlertFrames;
import io.queuelens.alerts.entity.AlertNotice;
import io.queuelens.cluster.boundary.Cluster;
import io.queuelens.cluster.boundary.TenantOwnership;
import io.queuelens.cluster.control.GridFrames;
import io.queuelens.cluster.entity.GridJoined;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Alerts once per cluster, seen everywhere. Only the member that holds a tenant evaluates its rules (so an
 * incident opens once and its mails and webhooks go out once); this relay carries that member's in-app notices to
 * the other members, whose browsers get the toast as from a local incident, and carries rule changes and
 * acknowledgements made on any other member to the engine that evaluates the tenant. Alone, it does nothing.
 */
@ApplicationScoped
public class AlertRelay {

    private static final Logger LOG = Logger.getLogger(AlertRelay.class.getName());
    static final String TOPIC = "queuelens.alerts";

    @Inject
    Cluster cluster;

    @Inject
    TenantOwnership ownership;

    @Inject
    Event<AlertNotice> notices;

    @Inject
    AlertEngine engine;

    @Resource
    ManagedThreadFactory threads;

    private volatile ITopic<byte[]> topic;
    private ExecutorService receiver;
    private UUID listener;

    /** At startup of a cluster member: listens to the other members. */
    void start(@Observes GridJoined joined) {
        if (topic != null || cluster.grid().isEmpty()) {
            return;
        }
        receiver = Executors.newSingleThreadExecutor(threads);
        ITopic<byte[]> t = cluster.grid().get().getTopic(TOPIC);
        listener = t.addMessageListener(m -> hand(m.getMessageObject()));
        topic = t;
    }

    /** An incident of a tenant this member holds changed: the other members' browsers get the toast too. */
    void notice(@Observes AlertNotice notice) {
        if (topic != null && ownership.holds(notice.tenantId())) {
            send(new AlertFrames.Notice(cluster.memberId(), notice));
        }
    }

    /** A rule of a tenant another member holds was changed here: that member's engine reads its rules again. */
    public void ruleChanged(String tenantId, long ruleId) {
        if (topic != null) {
            send(new AlertFrames.RuleChanged(cluster.memberId(), tenantId, ruleId));
        }
    }

    /** An incident of a tenant another member holds was acknowledged here: that member's engine stops its repeats. */
    public void acknowledged(String tenantId, long ruleId, String scopeKey) {
        if (topic != null) {
            send(new AlertFrames.Acknowledged(cluster.memberId(), tenantId, ruleId, scopeKey));
        }
    }

    private void send(AlertFrames.Message message) {
        try {
            topic.publish(AlertFrames.encode(message));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "alert message for the cluster not sent: " + e.getMessage(), e);
        }
    }

    /** On Hazelcast's thread: hands over at once. */
    private void hand(byte[] frame) {
        GridFrames.handOver(receiver, frame, this::take, LOG, "alert");
    }

    private void take(byte[] bytes) {
        AlertFrames.Message m = GridFrames.decodeOrLog(bytes, AlertFrames::decode, LOG, "alert message").orElse(null);
        if (m == null || m.origin().equals(cluster.memberId())) {
            return;
        }
        boolean held = ownership.holds(m.tenantId());
        try {
            if (m instanceof AlertFrames.Notice n && !held) {
                notices.fire(n.notice()); // the web module's toast push observes it as a local one
            } else if (m instanceof AlertFrames.RuleChanged r && held) {
                engine.ruleChanged(r.tenantId(), r.ruleId());
            } else if (m instanceof AlertFrames.Acknowledged a && held) {
                engine.acknowledged(a.tenantId(), a.ruleId(), a.scopeKey());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "alert message from member " + m.origin() + " not applied: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        if (topic != null) {
            try {
                topic.removeMessageListener(listener);
            } catch (RuntimeException gridGone) {
                LOG.log(Level.FINE, "alert topic listener not removed: {0}", gridGone.toString());
            }
            receiver.shutdownNow();
        }
    }
}
