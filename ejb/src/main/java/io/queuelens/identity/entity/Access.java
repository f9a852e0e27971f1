package io.queuelens.identity.entity;

import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one caller may see, decided once per request: their roles, and the tenants they may see with
 * the queues of each. A server ADMIN sees every tenant and every queue; everyone else only the tenants
 * granted to them, and inside each either every queue (no queue rows) or the granted ones. A disabled
 * or unknown user gets {@link #NONE}: no role, no tenant.
 */
public final class Access implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Access NONE = new Access(null, EnumSet.noneOf(Role.class), Map.of(), null);

    private final String caller;
    private final Set<Role> roles;
    /** tenant id -> visible queues; an empty set means every queue of that tenant. */
    private final Map<String, Set<String>> tenants;
    private final String locale;

    private Access(String caller, Set<Role> roles, Map<String, Set<String>> tenants, String locale) {
        this.caller = caller;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        tenants.forEach((t, qs) -> copy.put(t, Set.copyOf(new TreeSet<>(qs))));
        this.tenants = Map.copyOf(copy);
        this.locale = locale;
    }

    /**
     * @param grants tenant id -> granted queues (empty = all queues of the tenant); ignored for an ADMIN
     * @param locale the user's chosen language tag, or null
     */
    public static Access of(String caller, Set<Role> roles, Map<String, ? extends Collection<String>> grants,
                            String locale) {
        Objects.requireNonNull(caller, "caller");
        Map<String, Set<String>> g = new LinkedHashMap<>();
        grants.forEach((t, qs) -> g.put(t, Set.copyOf(qs)));
        return new Access(caller, roles, roles.contains(Role.ADMIN) ? Map.of() : g, locale);
    }

    /** A server administrator with no stored user (the server-admin bearer token). */
    public static Access admin(String caller) {
        return of(caller, EnumSet.of(Role.ADMIN), Map.of(), null);
    }

    public boolean isKnown() {
        return caller != null;
    }

    public String caller() {
        return caller;
    }

    public Optional<String> locale() {
        return Optional.ofNullable(locale);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** True when the caller has at least one of these roles. */
    public boolean hasAnyRole(Role... any) {
        for (Role r : any) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    public Set<Role> roles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public boolean mayViewTenant(String tenantId) {
        return tenantId != null && isKnown() && (isAdmin() || tenants.containsKey(tenantId));
    }

    /** Of these tenant ids, the ones the caller may see, in the given order. */
    public List<String> visibleTenants(Collection<String> tenantIds) {
        return tenantIds.stream().filter(this::mayViewTenant).toList();
    }

    /** The tenants granted to a non-admin (an ADMIN sees every tenant and has none listed). */
    public Set<String> grantedTenants() {
        return tenants.keySet();
    }

    /**
     * The queues of a visible tenant this caller is limited to; empty when they see every queue of it.
     * Call only for a tenant {@link #mayViewTenant} allows.
     */
    public Optional<Set<String>> queueLimit(String tenantId) {
        if (!mayViewTenant(tenantId)) {
            throw new IllegalStateException(caller + " may not see tenant " + tenantId);
        }
        Set<String> qs = isAdmin() ? Set.of() : tenants.get(tenantId);
        return qs.isEmpty() ? Optional.empty() : Optional.of(qs);
    }

    public boolean isQueueRestricted(String tenantId) {
        return mayViewTenant(tenantId) && queueLimit(tenantId).isPresent();
    }

    public boolean mayViewQueue(String tenantId, String queue) {
        return mayViewTenant(tenantId) && queueLimit(tenantId).map(qs -> qs.contains(queue)).orElse(true);
    }

    /** True when every one of these queues is visible (an empty list asks for no particular queue). */
    public boolean mayViewQueues(String tenantId, Collection<String> queues) {
        return mayViewTenant(tenantId) && queues.stream().allMatch(q -> mayViewQueue(tenantId, q));
    }

    /**
     * The queue filter a report must use: the requested queues when given (check them with
     * {@link #mayViewQueues} first), else the caller's limit, else empty (= every queue).
     */
    public List<String> effectiveQueues(String tenantId, List<String> requested) {
        if (requested != null && !requested.isEmpty()) {
            return requested;
        }
        return queueLimit(tenantId).<List<String>>map(qs -> List.copyOf(new TreeSet<>(qs))).orElse(List.of());
    }

    @Override
    public String toString() {
        return "Access[" + caller + " " + roles + " " + (isAdmin() ? "all tenants" : tenants) + "]";
    }
}
