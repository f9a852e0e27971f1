/**
 * Threshold alerts: rules per tenant over a live figure (from the live snapshot) or an interval figure
 * (service level / abandon rate of the last 15, 30 or 60 minutes, from the rollups, through the one KPI
 * calculator), evaluated on every live change and at each closed 15-minute interval by a pure
 * {@link io.queuelens.alerts.control.RuleEvaluator} (minimum duration, hysteresis, quiet hours, rate-limited
 * repeats). Owns the tables {@code alert_rule}, {@code alert_channel}, {@code alert_incident} and
 * {@code alert_delivery}: one incident per rule and scope while it fires, and a durable delivery log with
 * retries for e-mail (through the mail outbox) and webhooks (generic signed JSON, Slack, Telegram). The in-app
 * notice is a CDI event ({@link io.queuelens.alerts.entity.AlertNotice}) that the web module pushes.
 */
package io.queuelens.alerts;
