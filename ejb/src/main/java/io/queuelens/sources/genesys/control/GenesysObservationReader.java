package io.queuelens.sources.genesys.control;

import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot;
import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot.Interacting;
import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot.Member;
import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot.QueueState;
import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot.Waiting;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.queuelens.sources.genesys.control.GenesysLiveTranslator.array;
import static io.queuelens.sources.genesys.control.GenesysLiveTranslator.object;
import static io.queuelens.sources.genesys.control.GenesysLiveTranslator.systemPresence;
import static io.queuelens.sources.genesys.control.GenesysLiveTranslator.text;
import static io.queuelens.sources.genesys.control.GenesysLiveTranslator.time;

/**
 * Reads the resync's answers (FORMATS.md §4): the queue observations query and the queues' member
 * lists, into one {@link GenesysObservationSnapshot}. Tolerant of what Genesys leaves out (a queue
 * with nothing going on has no result at all; observations come only for detail metrics).
 */
public final class GenesysObservationReader {

    /** The API accepts at most this many predicates in one observation query. */
    public static final int QUEUES_PER_QUERY = 100;

    private final Map<String, List<Waiting>> waiting = new LinkedHashMap<>();
    private final Map<String, List<Interacting>> interacting = new LinkedHashMap<>();
    private final Map<String, String> observedRouting = new HashMap<>();
    private final Map<String, MemberBuilder> members = new LinkedHashMap<>();

    private static final class MemberBuilder {
        String name;
        String presence;
        String routingStatus;
        final Set<String> queues = new LinkedHashSet<>();
    }

    /** Starts the snapshot of these queues (Genesys ids): each is in it, even without observations. */
    public GenesysObservationReader(Collection<String> queueIds) {
        for (String q : queueIds) {
            waiting.put(q, new ArrayList<>());
            interacting.put(q, new ArrayList<>());
        }
    }

    /** The body of {@code POST /api/v2/analytics/queues/observations/query} for up to {@link #QUEUES_PER_QUERY} queues. */
    public static JsonObject query(Collection<String> queueIds) {
        if (queueIds.isEmpty() || queueIds.size() > QUEUES_PER_QUERY) {
            throw new IllegalArgumentException("1 to " + QUEUES_PER_QUERY + " queues per observation query, not "
                    + queueIds.size());
        }
        JsonArrayBuilder predicates = Json.createArrayBuilder();
        for (String q : queueIds) {
            predicates.add(Json.createObjectBuilder().add("dimension", "queueId").add("value", q));
        }
        JsonArrayBuilder metrics = Json.createArrayBuilder().add("oWaiting").add("oInteracting").add("oOnQueueUsers")
                .add("oUserRoutingStatuses").add("oUserPresences");
        JsonArrayBuilder details = Json.createArrayBuilder().add("oWaiting").add("oInteracting")
                .add("oUserRoutingStatuses");
        return Json.createObjectBuilder()
                .add("filter", Json.createObjectBuilder().add("type", "or").add("predicates", predicates))
                .add("metrics", metrics)
                .add("detailMetrics", details)
                .build();
    }

    /** Adds one observation query answer ({@code results[{group:{queueId}, data:[{metric, qualifier, observations[]}]}]}). */
    public GenesysObservationReader observations(JsonObject answer) {
        JsonArray results = array(answer, "results");
        if (results == null) {
            throw new IllegalArgumentException("an observation answer without results");
        }
        for (JsonValue r : results) {
            if (r.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            String queueId = text(object(r.asJsonObject(), "group"), "queueId");
            JsonArray data = array(r.asJsonObject(), "data");
            if (queueId == null || data == null) {
                continue;
            }
            for (JsonValue d : data) {
                if (d.getValueType() != JsonValue.ValueType.OBJECT) {
                    continue;
                }
                JsonObject metric = d.asJsonObject();
                JsonArray observations = array(metric, "observations");
                if (observations == null) {
                    continue;
                }
                String name = text(metric, "metric");
                for (JsonValue ov : observations) {
                    if (ov.getValueType() != JsonValue.ValueType.OBJECT) {
                        continue;
                    }
                    JsonObject o = ov.asJsonObject();
                    String conversation = text(o, "conversationId");
                    if ("oWaiting".equals(name) && conversation != null) {
                        waiting.computeIfAbsent(queueId, k -> new ArrayList<>()).add(new Waiting(conversation,
                                tel(text(o, "ani")), text(o, "participantName"), time(o, "observationDate")));
                    } else if ("oInteracting".equals(name) && conversation != null) {
                        interacting.computeIfAbsent(queueId, k -> new ArrayList<>()).add(new Interacting(conversation,
                                text(o, "userId"), tel(text(o, "ani")), time(o, "observationDate")));
                    } else if ("oUserRoutingStatuses".equals(name) && text(o, "userId") != null
                            && text(metric, "qualifier") != null) {
                        observedRouting.put(text(o, "userId"), text(metric, "qualifier"));
                    }
                }
            }
        }
        return this;
    }

    /**
     * Adds one page of {@code GET /api/v2/routing/queues/{id}/members} entities: {@code id} or
     * {@code user.id}, {@code name}, {@code routingStatus.status}, presence in {@code presence} or
     * {@code user.presence}; a member with {@code joined:false} is not active in the queue and skipped.
     */
    public GenesysObservationReader members(String queueId, JsonArray entities) {
        for (JsonValue v : entities) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject e = v.asJsonObject();
            if (e.containsKey("joined") && e.get("joined") == JsonValue.FALSE) {
                continue;
            }
            JsonObject user = object(e, "user");
            String id = text(user, "id") != null ? text(user, "id") : text(e, "id");
            if (id == null) {
                continue;
            }
            MemberBuilder m = members.computeIfAbsent(id, k -> new MemberBuilder());
            m.queues.add(queueId);
            String name = text(e, "name") != null ? text(e, "name") : text(user, "name");
            if (name != null) {
                m.name = name;
            }
            JsonObject routing = object(e, "routingStatus");
            if (routing == null) {
                routing = object(user, "routingStatus");
            }
            if (text(routing, "status") != null) {
                m.routingStatus = text(routing, "status");
            }
            JsonObject presence = object(e, "presence");
            if (presence == null) {
                presence = object(user, "presence");
            }
            if (presence != null && systemPresence(presence) != null) {
                m.presence = systemPresence(presence);
            }
        }
        return this;
    }

    public GenesysObservationSnapshot snapshot() {
        List<QueueState> queues = new ArrayList<>();
        for (Map.Entry<String, List<Waiting>> e : waiting.entrySet()) {
            queues.add(new QueueState(e.getKey(), e.getValue(), interacting.getOrDefault(e.getKey(), List.of())));
        }
        List<Member> list = new ArrayList<>();
        for (Map.Entry<String, MemberBuilder> e : members.entrySet()) {
            MemberBuilder m = e.getValue();
            // the observation is newer than the member list's expand when both answer
            String routing = observedRouting.getOrDefault(e.getKey(), m.routingStatus);
            list.add(new Member(e.getKey(), m.name, m.presence, routing, m.queues));
        }
        return new GenesysObservationSnapshot(queues, list);
    }

    private static String tel(String address) {
        return address != null && address.startsWith("tel:") ? address.substring(4) : address;
    }

    /** The queue ids in groups the observation query accepts. */
    public static List<List<String>> batches(List<String> queueIds) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < queueIds.size(); i += QUEUES_PER_QUERY) {
            out.add(List.copyOf(queueIds.subList(i, Math.min(queueIds.size(), i + QUEUES_PER_QUERY))));
        }
        return out;
    }

}
