package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;

import java.util.List;

/**
 * What the AMI server asks the PBX for when a client sends a list action. Each method returns the list
 * items (without ActionID): the server adds the response, the ActionID and the Complete event.
 * Implementations must answer from a consistent state and may be called from any thread.
 */
public interface AmiStateProvider {

    /** QueueParams, QueueMember and QueueEntry events, optionally filtered by queue and member name. */
    List<AmiMessage> queueStatus(String queue, String member);

    /** One QueueSummary event per queue, optionally filtered. */
    List<AmiMessage> queueSummary(String queue);

    /** One CoreShowChannel event per active channel. */
    List<AmiMessage> coreShowChannels();

    /**
     * Runs {@code answer}, which reads one of the lists above and queues it to a client, while the PBX
     * broadcasts no event: the list then takes its place among the events in the PBX's own order. Events
     * queued before it are already in it, events after it happened after it, as with Asterisk, which writes
     * a list action's items before its session sends the events raised meanwhile. Without this, a caller's
     * leave could be queued between the read and the items, and the client would see the caller leave and
     * then a list that still has the caller waiting, which no later event corrects.
     */
    default void answerInOrder(Runnable answer) {
        answer.run();
    }

    /** An empty PBX: for a server that only replays frames. */
    AmiStateProvider EMPTY = new AmiStateProvider() {
        @Override
        public List<AmiMessage> queueStatus(String queue, String member) {
            return List.of();
        }

        @Override
        public List<AmiMessage> queueSummary(String queue) {
            return List.of();
        }

        @Override
        public List<AmiMessage> coreShowChannels() {
            return List.of();
        }
    };
}
