package io.queuelens.sources.genesys.control;

import io.queuelens.live.control.LiveModel;
import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot;
import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot.Interacting;
import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot.Member;
import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot.QueueState;
import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot.Waiting;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.QueueStatusCompleteEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns Genesys Cloud notifications and observation answers (FORMATS.md §4) into the AMI event
 * vocabulary the live model already folds, so one {@link LiveModel} (waiting callers, longest wait,
 * member states, today's figures, wallboards) serves Asterisk and Genesys tenants alike.
 *
 * <pre>
 * Genesys                                                        live model event
 * ------------------------------------------------------------   -------------------------------------------
 * conversation: acd participant of queue Q connected (new)       QueueCallerJoin  (Queue=Q, Uniqueid=conv id,
 *                                                                                  Position=last+1, at=acd connectedTime)
 * agent participant of Q alerting                                 AgentCalled      (Interface=user id)
 * agent participant of Q alerting -> disconnected, never connected AgentRingNoAnswer
 * agent participant of Q connected                                AgentConnect     (HoldTime=agent - acd connectedTime)
 * agent participant of Q connected -> disconnected                AgentComplete    (TalkTime=end - connected)
 * acd ended, no agent ever connected, customer gone               QueueCallerAbandon (HoldTime=acd end - start)
 * acd ended, no agent, customer still there (flow out, transfer)  QueueCallerLeave (counted an exit after 5 s)
 * users.{id}.routingStatus IDLE                                   QueueMemberStatus per member queue: Status 1, not paused
 *   INTERACTING / COMMUNICATING                                   Status 2 (in use), InCall 1
 *   NOT_RESPONDING                                                Status 5 (unavailable)
 *   OFF_QUEUE                                                     Paused, reason = presence (Away, Break, Meal...)
 * users.{id}.presence Offline                                     QueueMemberRemoved per member queue
 * users.{id}.presence other                                       as routingStatus, with the presence as pause reason
 * resync (observations + queue members)                           QueueParams per queue, QueueMember per member,
 *                                                                 QueueEntry per waiting conversation,
 *                                                                 QueueStatusComplete (ActionID FULL_RESYNC...)
 * </pre>
 *
 * Queues are named in the model by {@code queueName} (the queue's id unless told otherwise), members by
 * their Genesys user id (the "interface"), with the user's name as member name.
 *
 * <p>Not thread-safe: one channel's reader thread (and its resyncs, on the same executor) use it.
 * It remembers, per conversation, what it already told the model, because Genesys sends the whole
 * conversation on every change while the model wants each transition exactly once.
 */
public final class GenesysLiveTranslator {

    /** Conversations followed at once; the oldest is forgotten past it (the next resync repairs any loss). */
    static final int MAX_CONVERSATIONS = 50_000;

    private static final Set<String> ENDED = Set.of("disconnected", "terminated", "ended");

    private enum Phase { WAITING, CONNECTED, GONE }

    /** What the model was told about one conversation in one queue. */
    private static final class Conversation {
        final String queue;
        Phase phase = Phase.WAITING;
        String ani;
        String connectedUser;
        /** user id -> last state told (alerting / connected) */
        final Map<String, String> agents = new HashMap<>();

        Conversation(String queue) {
            this.queue = queue;
        }
    }

    /** What is known of one user: name, presence, routing status, member queues (by Genesys id). */
    private static final class User {
        String name;
        String presence;
        String routingStatus;
        final Set<String> queues = new TreeSet<>();
    }

    private final Function<String, String> queueName;
    private final LinkedHashMap<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, User> users = new HashMap<>();
    private long resyncs;

    /** @param queueName the model's name for a Genesys queue id */
    public GenesysLiveTranslator(Function<String, String> queueName) {
        this.queueName = queueName;
    }

    /**
     * The model events one notification means; empty for topics and bodies of no use to the model.
     *
     * @param topic e.g. {@code v2.routing.queues.<id>.conversations} or {@code v2.users.<id>.presence}
     */
    public List<ManagerEvent> translate(String topic, JsonObject body) {
        if (topic == null || body == null) {
            return List.of();
        }
        String[] parts = topic.split("\\.");
        if (parts.length >= 5 && parts[0].equals("v2") && parts[1].equals("routing") && parts[2].equals("queues")
                && parts[4].equals("conversations")) {
            return conversation(parts[3], body);
        }
        if (parts.length == 4 && parts[0].equals("v2") && parts[1].equals("users")) {
            if (parts[3].equals("routingStatus")) {
                JsonObject rs = object(body, "routingStatus");
                String status = text(rs != null ? rs : body, "status");
                return status == null ? List.of() : userChanged(parts[2], null, status);
            }
            if (parts[3].equals("presence")) {
                String presence = systemPresence(body);
                return presence == null ? List.of() : userChanged(parts[2], presence, null);
            }
        }
        return List.of();
    }

    // ---- conversations

    private List<ManagerEvent> conversation(String queueId, JsonObject body) {
        String id = text(body, "id");
        JsonArray participants = array(body, "participants");
        if (id == null || participants == null) {
            return List.of();
        }
        String queue = queueName.apply(queueId);
        JsonObject acd = null;
        JsonObject customer = null;
        List<JsonObject> agents = new ArrayList<>();
        for (JsonValue v : participants) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject p = v.asJsonObject();
            String purpose = lower(text(p, "purpose"));
            String pq = text(p, "queueId");
            if ("acd".equals(purpose) && (pq == null || pq.equals(queueId))) {
                acd = p; // the last acd participant of this queue (a call can come back to it)
            } else if (("agent".equals(purpose) || "user".equals(purpose)) && (pq == null || pq.equals(queueId))
                    && text(p, "userId") != null) {
                agents.add(p);
            } else if ("customer".equals(purpose) || "external".equals(purpose)) {
                customer = p;
            }
        }
        List<ManagerEvent> out = new ArrayList<>();
        Conversation c = conversations.get(id);
        if (c != null && !c.queue.equals(queue)) {
            c = null; // the same conversation in another queue's topic: a visit of its own
        }
        boolean acdActive = acd != null && !ended(acd);
        if (c == null) {
            if (!acdActive && agents.isEmpty()) {
                return out; // news of a conversation that already left this queue before we saw it
            }
            c = new Conversation(queue);
            c.ani = caller(customer, acd);
            remember(id, c);
            if (acd != null) {
                QueueCallerJoinEvent j = new QueueCallerJoinEvent(this);
                j.setQueue(queue);
                j.setUniqueId(id);
                j.setPosition(waitingIn(queue));
                j.setCallerIdNum(c.ani);
                j.setCallerIdName(customer != null ? text(customer, "name") : null);
                stamp(j, time(acd, "connectedTime"));
                out.add(j);
            }
        }
        for (JsonObject agent : agents) {
            agentChanged(id, c, acd, agent, out);
        }
        if (c.phase == Phase.WAITING && acd != null && ended(acd) && c.connectedUser == null
                && agents.stream().noneMatch(a -> !ended(a))) {
            Instant left = time(acd, "endTime");
            if (customer == null || ended(customer)) {
                QueueCallerAbandonEvent a = new QueueCallerAbandonEvent(this);
                a.setQueue(queue);
                a.setUniqueId(id);
                Instant entered = time(acd, "connectedTime");
                if (entered != null && left != null) {
                    a.setHoldTime((int) Math.max(0, Duration.between(entered, left).getSeconds()));
                }
                stamp(a, left);
                out.add(a);
            } else {
                QueueCallerLeaveEvent l = new QueueCallerLeaveEvent(this);
                l.setQueue(queue);
                l.setUniqueId(id);
                stamp(l, left);
                out.add(l);
            }
            c.phase = Phase.GONE;
        }
        boolean anyAgentActive = agents.stream().anyMatch(a -> !ended(a));
        if (c.phase == Phase.GONE || (c.phase == Phase.CONNECTED && !anyAgentActive && c.connectedUser == null)) {
            conversations.remove(id);
        }
        return out;
    }

    private void agentChanged(String id, Conversation c, JsonObject acd, JsonObject agent, List<ManagerEvent> out) {
        String user = text(agent, "userId");
        String state = lower(state(agent));
        String told = c.agents.get(user);
        String name = userName(user, agent);
        if (ended(agent)) {
            if ("connected".equals(told) && user.equals(c.connectedUser)) {
                AgentCompleteEvent done = new AgentCompleteEvent(this);
                done.setQueue(c.queue);
                done.setInterface(user);
                done.setMemberName(name);
                done.setUniqueId(id);
                Instant connected = time(agent, "connectedTime");
                Instant end = time(agent, "endTime");
                if (connected != null && end != null) {
                    done.setTalkTime(Math.max(0, Duration.between(connected, end).getSeconds()));
                }
                stamp(done, end);
                out.add(done);
                c.connectedUser = null;
            } else if ("alerting".equals(told)) {
                AgentRingNoAnswerEvent miss = new AgentRingNoAnswerEvent(this);
                miss.setQueue(c.queue);
                miss.setInterface(user);
                miss.setMemberName(name);
                miss.setUniqueId(id);
                out.add(miss);
            }
            c.agents.remove(user);
            return;
        }
        if ("alerting".equals(state) || "offering".equals(state) || "contacting".equals(state)) {
            if (told == null && c.phase == Phase.WAITING) {
                AgentCalledEvent called = new AgentCalledEvent(this);
                called.setQueue(c.queue);
                called.setInterface(user);
                called.setMemberName(name);
                called.setUniqueId(id);
                out.add(called);
                c.agents.put(user, "alerting");
            }
        } else if ("connected".equals(state) && !"connected".equals(told)) {
            if (c.connectedUser == null && c.phase != Phase.GONE) {
                AgentConnectEvent connect = new AgentConnectEvent(this);
                connect.setQueue(c.queue);
                connect.setInterface(user);
                connect.setMemberName(name);
                connect.setUniqueId(id);
                connect.setCallerIdNum(c.ani);
                Instant entered = acd != null ? time(acd, "connectedTime") : null;
                Instant connected = time(agent, "connectedTime");
                if (entered != null && connected != null) {
                    connect.setHoldTime(Math.max(0, Duration.between(entered, connected).getSeconds()));
                }
                stamp(connect, connected);
                out.add(connect);
                c.connectedUser = user;
                c.phase = Phase.CONNECTED;
            }
            c.agents.put(user, "connected");
        }
    }

    private int waitingIn(String queue) {
        int n = 0;
        for (Conversation c : conversations.values()) {
            if (c.phase == Phase.WAITING && c.queue.equals(queue)) {
                n++;
            }
        }
        return n; // the new one was remembered already: it is the last
    }

    private void remember(String id, Conversation c) {
        conversations.put(id, c);
        if (conversations.size() > MAX_CONVERSATIONS) {
            Iterator<String> oldest = conversations.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    // ---- users

    private List<ManagerEvent> userChanged(String userId, String presence, String routingStatus) {
        User u = users.computeIfAbsent(userId, k -> new User());
        if (presence != null) {
            u.presence = presence;
        }
        if (routingStatus != null) {
            u.routingStatus = routingStatus.toUpperCase(Locale.ROOT);
        }
        return memberEvents(userId, u);
    }

    private List<ManagerEvent> memberEvents(String userId, User u) {
        List<ManagerEvent> out = new ArrayList<>();
        for (String queueId : u.queues) {
            String queue = queueName.apply(queueId);
            if (offline(u)) {
                QueueMemberRemovedEvent r = new QueueMemberRemovedEvent(this);
                r.setQueue(queue);
                r.setInterface(userId);
                r.setMemberName(u.name);
                out.add(r);
                continue;
            }
            QueueMemberStatusEvent s = new QueueMemberStatusEvent(this);
            s.setQueue(queue);
            s.setInterface(userId);
            s.setMemberName(u.name);
            MemberFigures f = figures(u);
            s.setStatus(f.status);
            s.setIncall(f.inCall);
            s.setPaused(f.paused);
            s.setPausedreason(f.reason);
            out.add(s);
        }
        return out;
    }

    private record MemberFigures(int status, int inCall, boolean paused, String reason) {
    }

    /** A user's routing status and presence as Asterisk device status, InCall and pause. */
    private static MemberFigures figures(User u) {
        String rs = u.routingStatus == null ? "OFF_QUEUE" : u.routingStatus;
        return switch (rs) {
            case "IDLE" -> new MemberFigures(1, 0, false, null);
            case "INTERACTING", "COMMUNICATING" -> new MemberFigures(2, 1, false, null);
            case "NOT_RESPONDING" -> new MemberFigures(5, 0, false, null);
            default -> new MemberFigures(1, 0, true, pauseReason(u.presence));
        };
    }

    private static String pauseReason(String presence) {
        if (presence == null || presence.isBlank() || presence.equalsIgnoreCase("Available")
                || presence.equalsIgnoreCase("On Queue") || presence.equalsIgnoreCase("ON_QUEUE")) {
            return "Off queue";
        }
        String p = presence.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(p.charAt(0)) + p.substring(1);
    }

    private static boolean offline(User u) {
        return u.presence != null && u.presence.equalsIgnoreCase("Offline");
    }

    // ---- resync

    /**
     * The model events that replace what the model knows of this source with {@code snapshot} (the
     * observation answer and the queues' members right after a reconnect), ending with the
     * QueueStatusComplete of a full resync. The translator's own memory is rebuilt from it as well.
     */
    public List<ManagerEvent> resync(GenesysObservationSnapshot snapshot, Instant now) {
        conversations.clear();
        for (User u : users.values()) {
            u.queues.clear();
        }
        for (Member m : snapshot.members()) {
            User u = users.computeIfAbsent(m.userId(), k -> new User());
            if (m.name() != null) {
                u.name = m.name();
            }
            u.presence = m.presence();
            u.routingStatus = m.routingStatus() == null ? null : m.routingStatus().toUpperCase(Locale.ROOT);
            u.queues.addAll(m.queueIds());
        }
        List<ManagerEvent> out = new ArrayList<>();
        Map<String, String> busyWith = new HashMap<>(); // user -> conversation
        for (QueueState q : snapshot.queues()) {
            for (Interacting i : q.interacting()) {
                if (i.userId() != null) {
                    busyWith.put(i.userId(), i.conversationId());
                }
            }
        }
        for (QueueState q : snapshot.queues()) {
            String queue = queueName.apply(q.queueId());
            QueueParamsEvent params = new QueueParamsEvent(this);
            params.setQueue(queue);
            params.setCalls(q.waiting().size());
            out.add(params);
            for (Member m : snapshot.members()) {
                User u = users.get(m.userId());
                if (!m.queueIds().contains(q.queueId()) || offline(u)) {
                    continue;
                }
                QueueMemberEvent item = new QueueMemberEvent(this);
                item.setQueue(queue);
                item.setLocation(m.userId());
                item.setName(u.name);
                MemberFigures f = figures(u);
                boolean busy = busyWith.containsKey(m.userId());
                item.setStatus(busy ? 2 : f.status);
                item.setIncall(busy ? 1 : f.inCall);
                item.setPaused(f.paused);
                item.setPausedreason(f.reason);
                out.add(item);
            }
            List<Waiting> waiting = new ArrayList<>(q.waiting());
            waiting.sort(Comparator.comparing(Waiting::since, Comparator.nullsLast(Comparator.naturalOrder())));
            int position = 0;
            for (Waiting w : waiting) {
                QueueEntryEvent e = new QueueEntryEvent(this);
                e.setQueue(queue);
                e.setUniqueId(w.conversationId());
                e.setPosition(++position);
                e.setCallerIdNum(w.ani());
                e.setCallerIdName(w.name());
                e.setWait(w.since() == null ? 0L : Math.max(0, Duration.between(w.since(), now).getSeconds()));
                out.add(e);
                Conversation c = new Conversation(queue);
                c.ani = w.ani();
                remember(w.conversationId(), c);
            }
            for (Interacting i : q.interacting()) {
                Conversation c = new Conversation(queue);
                c.phase = Phase.CONNECTED;
                c.connectedUser = i.userId();
                c.ani = i.ani();
                if (i.userId() != null) {
                    c.agents.put(i.userId(), "connected");
                }
                remember(i.conversationId(), c);
            }
        }
        QueueStatusCompleteEvent done = new QueueStatusCompleteEvent(this);
        done.setActionId(LiveModel.FULL_RESYNC + "genesys-" + (++resyncs));
        out.add(done);
        return out;
    }

    /** Conversations followed now (for tests and the status page). */
    public int conversationsFollowed() {
        return conversations.size();
    }

    // ---- JSON helpers (Genesys sends absent fields as missing keys, sometimes as null)

    private String userName(String userId, JsonObject participant) {
        User u = users.get(userId);
        if (u != null && u.name != null) {
            return u.name;
        }
        return text(participant, "name");
    }

    private static String caller(JsonObject customer, JsonObject acd) {
        for (JsonObject p : new JsonObject[]{customer, acd}) {
            if (p == null) {
                continue;
            }
            String ani = text(p, "ani");
            if (ani == null) {
                ani = text(p, "address");
            }
            if (ani != null) {
                return ani.startsWith("tel:") ? ani.substring(4) : ani;
            }
        }
        return null;
    }

    /** A participant's state: its own {@code state} (the .calls topic) or its media's (calls[], chats[]...). */
    private static String state(JsonObject p) {
        String s = text(p, "state");
        if (s != null) {
            return s;
        }
        for (String media : List.of("calls", "callbacks", "chats", "emails", "messages", "cobrowsesessions",
                "screenshares", "socialExpressions", "videos")) {
            JsonArray a = array(p, media);
            if (a != null && !a.isEmpty() && a.get(a.size() - 1).getValueType() == JsonValue.ValueType.OBJECT) {
                String ms = text(a.get(a.size() - 1).asJsonObject(), "state");
                if (ms != null) {
                    return ms;
                }
            }
        }
        return null;
    }

    private static boolean ended(JsonObject p) {
        String s = lower(state(p));
        return s != null && ENDED.contains(s) || text(p, "endTime") != null && s == null;
    }

    static String systemPresence(JsonObject body) {
        JsonObject def = object(body, "presenceDefinition");
        String p = def != null ? text(def, "systemPresence") : null;
        return p != null ? p : text(body, "systemPresence");
    }

    private static void stamp(ManagerEvent e, Instant at) {
        if (at != null) {
            e.setTimestamp(at.toEpochMilli() / 1000.0);
        }
    }

    static Instant time(JsonObject o, String key) {
        String s = text(o, key);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String text(JsonObject o, String key) {
        if (o == null) {
            return null;
        }
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING) {
            return null;
        }
        String s = o.getString(key);
        return s.isBlank() ? null : s;
    }

    static JsonObject object(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
    }

    static JsonArray array(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.ARRAY ? v.asJsonArray() : null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Member queues (Genesys ids) a user is known to be in; for subscribing to the right users. */
    public Set<String> knownUsers() {
        return new LinkedHashSet<>(users.keySet());
    }
}
