package io.queuelens.web.api;

import io.queuelens.web.security.Caller;
import io.queuelens.jobs.entity.JobLaunch;
import io.queuelens.payouts.boundary.Payouts;
import io.queuelens.payouts.entity.AgentPeriodTotal;
import io.queuelens.payouts.entity.InvalidPayoutInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Payouts of a tenant's period ({@code from}, {@code to}: days YYYY-MM-DD, inclusive):
 * {@code GET /api/v1/payouts} the newest revision of every agent-day and the totals per agent;
 * {@code GET /api/v1/payouts/lines?day=&agent=&revision=} the lines of one agent-day;
 * {@code POST /api/v1/payouts} recomputes the period as a new revision (202 with the job's launch and
 * execution ids; 409 when a day is locked); {@code POST /api/v1/payouts/lock} approves and locks the
 * period; {@code DELETE /api/v1/payouts/lock} unlocks it (ADMIN only). ADMIN and MANAGER of the tenant:
 * pay is personal data, so REPORTS (call figures) does not see it.
 */
@Path("payouts")
@RequestScoped
@RolesAllowed({"ADMIN", "MANAGER"})
@Produces(MediaType.APPLICATION_JSON)
public class PayoutsResource {

    @Inject
    Caller caller;

    @Inject
    Payouts payouts;

    @GET
    public Response period(@QueryParam("tenant") String tenant, @QueryParam("from") String from, @QueryParam("to") String to) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        List<AgentPeriodTotal> days = payouts.period(id, day(from, "from"), day(to, "to"));
        Map<String, BigDecimal> byAgent = new TreeMap<>();
        days.forEach(d -> byAgent.merge(d.agent(), d.total(), BigDecimal::add));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", id);
        body.put("from", from);
        body.put("to", to);
        body.put("agentDays", days);
        body.put("totalsByAgent", byAgent);
        body.put("total", byAgent.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
        body.put("lockedDays", payouts.lockedDays(id, day(from, "from"), day(to, "to")).stream().sorted().map(LocalDate::toString).toList());
        return Response.ok(body).build();
    }

    @GET
    @Path("lines")
    public Response lines(@QueryParam("tenant") String tenant, @QueryParam("day") String day,
                          @QueryParam("agent") String agent, @QueryParam("revision") Integer revision) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        if (agent == null || agent.isBlank() || revision == null) {
            throw InvalidPayoutInput.of(agent == null || agent.isBlank() ? "agent" : "revision", "agent and revision are required");
        }
        LocalDate d = day(day, "day");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lines", payouts.lines(id, d, revision, agent.strip()));
        body.put("revisions", payouts.revisions(id, d));
        return Response.ok(body).build();
    }

    @POST
    public Response recompute(@QueryParam("tenant") String tenant, @QueryParam("from") String from, @QueryParam("to") String to) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        JobLaunch launch = payouts.recompute(id, day(from, "from"), day(to, "to"), caller.name());
        return Response.status(Response.Status.ACCEPTED).entity(Map.of("launchId", launch.id(), "executionId", launch.executionId(),
                "job", launch.jobName())).build();
    }

    @POST
    @Path("lock")
    public Response lock(@QueryParam("tenant") String tenant, @QueryParam("from") String from, @QueryParam("to") String to) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        return Response.ok(Map.of("locked", payouts.lock(id, day(from, "from"), day(to, "to"), caller.name()))).build();
    }

    @DELETE
    @Path("lock")
    @RolesAllowed("ADMIN")
    public Response unlock(@QueryParam("tenant") String tenant, @QueryParam("from") String from, @QueryParam("to") String to) {
        String id = ReportsResource.requireTenantId(tenant);
        return Response.ok(Map.of("unlocked", payouts.unlock(id, day(from, "from"), day(to, "to"), caller.name()))).build();
    }

    static LocalDate day(String value, String field) {
        try {
            return value == null ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw InvalidPayoutInput.of(field, field + " must be a day YYYY-MM-DD, was '" + value + "'");
        }
    }
}
