package io.queuelens.identity.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A user as the admin list shows it: never the password hash. */
public record UserSummary(String username, Set<Role> roles, boolean enabled, boolean mustChangePassword,
                          Map<String, Set<String>> grants, String locale, Instant createdAt) implements Serializable {
}
