package io.queuelens.payouts.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an agent earns for a day, valid from {@code validFrom} to {@code validTo} (inclusive; null =
 * open). Assigned to one agent or to an agent group (exactly one of them). Amounts are in the tenant's
 * currency; a target that is null switches its bonus off.
 *
 * @param pauseRates per billable pause hour, by pause reason as logged (reasons not listed earn nothing)
 */
public record RateCard(long id, String tenantId, String name, String agent, Long groupId, LocalDate validFrom,
                       LocalDate validTo, BigDecimal perAnswered, BigDecimal perTalkMinute, TalkRounding talkRounding,
                       BigDecimal perReadyHour, Map<String, BigDecimal> pauseRates, BigDecimal slTargetPercent,
                       BigDecimal slBonus, Integer answeredTarget, BigDecimal answeredBonus, BigDecimal perRingNoAnswer) implements java.io.Serializable {

    public RateCard {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(talkRounding, "talkRounding");
        pauseRates = Map.copyOf(new TreeMap<>(pauseRates));
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    /** Pause rates as stored: {@code reason=rate} pairs separated by ';' (reasons cannot hold '=' or ';'). */
    public String pauseRatesText() {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(pauseRates).forEach((r, v) -> s.append(s.length() == 0 ? "" : ";").append(r).append('=').append(v.toPlainString()));
        return s.toString();
    }

    public static Map<String, BigDecimal> parsePauseRates(String text) {
        Map<String, BigDecimal> m = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("pause rate '" + pair.strip() + "' is not reason=amount");
            }
            m.put(kv[0].strip(), new BigDecimal(kv[1].strip()));
        }
        return m;
    }
}
