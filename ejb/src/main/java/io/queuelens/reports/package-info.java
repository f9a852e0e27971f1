/**
 * Reports over the 15-minute rollups: for now the summary report (every KPI.md queue figure per queue
 * or per period, with the total and the settings used), read with one streaming query.
 *
 * <p>Owns: {@code boundary.SummaryReports} (what the REST API and pages call),
 * {@code control.QueueRollupReader} (JDBC reads of {@code rollup_queue_15m}),
 * {@code control.SummaryAccumulator} (sums buckets into rows in one pass), and the request/report
 * value objects in {@code entity}. Writing the rollups belongs to {@code rollups}.
 *
 * <p>Also {@code boundary.CallReports}: what needs single visits rather than buckets, read from
 * {@code queue_visit} with the same [from, to) attribution: wait-time distributions (one aggregate
 * query, {@code control.WaitDistribution}), answers per agent with their after-call work
 * ({@code control.AgentAnswers}), the abandoned calls page by page with whether the caller was
 * answered later ({@code control.AbandonedCalls}), and the average day from hourly rollup rows
 * ({@code control.HourlyProfile}).
 *
 * <p>Decisions:
 * <ul>
 *   <li><b>Attribution</b>: a visit counts in the period in which it entered the queue (its bucket's
 *       start); [from, to) with from inclusive, to exclusive.</li>
 *   <li><b>Bounds are rejected, not moved</b>: from/to must be on the 15-minute grid and, for rows
 *       per period, on that period's grid in the report's zone. The error names the parameter and the
 *       value to use. At most 400 local days and 500 queues per request.</li>
 *   <li><b>Every period is a row</b>, traffic or not (offered 0, ratios null): a quiet hour is shown,
 *       and a DST day has 23 or 25 hourly rows labelled with their offsets. Rows per queue list the
 *       requested queues even without data; "all queues" means those with data in the range (there is
 *       no queue catalog yet).</li>
 *   <li><b>The total</b> sums the buckets, so uniqueCalls across queues is the distinct calls and
 *       the percentages are ratios of sums, never averages of row percentages.</li>
 *   <li><b>Settings</b>: counters were decided when a bucket was counted, with the version it
 *       records. A row's service level is divided per the slaMode of its most recent bucket; a row
 *       mixing slaModes gets a note. A version the settings history does not have in force at the
 *       bucket's time is flagged as unknown and divided with KPI.md's defaults.</li>
 * </ul>
 */
package io.queuelens.reports;
