package io.queuelens.jobs.control;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DepartedMembersTest {

    @Test
    void aMemberCountsAsGoneOnlyAfterBeingMissingForTheWholeGrace() {
        DepartedMembers departed = new DepartedMembers(6_000);
        assertThat(departed.departed(Set.of("a"), 1_000)).isEmpty();
        assertThat(departed.departed(Set.of("a"), 6_999)).isEmpty();
        assertThat(departed.departed(Set.of("a"), 7_000)).containsExactly("a");
    }

    @Test
    void aMemberSeenAgainStartsItsGraceAfresh() {
        DepartedMembers departed = new DepartedMembers(6_000);
        departed.departed(Set.of("a"), 0);
        departed.departed(Set.of(), 5_000); // back in the grid (or its launches settled)
        assertThat(departed.departed(Set.of("a"), 8_000)).isEmpty();
        assertThat(departed.departed(Set.of("a"), 14_000)).containsExactly("a");
    }

    @Test
    void eachMemberHasItsOwnGrace() {
        DepartedMembers departed = new DepartedMembers(6_000);
        departed.departed(Set.of("a"), 0);
        assertThat(departed.departed(Set.of("a", "b"), 6_000)).containsExactly("a");
        assertThat(departed.departed(Set.of("a", "b"), 12_000)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void withoutGraceEveryMissingMemberIsGoneAtOnce() {
        // a server alone: the other ids are its own earlier boots
        assertThat(new DepartedMembers(0).departed(Set.of("solo-1", "solo-2"), 42)).containsExactlyInAnyOrder("solo-1", "solo-2");
    }
}
