package io.queuelens.web.api;

import io.queuelens.cluster.boundary.Cluster;
import io.queuelens.cluster.boundary.TenantOwnership;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/cluster}: this server among its peers, {@code {"clustered":bool,"memberId":"...",
 * "members":[...],"heldTenants":[...]}} (heldTenants: whose sources this member runs; alone it runs
 * every tenant's and the list is empty), so an operator (and the cluster ITs) can see that the servers really formed one
 * grid and which member answers. Server administrators only: member ids and topology are
 * infrastructure, no tenant's business.
 */
@jakarta.ws.rs.Path("cluster")
@RequestScoped
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    Cluster cluster;

    @Inject
    TenantOwnership ownership;

    @GET
    public Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clustered", cluster.clustered());
        body.put("memberId", cluster.memberId());
        body.put("members", new TreeSet<>(cluster.memberIds()));
        body.put("heldTenants", new TreeSet<>(ownership.heldTenants()));
        return body;
    }
}
