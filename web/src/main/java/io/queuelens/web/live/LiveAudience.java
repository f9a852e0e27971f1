package io.queuelens.web.live;

import io.queuelens.identity.entity.Access;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.web.api.LiveSnapshotLimit;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who receives one live push: the viewers of a tenant who see the same queues. Every viewer who sees all
 * of a tenant's queues is one audience ({@code queues} null); viewers limited to the same queues share
 * another. It is the OmniFaces socket's user, set by the server when it renders the page, so a browser
 * cannot choose it; the cut state is computed once per audience, never per socket.
 *
 * @param tenant the tenant
 * @param queues the visible queues, sorted; null for every queue
 */
public record LiveAudience(String tenant, List<String> queues) implements Serializable {

    public LiveAudience {
        Objects.requireNonNull(tenant, "tenant");
        queues = queues == null ? null : List.copyOf(new TreeSet<>(queues));
    }

    /** The audience of a caller who may view the tenant. */
    public static LiveAudience of(String tenant, Access access) {
        Optional<Set<String>> limit = access.queueLimit(tenant);
        return new LiveAudience(tenant, limit.<List<String>>map(List::copyOf).orElse(null));
    }

    public static LiveAudience everyQueue(String tenant) {
        return new LiveAudience(tenant, null);
    }

    public boolean seesEveryQueue() {
        return queues == null;
    }

    /**
     * The card groups ({@code a,b} or {@code *}) this audience gets entries for: all for a viewer of every
     * queue; else {@code *} (its own queues) and the groups of its queues only, since a group's key names
     * its queues.
     */
    public Set<String> groupsOf(Set<String> groups) {
        if (queues == null) {
            return groups;
        }
        Set<String> mine = new TreeSet<>();
        for (String g : groups) {
            if ("*".equals(g) || queues.containsAll(List.of(g.split(",")))) {
                mine.add(g);
            }
        }
        return mine;
    }

    /** What this audience may see of the tenant's snapshot: its queues, their members and callers. */
    public LiveSnapshot cut(LiveSnapshot s) {
        return queues == null ? s : LiveSnapshotLimit.to(s, Set.copyOf(queues));
    }
}
