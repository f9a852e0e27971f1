package io.queuelens.payouts.control;

import io.queuelens.payouts.entity.AgentGroup;
import io.queuelens.payouts.entity.RateCard;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The rate cards and groups of a tenant, to pick the card of an agent-day: a card assigned to the
 * agent wins over a group's; among several of the same kind (overlaps are refused when saved, but
 * an agent can be in two groups) the newest valid_from wins, then the lowest id. Agents are compared
 * by identity when one is given: a card assigned to {@code Agent/1001} also prices the days the report
 * counts under {@code PJSIP/1001}, since the reports merge one person's system names into one row.
 */
public record RatingContext(String currency, List<RateCard> cards, List<AgentGroup> groups) implements Serializable {

    private static final Comparator<RateCard> NEWEST_FIRST = Comparator.comparing(RateCard::validFrom).reversed()
            .thenComparingLong(RateCard::id);

    public Optional<RateCard> cardFor(String agent, LocalDate day) {
        return cardFor(agent, day, UnaryOperator.identity());
    }

    /** The card of an agent-day, where {@code identity} maps a system name to the person it belongs to. */
    public Optional<RateCard> cardFor(String agent, LocalDate day, UnaryOperator<String> identity) {
        String who = identity.apply(agent);
        Optional<RateCard> own = cards.stream()
                .filter(c -> c.agent() != null && who.equals(identity.apply(c.agent())) && c.validOn(day))
                .min(NEWEST_FIRST);
        if (own.isPresent()) {
            return own;
        }
        List<Long> groupIds = groups.stream()
                .filter(g -> g.agents().stream().map(identity).anyMatch(who::equals))
                .map(AgentGroup::id).toList();
        return cards.stream().filter(c -> c.groupId() != null && groupIds.contains(c.groupId()) && c.validOn(day))
                .min(NEWEST_FIRST);
    }
}
