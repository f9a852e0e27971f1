package io.queuelens.jobs.entity;

import java.time.Instant;

/**
 * One execution as the history shows it: JobOperator's status, times and step metrics (summed over
 * the steps), the launch it belongs to, and whether it was restarted (by whom, as which execution).
 *
 * @param progressPercent read items / items the job announced, while it runs; null when unknown
 */
public record JobRun(long launchId, long executionId, String jobName, String tenantId, String businessKey,
                     String launchedBy, String status, String exitStatus, Instant start, Instant end, long read,
                     long written, long skipped, Integer progressPercent, String error, Long restartedAs,
                     String restartedBy) {

    public boolean running() {
        return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
    }

    public boolean restartable() {
        return restartedAs == null && ("FAILED".equals(status) || "STOPPED".equals(status));
    }
}
