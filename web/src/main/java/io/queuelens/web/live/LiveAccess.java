package io.queuelens.web.live;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may watch a tenant live. Until users are granted tenants and queues (identity issue) only a
 * server administrator, who may see every tenant, may: the same rule as the report pages. A page that
 * passed this check records the tenant in the HTTP session, and the socket handshake
 * ({@link LiveSocketGuard}) is let through only for a session holding such a grant whose user still
 * passes the check; the channel's user (the tenant) is set by that page only.
 */
public final class LiveAccess {

    static final String GRANTS = "queuelens.live.tenants";

    private LiveAccess() {
    }

    public static boolean mayView(HttpServletRequest request, String tenantId) {
        return tenantId != null && request.isUserInRole("ADMIN");
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
