package io.queuelens.batch.subscriptions;

import io.queuelens.subscriptions.boundary.SubscriptionRuns;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The one step of {@code report-subscription}: renders the run's formats and queues its mail. A failure
 * (the owner lost access, a render error) fails the job with the reason in the job history
 * (jobErrorRecorder); a restart repeats the step, and Mailer.sendOnce keeps it to one mail.
 */
@Dependent
@Named("subscriptionRunBatchlet")
public class SubscriptionRunBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String runId;

    @Inject
    SubscriptionRuns runs;

    @Override
    public String process() {
        long mail = runs.execute(Long.parseLong(runId.strip()));
        return "SENT mail " + mail;
    }
}
