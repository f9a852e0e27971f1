package io.queuelens.cluster.entity;

/**
 * CDI event: this member started or stopped running a tenant's sources. Fired synchronously on the
 * lease keeper's threads; observers that run sources start them on {@code held} and must stop them
 * before returning on {@code !held}, because the lease may expire in the database soon after (the
 * keeper fences itself ahead of that, but only by a margin).
 *
 * @param tenantId the tenant
 * @param held     whether this member runs its sources from now on
 * @param token    the lease's fencing token of this tenure
 */
public record TenantOwnershipChanged(String tenantId, boolean held, long token) {
}
