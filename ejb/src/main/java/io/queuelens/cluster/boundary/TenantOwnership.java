package io.queuelens.cluster.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which member runs a tenant's sources (AMI and Genesys connections, history readers, the demo for
 * tenant {@code demo}) and so owns the tenant's live model; the other members follow its live state.
 * One owner per tenant (not per source) keeps one live model per tenant, built from all its sources.
 * Alone, this server owns every tenant.
 */
@ApplicationScoped
public class TenantOwnership {

    @Inject
    Cluster cluster;

    /** True when this member runs the tenant's sources now (always when not clustered). */
    public boolean holds(String tenantId) {
        return !cluster.clustered();
    }
}
