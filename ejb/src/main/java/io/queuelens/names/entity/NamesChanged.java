package io.queuelens.names.entity;

/** CDI event: a display name of the tenant was set, reset or learned (the cached book was dropped). */
public record NamesChanged(String tenantId) {
}
