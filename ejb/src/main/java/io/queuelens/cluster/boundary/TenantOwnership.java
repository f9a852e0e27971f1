package io.queuelens.cluster.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.OptionalLong;
import java.util.Set;

/**
 * Which member runs a tenant's sources (AMI and Genesys connections, history readers, the demo for
 * tenant {@code demo}) and so owns the tenant's live model; the other members follow its live state.
 * One owner per tenant (not per source) keeps one live model per tenant, built from all its sources.
 * Alone, this server owns every tenant; clustered, the answer comes from the tenant leases
 * ({@link TenantLeases}), and changes are announced by the CDI event
 * {@link io.queuelens.cluster.entity.TenantOwnershipChanged}.
 */
@ApplicationScoped
public class TenantOwnership {

    @Inject
    Cluster cluster;

    @Inject
    TenantLeases leases;

    /** True when this member runs the tenant's sources now (always when not clustered). */
    public boolean holds(String tenantId) {
        return !cluster.clustered() || leases.holds(tenantId);
    }

    /** The tenants this member holds the leases of (clustered); empty alone, where it holds every tenant. */
    public Set<String> heldTenants() {
        return leases.heldTenants();
    }

    /** The fencing token of this member's tenure of the tenant, when clustered and held. */
    public OptionalLong token(String tenantId) {
        return leases.token(tenantId);
    }
}
