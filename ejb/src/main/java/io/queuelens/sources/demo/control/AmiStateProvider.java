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
