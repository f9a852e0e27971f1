package io.queuelens.web.live;

import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.live.entity.LiveMember;
import io.queuelens.names.entity.NameBook;
import io.queuelens.live.entity.LiveQueue;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import io.queuelens.live.entity.WaitingCaller;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Turns a snapshot into the flat entries the browser holds ({@link WireState}). Besides every queue it
 * writes the groups of queues that open wallboards show (key: sorted names joined by commas, {@code *}
 * for all queues), so a card over several queues gets figures computed like every other screen's:
 * today's totals added up, then {@code KpiCalculator}; agents counted once even when they serve
 * several of the queues.
 *
 * <p>Times are epoch milliseconds; waits are not sent (they grow every second) but their start
 * ({@code longestSince}, {@code since}), so an unchanged queue costs nothing. Percentages and mean
 * times are rounded to two decimals: finer changes are invisible and would only cost pushes.
 */
public final class LiveWire {

    /** Today's figures of a queue (or of a group, key with commas or {@code *}) from its totals. */
    private final BiFunction<String, QueueTotals, QueueFigures> figures;

    /** The tenant's display names (names component); the system names stay the entries' keys. */
    private final NameBook names;

    public LiveWire(BiFunction<String, QueueTotals, QueueFigures> figures) {
        this(figures, null);
    }

    public LiveWire(BiFunction<String, QueueTotals, QueueFigures> figures, NameBook names) {
        this.figures = figures;
        this.names = names;
    }

    private String queueName(String queue) {
        return names == null || queue == null ? queue : names.queue(queue);
    }

    /** The mapped name, else the member name the PBX reported (until it is learned), else the system name. */
    private String agentName(LiveMember m) {
        String mapped = names == null ? m.agent() : names.agent(m.agent());
        return mapped.equals(m.agent()) ? m.name() : mapped;
    }

    public WireState of(LiveSnapshot s, Collection<String> groupKeys) {
        SortedMap<String, JsonObject> queues = new TreeMap<>();
        for (LiveQueue q : s.queues().values()) {
            queues.put(q.name(), queue(q.waiting(), q.available(), q.onCall(), q.paused(), q.loggedIn(),
                    figures.apply(q.name(), q.today()), queueName(q.name())));
        }
        for (String key : groupKeys) {
            if (!s.queues().containsKey(key)) {
                queues.put(key, group(s, key));
            }
        }
        SortedMap<String, JsonObject> members = new TreeMap<>();
        for (LiveMember m : s.members().values()) {
            JsonObjectBuilder b = LiveJson.PROVIDER.createObjectBuilder().add("name", m.name()).add("displayName", agentName(m))
                    .add("state", m.state().name())
                    .add("since", m.since().toEpochMilli()).add("calls", m.callsTaken())
                    .add("queues", String.join(",", new java.util.TreeSet<>(m.queues())));
            text(b, "reason", m.pauseReason());
            text(b, "caller", m.callerNumber());
            text(b, "callQueue", m.callQueue());
            text(b, "callQueueName", queueName(m.callQueue()));
            members.put(m.agent(), b.build());
        }
        SortedMap<String, JsonObject> callers = new TreeMap<>();
        for (LiveQueue q : s.queues().values()) {
            for (WaitingCaller w : q.waiting()) {
                JsonObjectBuilder b = LiveJson.PROVIDER.createObjectBuilder().add("queue", w.queue())
                        .add("queueName", queueName(w.queue())).add("position", w.position())
                        .add("since", w.enteredAt().toEpochMilli());
                text(b, "number", w.callerNumber());
                text(b, "name", w.callerName());
                callers.put(w.queue() + "|" + w.uniqueId(), b.build());
            }
        }
        return new WireState(s.tenantId(), s.version(), s.at().toEpochMilli(), s.connected(), queues, members, callers);
    }

    private JsonObject group(LiveSnapshot s, String key) {
        Set<String> names = "*".equals(key) ? s.queues().keySet() : Set.of(key.split(","));
        List<WaitingCaller> waiting = new ArrayList<>();
        QueueTotals today = QueueTotals.ZERO;
        for (String name : names) {
            LiveQueue q = s.queues().get(name);
            if (q != null) {
                waiting.addAll(q.waiting());
                today = today.plus(q.today());
            }
        }
        int available = 0;
        int onCall = 0;
        int paused = 0;
        int loggedIn = 0;
        for (LiveMember m : s.members().values()) {
            if (m.queues().stream().noneMatch(names::contains)) {
                continue;
            }
            loggedIn++;
            if (m.state() == MemberState.AVAILABLE) {
                available++;
            } else if (m.state() == MemberState.ON_CALL || m.state() == MemberState.RINGING) {
                onCall++;
            } else if (m.state() == MemberState.PAUSED) {
                paused++;
            }
        }
        return queue(waiting, available, onCall, paused, loggedIn, figures.apply(key, today),
                "*".equals(key) ? key : String.join(", ", java.util.Arrays.stream(key.split(",")).map(this::queueName).toList()));
    }

    private static JsonObject queue(List<WaitingCaller> waiting, int available, int onCall, int paused, int loggedIn,
                                    QueueFigures f, String displayName) {
        Instant longest = waiting.stream().map(WaitingCaller::enteredAt).min(Instant::compareTo).orElse(null);
        JsonObjectBuilder b = LiveJson.PROVIDER.createObjectBuilder().add("displayName", displayName).add("waiting", waiting.size())
                .add("available", available).add("onCall", onCall).add("paused", paused).add("loggedIn", loggedIn)
                .add("offered", f.offered()).add("answered", f.answered()).add("abandoned", f.abandoned());
        if (longest == null) {
            b.addNull("longestSince");
        } else {
            b.add("longestSince", longest.toEpochMilli());
        }
        number(b, "serviceLevel", f.serviceLevel());
        number(b, "answerRate", f.answerRate());
        number(b, "abandonRate", f.abandonRate());
        number(b, "asa", f.asa());
        number(b, "avgAbandonWait", f.avgAbandonWait());
        number(b, "maxWait", f.maxWait());
        number(b, "avgTalk", f.avgTalk());
        number(b, "aht", f.aht());
        return b.build();
    }

    private static void number(JsonObjectBuilder b, String name, Double v) {
        if (v == null) {
            b.addNull(name);
        } else {
            b.add(name, Math.round(v * 100) / 100.0);
        }
    }

    private static void text(JsonObjectBuilder b, String name, String v) {
        if (v == null) {
            b.addNull(name);
        } else {
            b.add(name, v);
        }
    }
}
