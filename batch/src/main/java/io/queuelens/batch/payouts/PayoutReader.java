package io.queuelens.batch.payouts;

import io.queuelens.jobs.boundary.Jobs;
import io.queuelens.payouts.boundary.PayoutDays;
import io.queuelens.payouts.entity.AgentDayFigures;
import io.queuelens.payouts.entity.PayoutItem;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Reads the agent-days of a launch not written yet, day by day (the figures of a whole day are
 * fetched at once: one agent report and one visit query per day). The position after a restart
 * comes from the database, not from the checkpoint: what a committed chunk wrote is done, what a
 * killed chunk wrote was rolled back with it. The checkpoint only counts, for the log.
 */
@Dependent
@Named("payoutReader")
public class PayoutReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String launchId;

    @Inject
    PayoutDays days;

    @Inject
    Jobs jobs;

    private final Deque<PayoutDays.DayPlan> plans = new ArrayDeque<>();
    private PayoutDays.DayPlan current;
    private int next;
    private Map<String, AgentDayFigures> figures = Map.of();
    private long read;

    @Override
    public void open(Serializable checkpoint) {
        long launch = Long.parseLong(launchId);
        List<PayoutDays.DayPlan> plan = days.plan(launch);
        plans.addAll(plan);
        jobs.itemsTotal(launch, plan.stream().mapToInt(PayoutDays.DayPlan::agentsInAll).sum());
        read = checkpoint == null ? 0 : (Long) checkpoint;
    }

    @Override
    public Object readItem() {
        while (current == null || next >= current.agentsToDo().size()) {
            current = plans.poll();
            next = 0;
            if (current == null) {
                return null;
            }
            figures = current.agentsToDo().isEmpty() ? Map.of() : days.figures(current.tenantId(), current.day());
        }
        String agent = current.agentsToDo().get(next++);
        read++;
        return new PayoutItem(current.tenantId(), current.day(), current.revision(), agent, figures.get(agent));
    }

    @Override
    public Serializable checkpointInfo() {
        return read;
    }
}
