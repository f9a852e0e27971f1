package io.queuelens.batch.jobs;

import io.queuelens.jobs.boundary.Jobs;
import jakarta.batch.api.chunk.listener.ChunkListener;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Properties;

/**
 * Keeps the error that failed a job where the history shows it (Jakarta Batch's JobExecution has
 * only an exit status): the chunk's exception, or the step's, on the launch row.
 */
@Dependent
@Named("jobErrorRecorder")
public class JobErrorRecorder implements ChunkListener, StepListener {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    Jobs jobs;

    @Override
    public void onError(Exception e) {
        record(SkipRecorder.reason(e));
    }

    @Override
    public void afterStep() {
        if (step.getBatchStatus() == BatchStatus.FAILED && step.getException() != null) {
            record(SkipRecorder.reason(step.getException()));
        }
    }

    @Override
    public void beforeStep() {
    }

    @Override
    public void beforeChunk() {
    }

    @Override
    public void afterChunk() {
    }

    private void record(String error) {
        Properties p = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
        String launch = p == null ? null : p.getProperty(Jobs.LAUNCH_ID);
        if (launch != null) {
            jobs.recordError(Long.parseLong(launch), error);
        }
    }
}
