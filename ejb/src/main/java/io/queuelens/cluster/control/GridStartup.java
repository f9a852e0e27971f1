package io.queuelens.cluster.control;

import io.queuelens.cluster.boundary.Cluster;
import io.queuelens.cluster.entity.GridJoined;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Tells the components that follow their peers over the grid to start, at deployment: a member that does not
 * hold a tenant must show the owner's live picture and toasts before any of its own code touched the tenant.
 * An event (rather than this class calling them) keeps the cluster component free of what runs on top of it.
 */
@Singleton
@Startup
public class GridStartup {

    @Inject
    Cluster cluster;

    @Inject
    Event<GridJoined> joined;

    @PostConstruct
    void start() {
        if (cluster.clustered()) {
            joined.fire(new GridJoined(cluster.memberId()));
        }
    }
}
