package io.queuelens.audit.boundary;

import io.queuelens.audit.entity.Audited;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

import java.security.Principal;
import java.util.function.Consumer;

/**
 * Fires {@link Audited} for a component, with the caller of the current request as actor ({@code system}
 * on timer and start-up threads). Components that already know the user pass it; the others let this
 * find it, so no boundary needs a user parameter only for the log.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String SYSTEM = "system";

    @Inject
    Event<Audited> events;

    @Inject
    SecurityContext security;

    Consumer<Audited> sink;

    /** A trail for components built by hand in tests: the events go to {@code sink}. */
    public static AuditTrail to(Consumer<Audited> sink) {
        AuditTrail t = new AuditTrail();
        t.sink = sink;
        return t;
    }

    @PostConstruct
    void fireAsCdiEvents() {
        sink = events::fire;
    }

    /** The name of the caller, or {@code system} outside a request. */
    public String caller() {
        try {
            Principal p = security == null ? null : security.getCallerPrincipal();
            return p == null || p.getName() == null ? SYSTEM : p.getName();
        } catch (RuntimeException e) {
            return SYSTEM; // no security context on this thread (timers, executors)
        }
    }

    public void record(String tenantId, String action, String target, String detail) {
        sink.accept(Audited.now(caller(), tenantId, action, target, detail));
    }

    public void recordAs(String actor, String tenantId, String action, String target, String detail) {
        sink.accept(Audited.now(actor == null ? caller() : actor, tenantId, action, target, detail));
    }
}
