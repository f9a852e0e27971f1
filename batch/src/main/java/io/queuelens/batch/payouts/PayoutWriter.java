package io.queuelens.batch.payouts;

import io.queuelens.payouts.boundary.PayoutDays;
import io.queuelens.payouts.entity.AgentDayPayout;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;

/** Writes a chunk's agent-days and lines in the chunk's transaction (PayoutDays joins it). */
@Dependent
@Named("payoutWriter")
public class PayoutWriter extends AbstractItemWriter {

    @Inject
    PayoutDays days;

    @Inject
    @BatchProperty
    String launchId;

    @Override
    public void writeItems(List<Object> items) {
        List<AgentDayPayout> payouts = new ArrayList<>(items.size());
        items.forEach(i -> payouts.add((AgentDayPayout) i));
        days.write(Long.parseLong(launchId), payouts);
    }
}
