package io.queuelens.identity.entity;

/** What a user may do. Names are the Jakarta Security group names used in {@code @RolesAllowed}. */
public enum Role {
    /** Everything: users, sources, settings, all tenants. */
    ADMIN,
    /** Reports, payouts, alert rules and wallboard layouts of their tenants. */
    MANAGER,
    /** Reports and exports. */
    REPORTS,
    /** Wallboards only. */
    DASHBOARD
}
