package io.queuelens.identity.entity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A user as the admin form gives it: name, roles, and per granted tenant the queues they may see
 * (empty = every queue of that tenant). {@link #problems()} maps each bad field to a bundle key.
 */
public record UserDraft(String username, Set<Role> roles, Map<String, ? extends Collection<String>> grants) {

    /** Queue names as in reports; see SummaryRequest.MAX_QUEUE_NAME. */
    public static final int MAX_QUEUE_NAME = 128;

    public UserDraft {
        roles = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        grants = grants == null ? Map.of() : new LinkedHashMap<>(grants);
    }

    public Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (username == null || !UserAccount.USERNAME_PATTERN.matcher(username.strip()).matches()) {
            p.put("username", "users.error.username");
        } else if ("api-token".equals(username.strip())) {
            p.put("username", "users.error.reserved"); // the server token's caller name
        }
        if (roles.isEmpty()) {
            p.put("roles", "users.error.roles");
        }
        if (!roles.contains(Role.ADMIN) && grants.isEmpty()) {
            p.put("tenants", "users.error.tenants");
        }
        for (Collection<String> qs : grants.values()) {
            for (String q : qs) {
                if (q == null || q.isBlank() || q.strip().length() > MAX_QUEUE_NAME) {
                    p.put("queues", "users.error.queue");
                }
            }
        }
        return p;
    }
}
