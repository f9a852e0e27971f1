package io.queuelens.sources.genesys.entity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a Genesys org looks like right now, as the resync after a reconnect reads it: per queue the
 * conversations waiting and interacting (the observations query), and the queues' members with their
 * presence and routing status. The live model is rebuilt from it.
 */
public record GenesysObservationSnapshot(List<QueueState> queues, List<Member> members) {

    public GenesysObservationSnapshot {
        queues = List.copyOf(queues);
        members = List.copyOf(members);
    }

    /** One queue (Genesys id) with its waiting and interacting conversations. */
    public record QueueState(String queueId, List<Waiting> waiting, List<Interacting> interacting) {
        public QueueState {
            Objects.requireNonNull(queueId, "queueId");
            waiting = List.copyOf(waiting);
            interacting = List.copyOf(interacting);
        }
    }

    /** A conversation waiting in the queue since {@code since} (the observation date; null when not told). */
    public record Waiting(String conversationId, String ani, String name, Instant since) {
        public Waiting {
            Objects.requireNonNull(conversationId, "conversationId");
        }
    }

    /** A conversation of the queue connected to a user (null when the observation does not say). */
    public record Interacting(String conversationId, String userId, String ani, Instant since) {
        public Interacting {
            Objects.requireNonNull(conversationId, "conversationId");
        }
    }

    /**
     * A user who is a member of {@code queueIds}; presence is the system presence (Available, Away,
     * Break, Meal, Offline...), routing status one of IDLE, INTERACTING, NOT_RESPONDING, OFF_QUEUE...
     */
    public record Member(String userId, String name, String presence, String routingStatus, Set<String> queueIds) {
        public Member {
            Objects.requireNonNull(userId, "userId");
            queueIds = Set.copyOf(queueIds);
        }
    }
}
