package io.queuelens.sources.demo.entity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One AMI message: an ordered list of {@code Key: Value} headers. Keys may repeat (a {@code Command}
 * response carries several {@code Output} lines), lookups ignore case as Asterisk does.
 */
public final class AmiMessage {

    private final List<String> keys;
    private final List<String> values;

    private AmiMessage(List<String> keys, List<String> values) {
        this.keys = keys;
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Builder event(String name) {
        return new Builder().add("Event", name);
    }

    public static Builder response(String response) {
        return new Builder().add("Response", response);
    }

    /** The first value for {@code key} (case-insensitive), or null. */
    public String get(String key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).equalsIgnoreCase(key)) {
                return values.get(i);
            }
        }
        return null;
    }

    public boolean has(String key) {
        return get(key) != null;
    }

    /** The event name, or null for a response or an action. */
    public String eventName() {
        return get("Event");
    }

    public String actionName() {
        return get("Action");
    }

    public int size() {
        return keys.size();
    }

    public String keyAt(int i) {
        return keys.get(i);
    }

    public String valueAt(int i) {
        return values.get(i);
    }

    /** Headers in order; a repeated key keeps its first value here. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.putIfAbsent(keys.get(i), values.get(i));
        }
        return Collections.unmodifiableMap(map);
    }

    /** A copy with {@code ActionID} appended (or replaced), as list items of an action carry it. */
    public AmiMessage withActionId(String actionId) {
        Builder b = new Builder();
        for (int i = 0; i < keys.size(); i++) {
            if (!keys.get(i).equalsIgnoreCase("ActionID")) {
                b.add(keys.get(i), values.get(i));
            }
        }
        if (actionId != null) {
            b.add("ActionID", actionId);
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmiMessage other && keys.equals(other.keys) && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keys, values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            sb.append(keys.get(i)).append(": ").append(values.get(i)).append("\\r\\n");
        }
        return sb.toString();
    }

    /** Collects headers in order. */
    public static final class Builder {
        private final List<String> keys = new ArrayList<>(24);
        private final List<String> values = new ArrayList<>(24);

        public Builder add(String key, Object value) {
            keys.add(Objects.requireNonNull(key, "key"));
            values.add(value == null ? "" : value.toString());
            return this;
        }

        public Builder addAll(AmiMessage other) {
            for (int i = 0; i < other.size(); i++) {
                add(other.keyAt(i), other.valueAt(i));
            }
            return this;
        }

        public AmiMessage build() {
            return new AmiMessage(List.copyOf(keys), List.copyOf(values));
        }
    }
}
