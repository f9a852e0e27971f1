package io.queuelens.web.live;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A tenant's live picture as the browser holds it: three sections of flat JSON entries (queues and
 * groups of queues, members, waiting callers), each entry a map of field to number, string or null.
 * Deltas are computed between two of these, field by field, so a caller joining a queue costs the
 * queue's {@code waiting} and {@code longestSince} and one caller entry, not the whole queue.
 *
 * @param version the snapshot version this state was made from
 * @param at      the snapshot's time (PBX clock, epoch ms): waits are measured from entries' {@code since} to it
 */
public record WireState(String tenantId, long version, long at, boolean connected,
                        SortedMap<String, JsonObject> queues, SortedMap<String, JsonObject> members,
                        SortedMap<String, JsonObject> callers) {

    static final String[] SECTIONS = {"queues", "members", "callers"};

    public WireState {
        Objects.requireNonNull(tenantId, "tenantId");
        queues = new TreeMap<>(queues);
        members = new TreeMap<>(members);
        callers = new TreeMap<>(callers);
    }

    private SortedMap<String, JsonObject> section(String name) {
        return switch (name) {
            case "queues" -> queues;
            case "members" -> members;
            default -> callers;
        };
    }

    /** The whole state: what a browser loads on (re)connect and after it noticed a gap. */
    public JsonObject full(long now) {
        JsonObjectBuilder o = LiveJson.PROVIDER.createObjectBuilder().add("type", "full").add("tenant", tenantId)
                .add("version", version).add("at", at).add("now", now).add("connected", connected);
        for (String s : SECTIONS) {
            JsonObjectBuilder entries = LiveJson.PROVIDER.createObjectBuilder();
            section(s).forEach(entries::add);
            o.add(s, entries);
        }
        return o.build();
    }

    /**
     * What changed since {@code last}: new entries whole, changed entries with their changed fields
     * only, removed entries by key. Null when nothing a browser shows changed (then nothing is pushed
     * and {@code last} stays the base of the next delta, so the browser's version still matches).
     */
    public JsonObject deltaFrom(WireState last, long now) {
        boolean any = connected != last.connected;
        JsonObjectBuilder o = LiveJson.PROVIDER.createObjectBuilder().add("type", "delta").add("tenant", tenantId)
                .add("from", last.version).add("to", version).add("at", at).add("now", now).add("connected", connected);
        JsonObjectBuilder removed = LiveJson.PROVIDER.createObjectBuilder();
        boolean anyRemoved = false;
        for (String s : SECTIONS) {
            SortedMap<String, JsonObject> before = last.section(s);
            SortedMap<String, JsonObject> after = section(s);
            JsonObjectBuilder changed = LiveJson.PROVIDER.createObjectBuilder();
            boolean sectionChanged = false;
            for (Map.Entry<String, JsonObject> e : after.entrySet()) {
                JsonObject old = before.get(e.getKey());
                JsonObject fields = old == null ? e.getValue() : changedFields(old, e.getValue());
                if (fields != null) {
                    changed.add(e.getKey(), fields);
                    sectionChanged = true;
                }
            }
            JsonArrayBuilder gone = LiveJson.PROVIDER.createArrayBuilder();
            boolean sectionRemoved = false;
            for (String key : before.keySet()) {
                if (!after.containsKey(key)) {
                    gone.add(key);
                    sectionRemoved = true;
                }
            }
            if (sectionChanged) {
                o.add(s, changed);
            }
            if (sectionRemoved) {
                removed.add(s, gone);
                anyRemoved = true;
            }
            any |= sectionChanged || sectionRemoved;
        }
        if (anyRemoved) {
            o.add("removed", removed);
        }
        return any ? o.build() : null;
    }

    /** The fields of {@code now} that differ from {@code before} (a field gone is sent as null), or null. */
    private static JsonObject changedFields(JsonObject before, JsonObject now) {
        if (before.equals(now)) {
            return null;
        }
        JsonObjectBuilder b = LiveJson.PROVIDER.createObjectBuilder();
        now.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                b.add(k, v);
            }
        });
        before.keySet().stream().filter(k -> !now.containsKey(k)).forEach(k -> b.add(k, JsonValue.NULL));
        return b.build();
    }
}
