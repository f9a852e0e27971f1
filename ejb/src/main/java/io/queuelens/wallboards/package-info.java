/**
 * Wallboards: which live cards a user arranged for a tenant (queues or groups of queues, the figures
 * shown, colour, green/yellow/red thresholds, order, the board's refresh interval), stored per user
 * and optionally shared with everyone who may see the tenant. The figures themselves come from the
 * live snapshot and {@code KpiCalculator}; a board only says which ones to show and how to judge them.
 */
package io.queuelens.wallboards;
