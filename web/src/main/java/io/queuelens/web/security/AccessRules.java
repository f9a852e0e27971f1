package io.queuelens.web.security;

import io.queuelens.identity.entity.Role;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which roles may open which page paths, checked on every request against the roles stored now (so a
 * role taken away applies at the next request, not at the next login). REST resources carry their
 * roles in {@code @RolesAllowed}; tenant and queue checks are made where the tenant is read.
 */
public final class AccessRules {

    static final Set<Role> REPORTS = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.REPORTS);
    static final Set<Role> LIVE = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.DASHBOARD);
    static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    /** Job history and payouts: ADMIN, and MANAGER for their tenants (pay is personal: not REPORTS). */
    static final Set<Role> MANAGE = EnumSet.of(Role.ADMIN, Role.MANAGER);
    /** Display names of a tenant's queues and agents: its managers keep them too (names component). */
    static final Set<Role> NAMES = EnumSet.of(Role.ADMIN, Role.MANAGER);
    /** Mail settings: ADMIN, and a tenant's MANAGER for that tenant's own SMTP (the page checks which tenant). */
    static final Set<Role> MAIL = EnumSet.of(Role.ADMIN, Role.MANAGER);
    static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

    /** Path prefix -> roles, most specific first. */
    private static final List<Map.Entry<String, Set<Role>>> RULES = List.of(
            Map.entry("/reports/", REPORTS),
            Map.entry("/live/", LIVE),
            Map.entry("/omnifaces.push/alerts", EVERYONE),
            Map.entry("/omnifaces.push/", LIVE),
            Map.entry("/payouts/", MANAGE),
            Map.entry("/admin/jobs.xhtml", MANAGE),
            Map.entry("/admin/names.xhtml", NAMES),
            Map.entry("/admin/mail.xhtml", MAIL),
            Map.entry("/admin/", ADMIN));

    private AccessRules() {
    }

    /** The roles that may request this servlet path; every role for paths without a rule. */
    public static Set<Role> rolesFor(String path) {
        for (Map.Entry<String, Set<Role>> r : RULES) {
            if (path.startsWith(r.getKey())) {
                return r.getValue();
            }
        }
        return EVERYONE;
    }
}
