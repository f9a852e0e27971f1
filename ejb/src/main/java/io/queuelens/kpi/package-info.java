/**
 * KPI settings (versioned, per queue over tenant defaults) and the one calculator used by live,
 * reports, exports, alerts and payouts, with the formula text of every figure (KPI.md).
 *
 * <p>Decisions where KPI.md is silent, as a demanding contact-center manager would expect:
 * <ul>
 *   <li><b>Empty denominators</b>: a percentage or mean over nothing is {@code null} ("—"), never 0 or
 *       100; {@code maxWait} is null until a visit has ended. Counts are always numbers.</li>
 *   <li><b>Units</b>: percentages 0..100 and times in seconds, as unrounded doubles.</li>
 *   <li><b>OPEN visits</b> count as offered (KPI.md: offered = ENTERQUEUE), in no other counter and not in
 *       maxWait until they end; so offered = answered + unanswered + open.</li>
 *   <li><b>avgAbandonWait</b> averages the abandons that {@code abandoned} counts, i.e. short ones excluded.</li>
 *   <li><b>maxWait</b> is over every ended visit, answered or not (LOST included: its wait is what the
 *       parser could establish).</li>
 *   <li><b>uniqueCalls</b> counts visits with visitSeq 1: per queue that is "calls that entered here first";
 *       across queues it is exactly the distinct callids, and it stays additive over buckets and queues.</li>
 *   <li><b>ACW</b>: the pause reason {@code ACW} (case-insensitive) counts as after-call work only when it
 *       is billable and starts within {@code acwMatchSeconds} (before or after) of the call's end.</li>
 *   <li><b>Thresholds are bucket-time, slaMode and billable reasons are report-time</b>: slaSeconds,
 *       shortAbandonSeconds, shortCallSeconds, acwMatchSeconds and repeatWindowHours decide which counter
 *       a visit lands in when it is bucketed (a bucket records its settings version; changing them
 *       means a rollup rebuild); slaMode and billable pause reasons only change the division.</li>
 *   <li><b>Occupancy</b> is not capped at 100 %, so data gaps show.</li>
 *   <li><b>Pause reasons</b> are matched case-insensitively against the billable list.</li>
 * </ul>
 */
package io.queuelens.kpi;
