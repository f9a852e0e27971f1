package io.queuelens.payouts.entity;

import java.math.BigDecimal;

/**
 * One priced line of an agent-day: what was counted ({@code component}, e.g. ANSWERED, TALK, READY,
 * PAUSE with the reason in {@code detail}, SL_BONUS, ANSWERED_BONUS, RING_NO_ANSWER), how much of it
 * ({@code quantity} in {@code unit}), the rate and the amount (HALF_UP to cents; deductions negative).
 */
public record PayoutLine(int seq, String component, String detail, BigDecimal quantity, String unit, BigDecimal rate,
                         BigDecimal amount) implements java.io.Serializable {
}
