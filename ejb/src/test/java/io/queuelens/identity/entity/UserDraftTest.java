package io.queuelens.identity.entity;

import io.queuelens.tenancy.entity.TenantDraft;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin forms' field checks (users and tenants). */
class UserDraftTest {

    @Test
    void aValidUserHasNoProblems() {
        assertThat(new UserDraft("mia", EnumSet.of(Role.MANAGER), Map.of("a", List.of())).problems()).isEmpty();
        assertThat(new UserDraft("root", EnumSet.of(Role.ADMIN), Map.of()).problems()).isEmpty();
    }

    @Test
    void everyBadFieldIsNamed() {
        Map<String, String> p = new UserDraft("bad name!", EnumSet.noneOf(Role.class), Map.of("a", List.of(" "))).problems();
        assertThat(p).containsEntry("username", "users.error.username").containsEntry("roles", "users.error.roles")
                .containsEntry("queues", "users.error.queue");
        assertThat(new UserDraft("api-token", EnumSet.of(Role.ADMIN), Map.of()).problems())
                .containsEntry("username", "users.error.reserved");
        assertThat(new UserDraft("dora", EnumSet.of(Role.DASHBOARD), Map.of()).problems())
                .containsEntry("tenants", "users.error.tenants");
    }

    @Test
    void tenantFieldsAreCheckedOneByOne() {
        assertThat(new TenantDraft("acme", "Acme", "Europe/Istanbul", "tr", "TRY").problems()).isEmpty();
        assertThat(new TenantDraft("Bad Id", " ", "Mars/Olympus", "??", "euro").problems()).containsOnlyKeys(
                "id", "name", "timeZone", "locale", "currency");
        assertThat(new TenantDraft("acme", "x".repeat(201), "UTC", "en", "XXZ").problems())
                .containsEntry("name", "tenants.error.nameLong").containsEntry("currency", "tenants.error.currency");
    }
}
