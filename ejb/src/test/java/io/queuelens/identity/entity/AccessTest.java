package io.queuelens.identity.entity;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTest {

    private static final Access MANAGER_OF_A = Access.of("mia", EnumSet.of(Role.MANAGER),
            Map.of("a", List.of(), "c", List.of("sales", "support")), "tr");

    @Test
    void anAdminSeesEveryTenantAndEveryQueue() {
        Access admin = Access.of("root", EnumSet.of(Role.ADMIN), Map.of("a", List.of("x")), null);
        assertThat(admin.mayViewTenant("anything")).isTrue();
        assertThat(admin.queueLimit("anything")).isEmpty();
        assertThat(admin.mayViewQueues("b", List.of("q1", "q2"))).isTrue();
        assertThat(admin.effectiveQueues("b", List.of())).isEmpty();
        assertThat(Access.admin("api-token").isAdmin()).isTrue();
    }

    @Test
    void othersSeeOnlyGrantedTenants() {
        assertThat(MANAGER_OF_A.mayViewTenant("a")).isTrue();
        assertThat(MANAGER_OF_A.mayViewTenant("b")).isFalse();
        assertThat(MANAGER_OF_A.mayViewTenant(null)).isFalse();
        assertThat(MANAGER_OF_A.visibleTenants(List.of("b", "c", "a"))).containsExactly("c", "a");
        assertThatThrownBy(() -> MANAGER_OF_A.queueLimit("b")).isInstanceOf(IllegalStateException.class);
        assertThat(MANAGER_OF_A.mayViewQueue("b", "sales")).isFalse();
    }

    @Test
    void aTenantWithoutQueueRowsMeansAllItsQueues() {
        assertThat(MANAGER_OF_A.queueLimit("a")).isEmpty();
        assertThat(MANAGER_OF_A.isQueueRestricted("a")).isFalse();
        assertThat(MANAGER_OF_A.mayViewQueue("a", "whatever")).isTrue();
        assertThat(MANAGER_OF_A.effectiveQueues("a", List.of())).isEmpty();
    }

    @Test
    void queueRowsLimitTheTenant() {
        assertThat(MANAGER_OF_A.queueLimit("c")).isEqualTo(Optional.of(Set.of("sales", "support")));
        assertThat(MANAGER_OF_A.isQueueRestricted("c")).isTrue();
        assertThat(MANAGER_OF_A.mayViewQueues("c", List.of("sales"))).isTrue();
        assertThat(MANAGER_OF_A.mayViewQueues("c", List.of("sales", "vip"))).isFalse();
        assertThat(MANAGER_OF_A.effectiveQueues("c", List.of())).containsExactly("sales", "support");
        assertThat(MANAGER_OF_A.effectiveQueues("c", List.of("support"))).containsExactly("support");
    }

    @Test
    void noneSeesNothingAndHasNoRole() {
        assertThat(Access.NONE.isKnown()).isFalse();
        assertThat(Access.NONE.mayViewTenant("a")).isFalse();
        assertThat(Access.NONE.hasAnyRole(Role.values())).isFalse();
        assertThat(Access.NONE.visibleTenants(List.of("a", "b"))).isEmpty();
    }

    @Test
    void rolesAndLocaleAreKept() {
        assertThat(MANAGER_OF_A.hasRole(Role.MANAGER)).isTrue();
        assertThat(MANAGER_OF_A.hasAnyRole(Role.ADMIN, Role.REPORTS)).isFalse();
        assertThat(MANAGER_OF_A.hasAnyRole(Role.ADMIN, Role.MANAGER)).isTrue();
        assertThat(MANAGER_OF_A.locale()).contains("tr");
        assertThat(MANAGER_OF_A.grantedTenants()).containsExactlyInAnyOrder("a", "c");
    }
}
