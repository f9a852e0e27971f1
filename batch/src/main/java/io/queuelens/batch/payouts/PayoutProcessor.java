package io.queuelens.batch.payouts;

import io.queuelens.payouts.boundary.PayoutDays;
import io.queuelens.payouts.control.RatingContext;
import io.queuelens.payouts.entity.PayoutItem;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.UnaryOperator;

/**
 * Prices an agent-day with the card in force for it. The tenant's cards and groups are read once
 * per step (a card changed while the job runs applies from the next run or recompute), and so is how
 * system names map to agents: a card assigned to one of an agent's system names prices all of them. An item
 * without figures is an IllegalArgumentException: skipped and recorded, the other agents go on.
 */
@Dependent
@Named("payoutProcessor")
public class PayoutProcessor implements ItemProcessor {

    @Inject
    PayoutDays days;

    /** Milliseconds to wait per item: throttles a job on a busy server (and lets tests stop one midway). */
    @Inject
    @ConfigProperty(name = "queuelens.payouts.item-delay-ms", defaultValue = "0")
    long itemDelayMs;

    private RatingContext context;
    private UnaryOperator<String> agentIdentity;

    @Override
    public Object processItem(Object item) throws Exception {
        PayoutItem p = (PayoutItem) item;
        if (context == null) {
            context = days.ratingContext(p.tenantId());
            agentIdentity = days.agentIdentity(p.tenantId());
        }
        if (itemDelayMs > 0) {
            Thread.sleep(itemDelayMs);
        }
        return PayoutDays.price(p, context, agentIdentity);
    }
}
