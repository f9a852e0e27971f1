package io.queuelens.alerts.boundary;

import io.queuelens.alerts.control.AlertStore;
import io.queuelens.alerts.entity.AlertDelivery;
import io.queuelens.alerts.entity.AlertIncident;
import io.queuelens.alerts.entity.IncidentState;
import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.identity.entity.Access;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Incidents as users see them: only those whose queues the user may all see (an incident of an agent outside
 * any queue, only by users who see every queue), and their acknowledgement.
 */
@ApplicationScoped
public class AlertIncidents {

    /** Incidents listed at most per request. */
    public static final int LIMIT = 500;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    AuditTrail audit;

    @Inject
    AlertEngine engine;

    public List<AlertIncident> list(String tenantId, Collection<IncidentState> states, Access access) throws SQLException {
        return new AlertStore(dataSource).incidents(tenantId, states, LIMIT).stream().filter(i -> visible(i, access)).toList();
    }

    public Optional<AlertIncident> find(String tenantId, long id, Access access) throws SQLException {
        return new AlertStore(dataSource).incident(tenantId, id).filter(i -> visible(i, access));
    }

    public List<AlertDelivery> deliveries(String tenantId, long incidentId) throws SQLException {
        return new AlertStore(dataSource).deliveries(tenantId, incidentId, 200);
    }

    /**
     * Acknowledges a firing incident the user may see.
     *
     * @return the incident as it is now, or empty when the user may not see it or it does not exist
     * @throws IllegalStateException when it is not firing (acknowledged or resolved already)
     */
    public Optional<AlertIncident> acknowledge(String tenantId, long id, Access access) throws SQLException {
        AlertStore store = new AlertStore(dataSource);
        Optional<AlertIncident> found = store.incident(tenantId, id).filter(i -> visible(i, access));
        if (found.isEmpty()) {
            return found;
        }
        if (!store.acknowledge(tenantId, id, access.caller(), Instant.now())) {
            throw new IllegalStateException("incident " + id + " is " + store.incident(tenantId, id).map(AlertIncident::state)
                    .orElse(IncidentState.RESOLVED).name().toLowerCase(java.util.Locale.ROOT) + ", not firing");
        }
        audit.recordAs(access.caller(), tenantId, "alert.acknowledged", found.get().ruleName(), found.get().scopeKey());
        engine.acknowledged(found.get());
        return store.incident(tenantId, id);
    }

    public static boolean visible(AlertIncident i, Access access) {
        if (!access.mayViewTenant(i.tenantId())) {
            return false;
        }
        if (i.queues().isEmpty()) {
            return !access.isQueueRestricted(i.tenantId());
        }
        return access.mayViewQueues(i.tenantId(), i.queues());
    }
}
