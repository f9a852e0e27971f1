/**
 * Several QueueLens servers as one (issue "Cluster"): {@link io.queuelens.cluster.boundary.Cluster}
 * says whether this server has peers and gives the data grid Payara ships (Hazelcast) when it has;
 * {@link io.queuelens.cluster.boundary.TenantOwnership} says which member runs a tenant's sources, so
 * that every source connection is held by one member at a time and the others follow its live state
 * over the grid. Without {@code queuelens.cluster.enabled} a server is alone and owns every tenant.
 */
package io.queuelens.cluster;
