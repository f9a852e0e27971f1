/**
 * Report subscriptions: a report with its filters, formats, recipients and a schedule (daily, weekly,
 * monthly at a local time of the tenant), rendered and mailed by the Jakarta Batch job
 * {@code report-subscription}.
 *
 * <p>Owns: {@code report_subscription} (what to send, to whom, when; next and last run),
 * {@code report_subscription_run} (one row per subscription and scheduled instant, or per "send now":
 * its key makes the launch, and the mail, happen once), {@code subscription_secret} (the HMAC key of the
 * download links, kept encrypted by the vault).
 *
 * <p>Decisions:
 * <ul>
 *   <li>The schedule is computed by one pure class ({@code control.NextRun}); a local time that a
 *       spring-forward skips runs at the end of the gap, a time repeated at fall-back runs once (its
 *       first occurrence).</li>
 *   <li>A run uses the owner's access as it is at run time (identity's {@code CallerAccess}), never a
 *       copy taken when the subscription was saved: a disabled owner, or one who lost a tenant or a queue,
 *       gets a failed run and no mail.</li>
 *   <li>Rendering reuses {@code exports.ReportExports}; mail goes through {@code mail.Mailer.sendOnce}
 *       with the run key as purpose; launching through {@code jobs.Jobs} keyed by the run key.</li>
 * </ul>
 */
package io.queuelens.subscriptions;
