package io.queuelens.names.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tenant's display names, resolved: immutable, so readers share one cached book per tenant.
 * <p>
 * Precedence: a manual name wins over a learned one; among several of one origin the newest wins.
 * Queues are looked up by their id alone. Agents are looked up by identity: every system name with the
 * same extension ({@link AgentExtension}) is one agent, and so is a member name the PBX reported for
 * one of them (queue_log writes the member name where the live events give the interface). A name set
 * on any of an agent's system names therefore shows for all of them, and reports merge their rows.
 */
public final class NameBook {

    private static final Comparator<DisplayName> NEWEST_FIRST = Comparator
            .comparing((DisplayName d) -> d.updatedAt() == null ? Instant.EPOCH : d.updatedAt()).reversed()
            .thenComparing(DisplayName::key);

    private final String tenantId;
    /** kind -> key -> origin -> row */
    private final Map<NameKind, Map<String, Map<NameOrigin, DisplayName>>> rows = new EnumMap<>(NameKind.class);
    /** A learned member name -> the system name it was learned for (the smallest, when several). */
    private final Map<String, String> learnedNameOwner = new HashMap<>();
    /** Agent identity -> the name shown for it. */
    private final Map<String, String> agentNames = new HashMap<>();

    private NameBook(String tenantId, Collection<DisplayName> all) {
        this.tenantId = tenantId;
        for (NameKind k : NameKind.values()) {
            rows.put(k, new TreeMap<>());
        }
        for (DisplayName d : all) {
            rows.get(d.kind()).computeIfAbsent(d.key(), x -> new EnumMap<>(NameOrigin.class)).put(d.origin(), d);
        }
        rows.get(NameKind.AGENT).forEach((key, byOrigin) -> {
            DisplayName learned = byOrigin.get(NameOrigin.LEARNED);
            if (learned != null && !learned.name().equals(key)) {
                learnedNameOwner.merge(learned.name(), key, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        });
        Map<String, List<DisplayName>> manual = new HashMap<>();
        Map<String, List<DisplayName>> learned = new HashMap<>();
        rows.get(NameKind.AGENT).forEach((key, byOrigin) -> {
            String identity = agentIdentity(key);
            if (byOrigin.containsKey(NameOrigin.MANUAL)) {
                manual.computeIfAbsent(identity, x -> new ArrayList<>()).add(byOrigin.get(NameOrigin.MANUAL));
            }
            if (byOrigin.containsKey(NameOrigin.LEARNED)) {
                learned.computeIfAbsent(identity, x -> new ArrayList<>()).add(byOrigin.get(NameOrigin.LEARNED));
            }
        });
        learned.forEach((identity, ds) -> agentNames.put(identity, ds.stream().min(NEWEST_FIRST).orElseThrow().name()));
        manual.forEach((identity, ds) -> agentNames.put(identity, ds.stream().min(NEWEST_FIRST).orElseThrow().name()));
    }

    public static NameBook of(String tenantId, Collection<DisplayName> rows) {
        Objects.requireNonNull(tenantId, "tenantId");
        for (DisplayName d : rows) {
            if (!tenantId.equals(d.tenantId())) {
                throw new IllegalArgumentException("a name of tenant " + d.tenantId() + " in the book of " + tenantId);
            }
        }
        return new NameBook(tenantId, rows);
    }

    public static NameBook empty(String tenantId) {
        return of(tenantId, List.of());
    }

    public String tenantId() {
        return tenantId;
    }

    /** The name to show for a queue id: manual, else learned, else the id itself (null stays null). */
    public String queue(String key) {
        if (key == null) {
            return null;
        }
        Map<NameOrigin, DisplayName> byOrigin = rows.get(NameKind.QUEUE).get(key);
        if (byOrigin == null) {
            return key;
        }
        DisplayName d = byOrigin.getOrDefault(NameOrigin.MANUAL, byOrigin.get(NameOrigin.LEARNED));
        return d == null ? key : d.name();
    }

    /** The name to show for an agent system name: the one of its identity, else the key itself. */
    public String agent(String key) {
        if (key == null) {
            return null;
        }
        return agentNames.getOrDefault(agentIdentity(key), key);
    }

    public String name(NameKind kind, String key) {
        return kind == NameKind.QUEUE ? queue(key) : agent(key);
    }

    /**
     * Which agent a system name belongs to: {@code ext:<extension>} for the names with an extension, the
     * identity of the system name a member name was learned for, else {@code key:<the name>}. Two system
     * names with one identity are one agent in reports.
     */
    public String agentIdentity(String key) {
        if (key == null) {
            return null;
        }
        String owner = learnedNameOwner.get(key);
        if (owner != null && AgentExtension.of(key).isEmpty()) {
            return ownIdentity(owner);
        }
        return ownIdentity(key);
    }

    private static String ownIdentity(String key) {
        return AgentExtension.of(key).map(e -> "ext:" + e).orElse("key:" + key);
    }

    /**
     * Every stored system name of the tenant plus the given known ones (queues and members the live
     * model shows without a stored name), by kind then key.
     */
    public List<NameEntry> entries(Collection<String> knownQueues, Collection<String> knownAgents) {
        List<NameEntry> out = new ArrayList<>();
        for (NameKind kind : NameKind.values()) {
            Map<String, Map<NameOrigin, DisplayName>> all = new TreeMap<>(rows.get(kind));
            for (String k : kind == NameKind.QUEUE ? knownQueues : knownAgents) {
                if (k != null && !k.isBlank()) {
                    all.putIfAbsent(k, Map.of());
                }
            }
            all.forEach((key, byOrigin) -> {
                DisplayName m = byOrigin.get(NameOrigin.MANUAL);
                DisplayName l = byOrigin.get(NameOrigin.LEARNED);
                DisplayName last = m != null ? m : l;
                out.add(new NameEntry(kind, key, m == null ? null : m.name(), l == null ? null : l.name(),
                        name(kind, key), last == null ? null : last.updatedAt(), last == null ? null : last.updatedBy()));
            });
        }
        return out;
    }

    /** The stored learned name of a system name, or null. */
    public String learned(NameKind kind, String key) {
        Map<NameOrigin, DisplayName> byOrigin = rows.get(kind).get(key);
        DisplayName d = byOrigin == null ? null : byOrigin.get(NameOrigin.LEARNED);
        return d == null ? null : d.name();
    }

    /** The stored manual row of a system name, or null. */
    public DisplayName manual(NameKind kind, String key) {
        Map<NameOrigin, DisplayName> byOrigin = rows.get(kind).get(key);
        return byOrigin == null ? null : byOrigin.get(NameOrigin.MANUAL);
    }
}
