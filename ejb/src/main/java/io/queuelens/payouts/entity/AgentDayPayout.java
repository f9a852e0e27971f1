package io.queuelens.payouts.entity;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The priced agent-day the nightly job writes: its lines and their total (the sum of the rounded lines). */
public record AgentDayPayout(String tenantId, LocalDate day, int revision, String agent, Long rateCardId,
                             String currency, List<PayoutLine> lines, BigDecimal total) implements Serializable {

    public AgentDayPayout {
        lines = List.copyOf(lines);
    }
}
