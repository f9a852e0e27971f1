package io.queuelens.web.names;

import io.queuelens.names.boundary.DisplayNames;
import io.queuelens.names.entity.NameBook;
import io.queuelens.web.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Display names for pages: {@code #{names.queue(tenant, id)}} and {@code #{names.agent(tenant, key)}}.
 * Reads the cached book of the tenant (names component); a tenant the caller may not see gets its system
 * names back unchanged, so a page cannot be used to read another tenant's names.
 */
@Named("names")
@RequestScoped
public class NamesLookup {

    @Inject
    DisplayNames names;

    @Inject
    Caller caller;

    public String queue(String tenantId, String key) {
        return key == null || !caller.mayViewTenant(tenantId) ? key : names.book(tenantId).queue(key);
    }

    public String agent(String tenantId, String key) {
        return key == null || !caller.mayViewTenant(tenantId) ? key : names.book(tenantId).agent(key);
    }

    /** A picker's label for a queue: {@code Sales (q-sales)} when it has a name, so both can be typed in the filter. */
    public String queueChoice(String tenantId, String key) {
        return choice(key, queue(tenantId, key));
    }

    /** A picker's label for an agent's system name: {@code Alice Smith (PJSIP/1001)} when the agent has a name. */
    public String agentChoice(String tenantId, String key) {
        return choice(key, agent(tenantId, key));
    }

    private static String choice(String key, String name) {
        return key == null || name == null || name.equals(key) ? key : name + " (" + key + ")";
    }

    /** A group of queue ids ({@code a,b}) as their display names, comma separated. */
    public String queues(String tenantId, String groupKey) {
        if (groupKey == null) {
            return null;
        }
        return String.join(", ", java.util.Arrays.stream(groupKey.split(",")).map(q -> queue(tenantId, q.strip())).toList());
    }

    /** The tenant's book for views built in Java; an empty one for a tenant the caller may not see. */
    public NameBook book(String tenantId) {
        return tenantId != null && caller.mayViewTenant(tenantId) ? names.book(tenantId) : NameBook.empty(String.valueOf(tenantId));
    }
}
