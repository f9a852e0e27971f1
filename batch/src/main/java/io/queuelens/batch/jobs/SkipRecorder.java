package io.queuelens.batch.jobs;

import io.queuelens.jobs.boundary.Jobs;
import jakarta.batch.api.chunk.listener.SkipProcessListener;
import jakarta.batch.api.chunk.listener.SkipReadListener;
import jakarta.batch.api.chunk.listener.SkipWriteListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** Records every skipped item with the reason, for the job history (any chunk step may list it). */
@Dependent
@Named("skipRecorder")
public class SkipRecorder implements SkipReadListener, SkipProcessListener, SkipWriteListener {

    @Inject
    JobContext job;

    @Inject
    Jobs jobs;

    @Override
    public void onSkipReadItem(Exception e) {
        jobs.recordSkip(job.getExecutionId(), null, reason(e));
    }

    @Override
    public void onSkipProcessItem(Object item, Exception e) {
        jobs.recordSkip(job.getExecutionId(), String.valueOf(item), reason(e));
    }

    @Override
    public void onSkipWriteItem(List<Object> items, Exception e) {
        jobs.recordSkip(job.getExecutionId(), items.size() + " items from " + items.get(0), reason(e));
    }

    static String reason(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
