package io.queuelens.live.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An agent as the live model knows them: one entry per member interface across all the tenant's
 * queues (an agent in three queues is one member with three queue names).
 *
 * @param agent        the member's interface as Asterisk names it (e.g. {@code PJSIP/201}, {@code Local/201@agents})
 * @param name         the member name (MemberName), or the interface when the PBX gives none
 * @param queues       the queues the member is in, sorted
 * @param state        see {@link MemberState}
 * @param since        when the member entered {@code state}
 * @param pauseReason  the pause reason while PAUSED, else null
 * @param callerNumber the caller on the member's current call, else null
 * @param callQueue    the queue of the current call, else null
 * @param callsTaken   calls answered since local midnight (seeded from facts, then counted)
 */
public record LiveMember(String agent, String name, Set<String> queues, MemberState state, Instant since,
                         String pauseReason, String callerNumber, String callQueue, int callsTaken) {

    public LiveMember {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        queues = Set.copyOf(queues);
        name = name == null || name.isBlank() ? agent : name;
    }
}
