package io.queuelens.web.api;

import io.queuelens.jobs.entity.JobLaunch;
import io.queuelens.subscriptions.boundary.Subscriptions;
import io.queuelens.subscriptions.entity.InvalidSubscription;
import io.queuelens.subscriptions.entity.Subscription;
import io.queuelens.subscriptions.entity.SubscriptionForm;
import io.queuelens.subscriptions.entity.SubscriptionRun;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Report subscriptions of a tenant ({@code ?tenant=T} on every call): {@code GET /api/v1/subscriptions}
 * (MANAGER and ADMIN: every one of the tenant; REPORTS: their own), {@code GET /{id}} (with its last runs),
 * {@code POST} creates (body: SubscriptionForm as JSON; the caller becomes the owner), {@code PUT /{id}}
 * changes, {@code DELETE /{id}} removes, {@code POST /{id}/send-now} launches a run now: 202 with the job
 * execution. 400 names every bad field; a subscription that is not the caller's to manage is 404.
 */
@Path("subscriptions")
@RequestScoped
@RolesAllowed({"ADMIN", "MANAGER", "REPORTS"})
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionsResource {

    @Inject
    Caller caller;

    @Inject
    Subscriptions subscriptions;

    @Inject
    Tenants tenants;

    @GET
    public Response list(@QueryParam("tenant") String tenant) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        ZoneId zone = zone(id);
        return Response.ok(subscriptions.list(caller.access(), id).stream().map(s -> json(s, zone)).toList()).build();
    }

    @GET
    @Path("{id}")
    public Response get(@QueryParam("tenant") String tenant, @PathParam("id") long subscriptionId) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        return subscriptions.find(caller.access(), id, subscriptionId).map(s -> {
            Map<String, Object> m = json(s, zone(id));
            m.put("runs", subscriptions.runs(s).stream().map(SubscriptionsResource::run).toList());
            return Response.ok(m).build();
        }).orElseGet(() -> notFound(id, subscriptionId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@QueryParam("tenant") String tenant, SubscriptionForm form) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        Subscription s = subscriptions.create(caller.access(), id, require(form));
        return Response.status(Response.Status.CREATED).entity(json(s, zone(id))).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@QueryParam("tenant") String tenant, @PathParam("id") long subscriptionId, SubscriptionForm form) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        return subscriptions.update(caller.access(), id, subscriptionId, require(form))
                .map(s -> Response.ok(json(s, zone(id))).build()).orElseGet(() -> notFound(id, subscriptionId));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@QueryParam("tenant") String tenant, @PathParam("id") long subscriptionId) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        return subscriptions.delete(caller.access(), id, subscriptionId) ? Response.noContent().build() : notFound(id, subscriptionId);
    }

    @POST
    @Path("{id}/send-now")
    public Response sendNow(@QueryParam("tenant") String tenant, @PathParam("id") long subscriptionId) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        return subscriptions.sendNow(caller.access(), id, subscriptionId).map(l -> Response.status(Response.Status.ACCEPTED)
                .entity(launch(l)).build()).orElseGet(() -> notFound(id, subscriptionId));
    }

    private static Map<String, Object> launch(JobLaunch l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("launchId", l.id());
        m.put("executionId", l.executionId());
        m.put("job", l.jobName());
        m.put("key", l.businessKey());
        m.put("history", "/admin/jobs.xhtml");
        return m;
    }

    static Map<String, Object> json(Subscription s, ZoneId tenantZone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("tenant", s.tenant());
        m.put("owner", s.owner());
        SubscriptionForm f = SubscriptionForm.of(s);
        m.put("report", f.getReport());
        m.put("period", f.getPeriod());
        m.put("queues", f.getQueues());
        m.put("agents", f.getAgents());
        m.put("timeZone", s.zoneOr(tenantZone).getId());
        m.put("formats", f.getFormats());
        m.put("recipients", f.getRecipients());
        m.put("frequency", f.getFrequency());
        m.put("time", f.getTime());
        m.put("weekday", f.getWeekday());
        m.put("dayOfMonth", f.getDayOfMonth());
        m.put("enabled", s.enabled());
        m.put("lastRunAt", str(s.lastRunAt()));
        m.put("nextRunAt", str(s.nextRunAt()));
        m.put("nextRunLocal", s.nextRunAt() == null ? null : s.nextRunAt().atZone(s.zoneOr(tenantZone)).toOffsetDateTime().toString());
        return m;
    }

    private static Map<String, Object> run(SubscriptionRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("key", r.runKey());
        m.put("scheduledAt", str(r.scheduledAt()));
        m.put("from", str(r.periodFrom()));
        m.put("to", str(r.periodTo()));
        m.put("requestedBy", r.requestedBy());
        m.put("status", r.status());
        m.put("error", r.error());
        m.put("mailId", r.mailId());
        return m;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    private ZoneId zone(String tenant) {
        return tenants.find(tenant).map(Tenant::getTimeZone).orElse(ZoneId.of("UTC"));
    }

    private static SubscriptionForm require(SubscriptionForm form) {
        if (form == null) {
            throw InvalidSubscription.of("body", "body", "send the subscription as a JSON object");
        }
        return form;
    }

    private static Response notFound(String tenant, long id) {
        return ApiErrors.notFound("tenant " + tenant + " has no subscription " + id + " of yours", "id");
    }
}
