package io.queuelens.payouts.control;

import io.queuelens.payouts.entity.AgentGroup;
import io.queuelens.payouts.entity.RateCard;
import io.queuelens.payouts.entity.TalkRounding;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which card prices an agent-day: the agent's own over a group's, only on the days it is valid. */
class RatingContextTest {

    private static RateCard card(long id, String agent, Long group, String from, String to) {
        return new RateCard(id, "t", "c" + id, agent, group, LocalDate.parse(from), to == null ? null : LocalDate.parse(to),
                BigDecimal.ONE, BigDecimal.ZERO, TalkRounding.PER_SECOND, BigDecimal.ZERO, Map.of(), null, BigDecimal.ZERO,
                null, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private final RatingContext context = new RatingContext("EUR", List.of(
            card(1, null, 10L, "2026-01-01", null),
            card(2, "alice", null, "2026-03-01", "2026-03-31"),
            card(3, null, 11L, "2026-01-01", "2026-06-30")),
            List.of(new AgentGroup(10, "t", "day", List.of("alice", "bob")), new AgentGroup(11, "t", "late", List.of("carol"))));

    @Test
    void theAgentsOwnCardWinsOnItsDaysAndTheGroupCardOnTheOthers() {
        assertThat(context.cardFor("alice", LocalDate.parse("2026-03-15"))).map(RateCard::id).contains(2L);
        assertThat(context.cardFor("alice", LocalDate.parse("2026-03-31"))).map(RateCard::id).contains(2L);
        assertThat(context.cardFor("alice", LocalDate.parse("2026-04-01"))).map(RateCard::id).contains(1L);
        assertThat(context.cardFor("bob", LocalDate.parse("2026-03-15"))).map(RateCard::id).contains(1L);
    }

    @Test
    void noCardBeforeItsFirstDayAfterItsLastOrForAnAgentOfNoGroup() {
        assertThat(context.cardFor("bob", LocalDate.parse("2025-12-31"))).isEmpty();
        assertThat(context.cardFor("carol", LocalDate.parse("2026-07-01"))).isEmpty();
        assertThat(context.cardFor("carol", LocalDate.parse("2026-06-30"))).map(RateCard::id).contains(3L);
        assertThat(context.cardFor("dave", LocalDate.parse("2026-03-15"))).isEmpty();
    }

    @Test
    void aCardOfOneSystemNameOfAnAgentPricesTheAgentsOtherSystemNames() {
        RatingContext ctx = new RatingContext("EUR", List.of(
                card(1, "Agent/1001", null, "2026-01-01", null),
                card(2, null, 10L, "2026-01-01", null)),
                List.of(new AgentGroup(10, "t", "day", List.of("SIP/1002"))));
        io.queuelens.names.entity.NameBook book = io.queuelens.names.entity.NameBook.of("t", List.of());
        LocalDate day = LocalDate.parse("2026-03-15");

        assertThat(ctx.cardFor("PJSIP/1001", day, book::agentIdentity)).map(RateCard::id).contains(1L);
        assertThat(ctx.cardFor("Local/1001@from-queue/n", day, book::agentIdentity)).map(RateCard::id).contains(1L);
        assertThat(ctx.cardFor("PJSIP/1002", day, book::agentIdentity)).map(RateCard::id).contains(2L);
        assertThat(ctx.cardFor("PJSIP/1003", day, book::agentIdentity)).isEmpty();
        // Without identities, names are compared as they are.
        assertThat(ctx.cardFor("PJSIP/1001", day)).isEmpty();
    }
}
