/**
 * 15-minute UTC rollups per tenant/queue and tenant/agent, maintained incrementally, and their
 * summation into report periods in any time zone (KPI.md, Time; DESIGN.md, rollups).
 *
 * <p>Decisions:
 * <ul>
 *   <li><b>Attribution</b>: a visit counts in the bucket where the caller entered the queue, with the
 *       settings in force for that queue at the bucket's start (recorded in the bucket).</li>
 *   <li><b>Updates</b>: a changed visit is subtracted in its old form and added in its new form
 *       ({@code QueueBucket.replace}); add-then-subtract gives back the empty bucket.</li>
 *   <li><b>maxWait</b> is kept with the number of visits holding it. Removing the last holder leaves an
 *       upper bound flagged inexact; {@code QueueRollups} then recomputes the bucket's maximum from its
 *       visits at once (a persistent writer does the same with one query over the bucket's facts).
 *       A plain OPEN to ANSWERED update never hits this, since OPEN visits have no final wait.</li>
 *   <li><b>Repeat flags</b> belong to the earlier visit but are learnt from the later one:
 *       {@code RepeatDetector} reports every flag that changed and the earlier visit's bucket is
 *       updated by replace, wherever it is.</li>
 *   <li><b>Agents</b>: sessions, pauses and talk are cut exactly at bucket boundaries; overlapping
 *       sessions count once and overlapping pauses go to the latest-started one; agent buckets are
 *       recomputed per agent and day rather than patched (see {@code AgentTimeline}).</li>
 *   <li><b>Where a recomputation reads its facts</b> ({@code FactReads}): the stored facts, or, for a bulk
 *       import into a tenant without facts that is still its only writer, the facts the import wrote and holds
 *       ({@code HeldFacts}; the {@code fact_writes} row tells who wrote last). Same questions, same answers, the
 *       same calculators: a settlement then reads nothing back.</li>
 *   <li><b>Periods</b> follow the local clock as it was: 23/25-hour days, repeated or cut-short local
 *       hours are separate periods labelled with their offset; zones with offsets off the 15-minute
 *       grid (historic local mean time) are refused rather than approximated.</li>
 *   <li><b>Report range</b>: [from, to) must be on the 15-minute grid; the first and last period are
 *       clipped to it and keep their nominal label. Periods without data are present with zero totals.</li>
 * </ul>
 * Pure Java: no database, no EE APIs; the persistent writer and report queries build on these.
 */
package io.queuelens.rollups;
