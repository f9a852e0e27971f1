package io.queuelens.cluster.entity;

/**
 * One tenant's lease row as the database saw it at one moment, with the expiry already judged by the
 * database's clock (members never compare their own clocks with {@code expires_at}).
 *
 * @param tenantId   the tenant whose sources the lease is for
 * @param holder     the member holding it, or null when released
 * @param token      the fencing counter: one higher at every change of holder
 * @param expired    whether it has run out (or was released): anyone may take it
 * @param longFree   whether it has been free for so long that a member takes it even beyond its fair share
 * @param expiresInMillis how long until it runs out, by the database's clock (negative: ran out that long ago)
 */
public record Lease(String tenantId, String holder, long token, boolean expired, boolean longFree, long expiresInMillis) {

    /** Free for anyone: released or run out. */
    public boolean free() {
        return holder == null || expired;
    }
}
