package io.queuelens.rollups.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.kpi.control.KpiSettingsHistory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A settlement rebuilds the agents in groups, one transaction each (DeferredRollups): every agent it owes and
 * every agent with an open session or pause is in exactly one group, and each group gets its own agents'
 * open facts, no others, counted to the same clock.
 */
class AgentRebuildGroupsTest {

    private static final String T = "t1";
    private static final Instant CLOCK = Instant.parse("2026-03-30T10:00:00Z");
    private static final Instant SINCE = Instant.parse("2026-03-30T09:00:00Z");

    private final AgentRollupRefresher refresher = new AgentRollupRefresher(T, KpiSettingsHistory.defaultsOnly());

    @Test
    void everyOwedAndEveryOpenAgentIsInExactlyOneGroupOfAtMostOneRead() {
        List<String> owed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            owed.add(String.format("SIP/%03d", i));
        }
        owed.add(" "); // no agent: nothing to rebuild
        AgentRollupRefresher.Open open = new AgentRollupRefresher.Open(
                List.of(session("SIP/005"), session("Local/900")), List.of(pause("Local/950")), CLOCK, SINCE);

        List<AgentRollupRefresher.Group> groups = refresher.rebuildGroups(owed, open);

        List<String> all = groups.stream().flatMap(g -> g.agents().stream()).toList();
        List<String> expected = new ArrayList<>(owed.subList(0, 200));
        expected.addAll(List.of("Local/900", "Local/950"));
        assertThat(all).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
        assertThat(groups).hasSize(3).allSatisfy(g -> assertThat(g.agents()).hasSizeLessThanOrEqualTo(90));
        // each group carries the open facts of its own agents only
        assertThat(groups).allSatisfy(g -> {
            assertThat(g.open().sessions()).allSatisfy(x -> assertThat(g.agents()).contains(x.agent()));
            assertThat(g.open().pauses()).allSatisfy(x -> assertThat(g.agents()).contains(x.agent()));
        });
        assertThat(groups.stream().mapToInt(g -> g.open().sessions().size() + g.open().pauses().size()).sum()).isEqualTo(3);
    }

    @Test
    void aGroupGetsOnlyItsAgentsOpenFactsToTheSameClock() {
        AgentRollupRefresher.Open open = new AgentRollupRefresher.Open(
                List.of(session("SIP/001"), session("SIP/002")), List.of(pause("SIP/002"), pause("SIP/003")), CLOCK, SINCE);

        AgentRollupRefresher.Open group = open.of(Arrays.asList("SIP/002", "SIP/003"));

        assertThat(group.sessions()).extracting(AgentSession::agent).containsExactly("SIP/002");
        assertThat(group.pauses()).extracting(AgentPause::agent).containsExactly("SIP/002", "SIP/003");
        assertThat(group.clock()).isEqualTo(CLOCK);
        assertThat(group.since()).isEqualTo(SINCE);
    }

    private static AgentSession session(String agent) {
        return new AgentSession(T, "src", agent, "sales", CLOCK.minusSeconds(3600), null);
    }

    private static AgentPause pause(String agent) {
        return new AgentPause(T, "src", agent, "sales", "Lunch", CLOCK.minusSeconds(600), null);
    }
}
