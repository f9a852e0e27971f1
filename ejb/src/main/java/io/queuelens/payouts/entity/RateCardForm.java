package io.queuelens.payouts.entity;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rate card as the API receives it (JSON) and the page edits it: plain fields, converted to a
 * {@link RateCard} with a problem per field that cannot be read. Amounts left empty are 0; targets
 * left empty switch their bonus off.
 */
public class RateCardForm implements Serializable {

    public String name;
    public String agent;
    public Long groupId;
    public String validFrom;
    public String validTo;
    public BigDecimal perAnswered;
    public BigDecimal perTalkMinute;
    public String talkRounding;
    public BigDecimal perReadyHour;
    public Map<String, BigDecimal> pauseRates;
    public BigDecimal slTargetPercent;
    public BigDecimal slBonus;
    public Integer answeredTarget;
    public BigDecimal answeredBonus;
    public BigDecimal perRingNoAnswer;

    public static RateCardForm of(RateCard c) {
        RateCardForm f = new RateCardForm();
        f.name = c.name();
        f.agent = c.agent();
        f.groupId = c.groupId();
        f.validFrom = c.validFrom().toString();
        f.validTo = c.validTo() == null ? null : c.validTo().toString();
        f.perAnswered = c.perAnswered();
        f.perTalkMinute = c.perTalkMinute();
        f.talkRounding = c.talkRounding().name();
        f.perReadyHour = c.perReadyHour();
        f.pauseRates = new TreeMap<>(c.pauseRates());
        f.slTargetPercent = c.slTargetPercent();
        f.slBonus = c.slBonus();
        f.answeredTarget = c.answeredTarget();
        f.answeredBonus = c.answeredBonus();
        f.perRingNoAnswer = c.perRingNoAnswer();
        return f;
    }

    public RateCard toRateCard(String tenant, long id) {
        List<InvalidPayoutInput.Problem> p = new ArrayList<>();
        LocalDate from = day(validFrom, "validFrom", true, p);
        LocalDate to = day(validTo, "validTo", false, p);
        TalkRounding rounding = TalkRounding.PER_SECOND;
        if (talkRounding != null && !talkRounding.isBlank()) {
            try {
                rounding = TalkRounding.valueOf(talkRounding.strip());
            } catch (IllegalArgumentException e) {
                p.add(new InvalidPayoutInput.Problem("talkRounding", "talkRounding is PER_SECOND or PER_STARTED_MINUTE"));
            }
        }
        if (!p.isEmpty()) {
            throw new InvalidPayoutInput(p);
        }
        Map<String, BigDecimal> pauses = new TreeMap<>();
        if (pauseRates != null) {
            pauseRates.forEach((r, v) -> {
                if (r != null && !r.isBlank()) {
                    pauses.put(r.strip(), zero(v));
                }
            });
        }
        return new RateCard(id, tenant, name, agent, groupId, from, to, zero(perAnswered), zero(perTalkMinute), rounding,
                zero(perReadyHour), pauses, slTargetPercent, zero(slBonus), answeredTarget, zero(answeredBonus),
                zero(perRingNoAnswer));
    }

    private static BigDecimal zero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static LocalDate day(String v, String field, boolean required, List<InvalidPayoutInput.Problem> p) {
        if (v == null || v.isBlank()) {
            if (required) {
                p.add(new InvalidPayoutInput.Problem(field, field + " is required (YYYY-MM-DD)"));
            }
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            p.add(new InvalidPayoutInput.Problem(field, field + " must be a day YYYY-MM-DD, was '" + v + "'"));
            return null;
        }
    }

    // JavaBean accessors: the page binds through EL, which reads properties, not public fields.
    public String getName() { return name; }
    public void setName(String v) { this.name = v; }
    public String getAgent() { return agent; }
    public void setAgent(String v) { this.agent = v; }
    public Long getGroupId() { return groupId; }
    public void setGroupId(Long v) { this.groupId = v; }
    public String getValidFrom() { return validFrom; }
    public void setValidFrom(String v) { this.validFrom = v; }
    public String getValidTo() { return validTo; }
    public void setValidTo(String v) { this.validTo = v; }
    public BigDecimal getPerAnswered() { return perAnswered; }
    public void setPerAnswered(BigDecimal v) { this.perAnswered = v; }
    public BigDecimal getPerTalkMinute() { return perTalkMinute; }
    public void setPerTalkMinute(BigDecimal v) { this.perTalkMinute = v; }
    public String getTalkRounding() { return talkRounding; }
    public void setTalkRounding(String v) { this.talkRounding = v; }
    public BigDecimal getPerReadyHour() { return perReadyHour; }
    public void setPerReadyHour(BigDecimal v) { this.perReadyHour = v; }
    public Map<String, BigDecimal> getPauseRates() { return pauseRates; }
    public void setPauseRates(Map<String, BigDecimal> v) { this.pauseRates = v; }
    public BigDecimal getSlTargetPercent() { return slTargetPercent; }
    public void setSlTargetPercent(BigDecimal v) { this.slTargetPercent = v; }
    public BigDecimal getSlBonus() { return slBonus; }
    public void setSlBonus(BigDecimal v) { this.slBonus = v; }
    public Integer getAnsweredTarget() { return answeredTarget; }
    public void setAnsweredTarget(Integer v) { this.answeredTarget = v; }
    public BigDecimal getAnsweredBonus() { return answeredBonus; }
    public void setAnsweredBonus(BigDecimal v) { this.answeredBonus = v; }
    public BigDecimal getPerRingNoAnswer() { return perRingNoAnswer; }
    public void setPerRingNoAnswer(BigDecimal v) { this.perRingNoAnswer = v; }
}
