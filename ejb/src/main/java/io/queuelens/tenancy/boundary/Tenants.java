package io.queuelens.tenancy.boundary;

import io.queuelens.audit.entity.Audited;
import io.queuelens.tenancy.entity.InvalidTenant;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.tenancy.entity.TenantDraft;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and creates tenants. */
@Stateless
public class Tenants {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<Audited> audit;

    public Optional<Tenant> find(String id) {
        return Optional.ofNullable(em.find(Tenant.class, id));
    }

    public List<Tenant> findAll() {
        return em.createNamedQuery("Tenant.findAll", Tenant.class).getResultList();
    }

    /** Returns the tenant with the given id, creating it from {@code template} when missing. */
    public Tenant ensureExists(Tenant template) {
        return find(template.getId()).orElseGet(() -> {
            em.persist(template);
            return template;
        });
    }

    /**
     * Creates a tenant from the admin form.
     *
     * @throws InvalidTenant naming every bad field, or the id when it is taken
     */
    public Tenant create(TenantDraft draft, String actor) {
        Map<String, String> problems = new LinkedHashMap<>(draft.problems());
        if (!problems.containsKey("id") && find(draft.id().strip()).isPresent()) {
            problems.put("id", "tenants.error.idTaken");
        }
        if (!problems.isEmpty()) {
            throw new InvalidTenant(problems);
        }
        Tenant t = new Tenant(draft.id().strip(), draft.name(), draft.zone(), draft.parsedLocale(), draft.parsedCurrency());
        em.persist(t);
        audit.fire(Audited.now(actor, t.getId(), "tenant.created", t.getId(), t.getName()));
        return t;
    }

    /**
     * Changes name, time zone, locale and currency of an existing tenant (the id in the draft names it).
     *
     * @throws InvalidTenant naming every bad field
     */
    public Tenant change(TenantDraft draft, String actor) {
        Map<String, String> problems = draft.problems();
        if (!problems.isEmpty()) {
            throw new InvalidTenant(problems);
        }
        Tenant t = find(draft.id().strip()).orElseThrow(() -> new InvalidTenant(Map.of("id", "tenants.error.unknown")));
        t.change(draft.name(), draft.zone(), draft.parsedLocale(), draft.parsedCurrency());
        audit.fire(Audited.now(actor, t.getId(), "tenant.changed", t.getId(),
                t.getName() + ", " + t.getTimeZone() + ", " + t.getLocale().toLanguageTag() + ", " + t.getCurrency()));
        return t;
    }
}
