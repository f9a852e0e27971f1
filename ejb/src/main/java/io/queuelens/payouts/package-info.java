/**
 * Agent payouts: rate cards per tenant (per agent or agent group, with effective dates), agent
 * groups, the rater that turns one agent-day's figures into priced lines, and the stored revisions of
 * computed days with their locks. The figures come from the agent report ({@code reports.AgentReports},
 * i.e. the agent rollups and {@code kpi.KpiCalculator}); nothing here defines a figure of its own.
 * The nightly job ({@code batch} module, job {@code payouts-nightly}) calls {@link io.queuelens.payouts.boundary.PayoutDays}.
 */
package io.queuelens.payouts;
