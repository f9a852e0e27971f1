package io.queuelens.web.security;

import io.queuelens.identity.entity.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRulesTest {

    @Test
    void pathsGetTheirRoles() {
        assertThat(AccessRules.rolesFor("/reports/cdr.xhtml")).containsExactlyInAnyOrder(Role.ADMIN, Role.MANAGER, Role.REPORTS);
        assertThat(AccessRules.rolesFor("/live/snapshot")).containsExactlyInAnyOrder(Role.ADMIN, Role.MANAGER, Role.DASHBOARD);
        assertThat(AccessRules.rolesFor("/omnifaces.push/x")).doesNotContain(Role.REPORTS);
        // the alerts socket of the layout: every role gets toasts (filtered by queue visibility when pushed)
        assertThat(AccessRules.rolesFor("/omnifaces.push/alerts")).containsExactlyInAnyOrder(Role.values());
        assertThat(AccessRules.rolesFor("/alerts/alerts.xhtml")).containsExactlyInAnyOrder(Role.values());
        assertThat(AccessRules.rolesFor("/admin/users.xhtml")).containsExactly(Role.ADMIN);
        assertThat(AccessRules.rolesFor("/admin/jobs.xhtml")).containsExactlyInAnyOrder(Role.ADMIN, Role.MANAGER);
        assertThat(AccessRules.rolesFor("/payouts/rate-cards.xhtml")).containsExactlyInAnyOrder(Role.ADMIN, Role.MANAGER);
        assertThat(AccessRules.rolesFor("/admin/names.xhtml")).containsExactlyInAnyOrder(Role.ADMIN, Role.MANAGER);
        // a tenant's manager sets their own tenant's SMTP; every other admin page stays ADMIN-only
        assertThat(AccessRules.rolesFor("/admin/mail.xhtml")).containsExactlyInAnyOrder(Role.ADMIN, Role.MANAGER);
        assertThat(AccessRules.rolesFor("/account/password.xhtml")).containsExactlyInAnyOrder(Role.values());
        assertThat(AccessRules.rolesFor("/index.xhtml")).containsExactlyInAnyOrder(Role.values());
    }
}
