package io.queuelens.web.live;

import io.queuelens.identity.entity.Access;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who receives an alert toast: the {@code alerts} socket's user, set by the server when a page renders (never by
 * the browser). One value per combination of visible tenants and queues, so users who see the same get the same
 * push; each tenant maps to the {@link LiveAudience} the live pages use for it (its queues, or every queue).
 *
 * @param tenants tenant id -> the audience of that tenant
 */
public record AlertAudience(Map<String, LiveAudience> tenants) implements Serializable {

    public AlertAudience {
        tenants = Map.copyOf(new TreeMap<>(Objects.requireNonNull(tenants, "tenants")));
    }

    /** The audience of a caller over the tenants they may view. */
    public static AlertAudience of(Access access, Collection<String> tenantIds) {
        Map<String, LiveAudience> m = new TreeMap<>();
        for (String t : tenantIds) {
            if (access.mayViewTenant(t)) {
                Optional<Set<String>> limit = access.queueLimit(t);
                m.put(t, new LiveAudience(t, limit.<List<String>>map(List::copyOf).orElse(null)));
            }
        }
        return new AlertAudience(m);
    }

    /**
     * True when this audience may see an alert of the tenant over these queues: every one of them (an alert over
     * no queue, e.g. an agent in none, only for viewers of every queue).
     */
    public boolean sees(String tenantId, Collection<String> queues) {
        LiveAudience a = tenants.get(tenantId);
        if (a == null) {
            return false;
        }
        if (a.seesEveryQueue()) {
            return true;
        }
        return !queues.isEmpty() && a.queues().containsAll(queues);
    }
}
