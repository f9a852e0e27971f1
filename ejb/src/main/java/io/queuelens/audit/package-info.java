/**
 * The audit log: who changed what, when, and every login success and failure. Components do not call
 * the log: they fire an {@link io.queuelens.audit.entity.Audited} CDI event, and the audit component
 * stores it, so a component stays testable without the audit table.
 */
package io.queuelens.audit;
