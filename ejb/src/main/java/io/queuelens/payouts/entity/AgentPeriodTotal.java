package io.queuelens.payouts.entity;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One agent-day of the payouts page: the revision shown (the newest), its total, and whether the day is locked. */
public record AgentPeriodTotal(LocalDate day, String agent, int revision, int revisions, BigDecimal total, String currency,
                               Long rateCardId, boolean locked) implements java.io.Serializable {
}
