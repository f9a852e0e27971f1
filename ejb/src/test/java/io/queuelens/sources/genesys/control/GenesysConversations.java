package io.queuelens.sources.genesys.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;

/**
 * Builds conversations in the details query's shape ({@code conversationId, conversationStart,
 * participants[{purpose, userId, sessions[{mediaType, ani, dnis, segments[...]}]}]}) for tests.
 */
public final class GenesysConversations {

    private final String id;
    private final Instant start;
    private final JsonArrayBuilder participants = Json.createArrayBuilder();
    private int participantSeq;

    private GenesysConversations(String id, Instant start, String ani) {
        this.id = id;
        this.start = start;
        participants.add(participant("customer", null, Json.createArrayBuilder()
                .add(segment("interact", start, null, null, "peer")), ani));
    }

    public static GenesysConversations call(String id, Instant start, String ani) {
        return new GenesysConversations(id, start, ani);
    }

    /** The call waits in a queue from {@code entered} to {@code left}; left null = still waiting. */
    public GenesysConversations queue(String queueId, Instant entered, Instant left, String disconnectType) {
        participants.add(participant("acd", null, Json.createArrayBuilder()
                .add(segment("interact", entered, left, queueId, disconnectType)), null));
        return this;
    }

    /**
     * An agent of the queue: rings from {@code alert} to {@code answer}, talks to {@code end} with a hold of
     * {@code holdSeconds} in the middle, then wraps up for {@code wrapSeconds}; {@code how} ends the talk
     * ({@code client}: the agent hung up, {@code peer}: the caller did, {@code transfer}).
     */
    public GenesysConversations agent(String userId, String queueId, Instant alert, Instant answer, Instant end,
                                      long holdSeconds, long wrapSeconds, String how) {
        JsonArrayBuilder segs = Json.createArrayBuilder().add(segment("alert", alert, answer, queueId, null));
        if (holdSeconds > 0) {
            Instant mid = answer.plusSeconds((end.getEpochSecond() - answer.getEpochSecond() - holdSeconds) / 2);
            segs.add(segment("interact", answer, mid, queueId, null));
            segs.add(segment("hold", mid, mid.plusSeconds(holdSeconds), queueId, null));
            segs.add(segment("interact", mid.plusSeconds(holdSeconds), end, queueId, how));
        } else {
            segs.add(segment("interact", answer, end, queueId, how));
        }
        if (wrapSeconds > 0) {
            segs.add(segment("wrapup", end, end.plusSeconds(wrapSeconds), queueId, null));
        }
        participants.add(participant("agent", userId, segs, null));
        return this;
    }

    public JsonObject build() {
        return Json.createObjectBuilder().add("conversationId", id).add("conversationStart", start.toString())
                .add("originatingDirection", "inbound").add("participants", participants).build();
    }

    private JsonObject participant(String purpose, String userId, JsonArrayBuilder segments, String ani) {
        JsonObjectBuilder session = Json.createObjectBuilder().add("mediaType", "voice").add("segments", segments);
        if (ani != null) {
            session.add("ani", "tel:" + ani).add("dnis", "tel:+4930555000");
        }
        JsonObjectBuilder p = Json.createObjectBuilder().add("participantId", id + "-p" + (++participantSeq))
                .add("purpose", purpose).add("sessions", Json.createArrayBuilder().add(session));
        if (userId != null) {
            p.add("userId", userId).add("participantName", "User " + userId);
        }
        return p.build();
    }

    private static JsonObject segment(String type, Instant start, Instant end, String queueId, String disconnectType) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("segmentType", type).add("segmentStart", start.toString());
        if (end != null) {
            b.add("segmentEnd", end.toString());
        }
        if (queueId != null) {
            b.add("queueId", queueId);
        }
        if (disconnectType != null) {
            b.add("disconnectType", disconnectType);
        }
        return b.build();
    }
}
