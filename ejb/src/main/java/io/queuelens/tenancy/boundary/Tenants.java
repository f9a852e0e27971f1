package io.queuelens.tenancy.boundary;

import io.queuelens.tenancy.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/** Reads and creates tenants. */
@Stateless
public class Tenants {

    @PersistenceContext
    EntityManager em;

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
}
