package io.queuelens.web.live;

import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import io.queuelens.web.security.Caller;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may watch a tenant live: ADMIN, MANAGER and DASHBOARD, for a tenant granted to them (ADMIN: every
 * tenant), asked of the request's {@link Caller} (the stored user, read once per request, so a disabled
 * user or a grant taken away loses the live view at once). A user limited to some queues of the tenant
 * may not watch it live: the live picture and its push channel are per tenant, not per queue, until
 * the push path serves per-visibility channels. A page that passed this check records the tenant in
 * the HTTP session, and the socket handshake
 * ({@link LiveSocketGuard}) is let through only for a session holding such a grant whose user still
 * passes the check; the channel's user (the tenant) is set by that page only.
 */
public final class LiveAccess {

    static final String GRANTS = "queuelens.live.tenants";

    private LiveAccess() {
    }

    /**
     * Live viewers of a tenant they may see; a user limited to some of its queues sees the live pages too,
     * cut to those queues (LiveAudience).
     */
    public static boolean mayView(HttpServletRequest request, String tenantId) {
        Access access = access();
        return tenantId != null && access.hasAnyRole(Role.ADMIN, Role.MANAGER, Role.DASHBOARD)
                && access.mayViewTenant(tenantId);
    }

    /** The audience of the caller's live pages of a tenant they may view: the queues they see. */
    public static LiveAudience audience(String tenantId) {
        return LiveAudience.of(tenantId, access());
    }

    /** Saving, sharing and deleting wallboard layouts: ADMIN and MANAGER of a tenant they may watch. */
    public static boolean mayEditBoards(String tenantId) {
        Access access = access();
        return access.hasAnyRole(Role.ADMIN, Role.MANAGER) && access.mayViewTenant(tenantId)
                && !access.isQueueRestricted(tenantId);
    }

    /** True when the caller sees the tenant but only some of its queues (so is refused its live view). */
    public static boolean isQueueRestricted(String tenantId) {
        return tenantId != null && access().isQueueRestricted(tenantId);
    }

    private static Access access() {
        return CDI.current().select(Caller.class).get().access();
    }

    /** Remembers that this session's page was allowed to subscribe to {@code tenantId}. */
    @SuppressWarnings("unchecked")
    public static void grant(HttpServletRequest request, String tenantId) {
        HttpSession session = request.getSession();
        Set<String> grants = (Set<String>) session.getAttribute(GRANTS);
        if (grants == null) {
            grants = ConcurrentHashMap.newKeySet();
        }
        grants.add(tenantId);
        session.setAttribute(GRANTS, grants); // set again so a replicated session carries the change
    }

    /** True when the session subscribed through a live page and its user may still view each of those tenants. */
    @SuppressWarnings("unchecked")
    static boolean maySubscribe(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Set<String> grants = session == null ? null : (Set<String>) session.getAttribute(GRANTS);
        return grants != null && !grants.isEmpty() && grants.stream().allMatch(t -> mayView(request, t));
    }
}
