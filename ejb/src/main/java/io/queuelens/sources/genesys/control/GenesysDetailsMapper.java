package io.queuelens.sources.genesys.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Turns one conversation of the details query into queue visits (and the answering agents' wrap-up as
 * ACW pauses), the same facts a PBX's queue_log gives:
 * <ul>
 * <li>each {@code interact} segment of an {@code acd} participant with a {@code queueId} is one visit,
 * numbered in start order within the conversation (call id = conversation id, visit seq = that number):
 * the same conversation read again gives the same keys, so a re-import replaces and never doubles;</li>
 * <li>enter = the acd segment's start; an agent participant's first {@code interact} segment for that
 * queue starting within the acd segment (or up to {@link #ANSWER_TOLERANCE} after its end) answers it:
 * answer = its start, agent = the user id, wait = answer - enter, ring = its {@code alert} segment;</li>
 * <li>talk = the agent's interact segments, hold = its {@code hold} segments, end = the last of them;
 * ACW = its {@code wrapup} segments, written as a pause with reason {@code ACW} starting at the call's
 * end (KPI.md's AHT counts it);</li>
 * <li>an agent interact segment ending with disconnectType {@code transfer} makes the visit transferred
 * (target: the next queue if the conversation entered one after it); {@code client} = the agent hung up,
 * {@code peer}/{@code endpoint} = the caller did;</li>
 * <li>not answered: the caller hung up ({@code peer}, {@code endpoint}, {@code client}...) is ABANDONED;
 * the call sent on ({@code transfer}: flow-out, overflow to another queue) is TIMEOUT with the next
 * queue; an acd segment without an end is OPEN (the overlap window reads it again when it finished).</li>
 * </ul>
 * Only voice sessions are read; an unreadable conversation is skipped and counted.
 */
public final class GenesysDetailsMapper {

    static final Duration ANSWER_TOLERANCE = Duration.ofSeconds(5);
    private static final Set<String> CALLER_GONE = Set.of("peer", "endpoint", "client", "disconnect", "timeout", "other");

    private final String tenantId;
    private final String sourceId;

    public GenesysDetailsMapper(String tenantId, String sourceId) {
        this.tenantId = tenantId;
        this.sourceId = sourceId;
    }

    private record Seg(String participant, String purpose, String userId, String type, Instant start, Instant end,
                       String queueId, String disconnectType, String ani, String dnis) {
        long seconds() {
            return end == null ? 0 : Math.max(0, Duration.between(start, end).toMillis() / 1000);
        }
    }

    /** Adds the conversation's visits and ACW pauses to the batch; @return false when it could not be read */
    public boolean map(JsonObject conversation, FactBatch batch) {
        String conversationId = text(conversation, "conversationId");
        if (conversationId == null) {
            return false;
        }
        List<Seg> segs = new ArrayList<>();
        try {
            for (JsonObject p : objects(conversation.get("participants"))) {
                String purpose = text(p, "purpose");
                String participantId = text(p, "participantId");
                String userId = text(p, "userId");
                for (JsonObject s : objects(p.get("sessions"))) {
                    String media = text(s, "mediaType");
                    if (media != null && !media.equals("voice")) {
                        continue;
                    }
                    for (JsonObject g : objects(s.get("segments"))) {
                        Instant start = time(text(g, "segmentStart"));
                        if (start == null) {
                            continue;
                        }
                        segs.add(new Seg(participantId, purpose, userId, text(g, "segmentType"), start,
                                time(text(g, "segmentEnd")), text(g, "queueId"), text(g, "disconnectType"),
                                tel(text(s, "ani")), tel(text(s, "dnis"))));
                    }
                }
            }
        } catch (DateTimeParseException | ClassCastException | IllegalStateException e) {
            return false;
        }
        segs.sort(Comparator.comparing(Seg::start));
        List<Seg> queued = segs.stream().filter(s -> "acd".equals(s.purpose()) && "interact".equals(s.type())
                && s.queueId() != null).toList();
        if (queued.isEmpty()) {
            return true; // never queued (internal call, IVR only): no queue fact
        }
        Seg customer = segs.stream().filter(s -> "customer".equals(s.purpose()) || "external".equals(s.purpose()))
                .findFirst().orElse(null);
        String caller = customer == null ? null : customer.ani();
        String did = customer == null ? null : customer.dnis();
        for (int i = 0; i < queued.size(); i++) {
            Seg acd = queued.get(i);
            String nextQueue = i + 1 < queued.size() ? queued.get(i + 1).queueId() : null;
            batch.visit(visit(conversationId, i + 1, acd, nextQueue, segs, caller, did, batch));
        }
        return true;
    }

    private QueueVisit visit(String conversationId, int seq, Seg acd, String nextQueue, List<Seg> segs, String caller,
                             String did, FactBatch batch) {
        Instant leftQueue = acd.end();
        Seg answer = segs.stream().filter(s -> "agent".equals(s.purpose()) && "interact".equals(s.type())
                        && acd.queueId().equals(s.queueId()) && !s.start().isBefore(acd.start())
                        && (leftQueue == null || !s.start().isAfter(leftQueue.plus(ANSWER_TOLERANCE))))
                .findFirst().orElse(null);
        if (answer == null) {
            if (leftQueue == null) {
                return new QueueVisit(tenantId, sourceId, conversationId, seq, acd.queueId(), caller, null, did,
                        acd.start(), null, null, Outcome.OPEN, 0, 0, 0, 0, null, false, null, null, null, null, 0, null);
            }
            boolean gone = acd.disconnectType() == null || CALLER_GONE.contains(acd.disconnectType());
            Outcome outcome = nextQueue == null && gone ? Outcome.ABANDONED : Outcome.TIMEOUT;
            return new QueueVisit(tenantId, sourceId, conversationId, seq, acd.queueId(), caller, null, did,
                    acd.start(), null, leftQueue, outcome, (int) acd.seconds(), 0, 0, 0, null, false, null, null, null,
                    null, 0, outcome == Outcome.TIMEOUT ? nextQueue : null);
        }
        // the answering agent's segments for this call: from its alert up to its wrap-up
        List<Seg> mine = segs.stream().filter(s -> answer.participant() != null && answer.participant().equals(s.participant()))
                .toList();
        long ring = mine.stream().filter(s -> "alert".equals(s.type()) && !s.start().isAfter(answer.start()))
                .mapToLong(Seg::seconds).sum();
        long talk = mine.stream().filter(s -> "interact".equals(s.type())).mapToLong(Seg::seconds).sum();
        long hold = mine.stream().filter(s -> "hold".equals(s.type())).mapToLong(Seg::seconds).sum();
        boolean open = mine.stream().anyMatch(s -> ("interact".equals(s.type()) || "hold".equals(s.type())) && s.end() == null);
        Instant ended = open ? null : mine.stream().filter(s -> "interact".equals(s.type()) || "hold".equals(s.type()))
                .map(Seg::end).max(Comparator.naturalOrder()).orElse(answer.end());
        Seg last = mine.stream().filter(s -> "interact".equals(s.type()) && s.end() != null)
                .max(Comparator.comparing(Seg::end)).orElse(null);
        String how = last == null ? null : last.disconnectType();
        boolean transferred = !open && "transfer".equals(how);
        String completedBy = open ? null : transferred ? "TRANSFER" : "client".equals(how) ? "AGENT"
                : how == null ? null : "CALLER";
        String target = transferred ? nextQueueAfter(segs, acd, answer.start()) : null;
        for (Seg w : mine) {
            if ("wrapup".equals(w.type()) && w.end() != null) {
                batch.pause(new AgentPause(tenantId, sourceId, answer.userId(), acd.queueId(), "ACW", w.start(), w.end()));
            }
        }
        int wait = (int) Math.max(0, Duration.between(acd.start(), answer.start()).toMillis() / 1000);
        return new QueueVisit(tenantId, sourceId, conversationId, seq, acd.queueId(), caller, null, did, acd.start(),
                answer.start(), ended, open ? Outcome.OPEN : Outcome.ANSWERED, wait, (int) ring, (int) talk, (int) hold,
                answer.userId(), transferred, target, completedBy, null, null, 0, null);
    }

    /** The queue the conversation entered after this visit was answered (a transfer to a queue), or null. */
    private static String nextQueueAfter(List<Seg> segs, Seg acd, Instant answered) {
        return segs.stream().filter(s -> s != acd && "acd".equals(s.purpose()) && "interact".equals(s.type())
                        && s.queueId() != null && !s.start().isBefore(answered))
                .map(Seg::queueId).findFirst().orElse(null);
    }

    private static List<JsonObject> objects(JsonValue v) {
        if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        return ((JsonArray) v).stream().filter(x -> x.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject).toList();
    }

    private static String text(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.STRING ? o.getString(key) : null;
    }

    private static Instant time(String s) {
        return s == null ? null : Instant.parse(s);
    }

    /** {@code tel:+4930123} -> {@code +4930123} */
    private static String tel(String s) {
        if (s == null) {
            return null;
        }
        return s.startsWith("tel:") ? s.substring(4) : s.startsWith("sip:") ? s.substring(4) : s;
    }
}
