/**
 * Batch job launching and history: a job runs once per (job, tenant, business key) whoever asks
 * (a {@code job_launch} row with a unique key is claimed before {@code JobOperator.start}); a failed or
 * stopped execution is restarted at most once ({@code job_restart}, keyed by the execution); executions
 * a killed server left STARTED are marked failed and restarted once at the next start
 * ({@link io.queuelens.jobs.boundary.JobRecovery}). The history joins these rows with JobOperator's
 * executions and step metrics. JBatch's own repository lives in the app database (post-boot command
 * {@code set-batch-runtime-configuration}), so it survives restarts too.
 */
package io.queuelens.jobs;
