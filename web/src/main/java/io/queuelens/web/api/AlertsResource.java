package io.queuelens.web.api;

import io.queuelens.alerts.boundary.AlertIncidents;
import io.queuelens.alerts.boundary.AlertPreviews;
import io.queuelens.alerts.boundary.AlertRules;
import io.queuelens.alerts.control.AlertRuleChecks;
import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.AlertDelivery;
import io.queuelens.alerts.entity.AlertIncident;
import io.queuelens.alerts.entity.AlertProblem;
import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.ChannelDraft;
import io.queuelens.alerts.entity.IncidentState;
import io.queuelens.alerts.entity.InvalidAlertException;
import io.queuelens.alerts.entity.RuleDraft;
import io.queuelens.alerts.entity.RulePreviewResult;
import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import io.queuelens.tenancy.boundary.Tenants;
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

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Alerts of a tenant ({@code tenant} is required everywhere).
 * <ul>
 *   <li>{@code GET /alerts?tenant=&state=firing|acknowledged|resolved}: incidents over queues the caller sees,
 *       newest first (every state when omitted); any role that sees the tenant</li>
 *   <li>{@code POST /alerts/{id}/acknowledge?tenant=}: 200 with the incident; 404 unknown or not visible, 409 not
 *       firing; the tenant's MANAGER (seeing all its queues) or ADMIN</li>
 *   <li>{@code GET /alerts/{id}/deliveries?tenant=}: the incident's delivery log (same roles)</li>
 *   <li>{@code GET|POST /alerts/rules?tenant=}, {@code PUT|DELETE /alerts/rules/{id}?tenant=}: rules (body: name,
 *       figure, pauseReason, scopeKind, scopeIds [list], comparison, threshold, clearThreshold, minDurationSeconds,
 *       severity, quietFrom, quietTo, channelIds [list], enabled); 400 lists every problem with its field</li>
 *   <li>{@code POST /alerts/rules/preview?tenant=} (a rule body): when it would have fired yesterday</li>
 *   <li>{@code GET|POST /alerts/channels?tenant=}, {@code PUT|DELETE /alerts/channels/{id}?tenant=}: channels (body:
 *       name, kind EMAIL|WEBHOOK_GENERIC|WEBHOOK_SLACK|WEBHOOK_TELEGRAM, target, secret, clearSecret, enabled);
 *       the secret is accepted, never returned ({@code secretSet})</li>
 * </ul>
 */
@Path("alerts")
@RequestScoped
@RolesAllowed({"ADMIN", "MANAGER", "REPORTS", "DASHBOARD"})
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @Inject
    Caller caller;

    @Inject
    AlertIncidents incidents;

    @Inject
    AlertRules rules;

    @Inject
    AlertPreviews previews;

    @Inject
    Tenants tenants;

    public static class RuleBody {
        public String name;
        public String figure;
        public String pauseReason;
        public String scopeKind;
        public List<String> scopeIds;
        public String comparison;
        public Double threshold;
        public Double clearThreshold;
        public Integer minDurationSeconds;
        public String severity;
        public String quietFrom;
        public String quietTo;
        public List<Long> channelIds;
        public Boolean enabled;

        RuleDraft draft() {
            return new RuleDraft(name, figure, pauseReason, scopeKind, scopeIds == null ? null : String.join(",", scopeIds),
                    comparison, text(threshold), text(clearThreshold), minDurationSeconds == null ? null : minDurationSeconds.toString(),
                    severity, quietFrom, quietTo, channelIds == null ? List.of() : channelIds, enabled == null || enabled);
        }

        private static String text(Double d) {
            return d == null ? null : d.toString();
        }
    }

    public static class ChannelBody {
        public String name;
        public String kind;
        public String target;
        public String secret;
        public Boolean clearSecret;
        public Boolean enabled;

        ChannelDraft draft() {
            return new ChannelDraft(name, kind, target, secret, Boolean.TRUE.equals(clearSecret), enabled == null || enabled);
        }
    }

    @GET
    public Response list(@QueryParam("tenant") String tenant, @QueryParam("state") String state) throws SQLException {
        Response refused = viewer(tenant);
        if (refused != null) {
            return refused;
        }
        Set<IncidentState> states = EnumSet.allOf(IncidentState.class);
        if (state != null && !state.isBlank()) {
            try {
                states = EnumSet.of(IncidentState.valueOf(state.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return bad("state must be firing, acknowledged or resolved, was '" + state + "'", "state");
            }
        }
        return Response.ok(incidents.list(tenant, states, caller.access()).stream().map(AlertsResource::view).toList()).build();
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response acknowledge(@QueryParam("tenant") String tenant, @PathParam("id") long id) throws SQLException {
        Response refused = manager(tenant);
        if (refused != null) {
            return refused;
        }
        try {
            return incidents.acknowledge(tenant, id, caller.access()).map(i -> Response.ok(view(i)).build())
                    .orElseGet(() -> ApiErrors.notFound("no alert " + id + " of yours", "id"));
        } catch (IllegalStateException e) {
            return Response.status(Response.Status.CONFLICT).entity(ApiErrors.body(e.getMessage(), "id")).build();
        }
    }

    @GET
    @Path("{id}/deliveries")
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response deliveries(@QueryParam("tenant") String tenant, @PathParam("id") long id) throws SQLException {
        Response refused = manager(tenant);
        if (refused != null) {
            return refused;
        }
        if (incidents.find(tenant, id, caller.access()).isEmpty()) {
            return ApiErrors.notFound("no alert " + id + " of yours", "id");
        }
        return Response.ok(incidents.deliveries(tenant, id).stream().map(AlertsResource::view).toList()).build();
    }

    @GET
    @Path("rules")
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response rules(@QueryParam("tenant") String tenant) throws SQLException {
        Response refused = manager(tenant);
        return refused != null ? refused : Response.ok(rules.rules(tenant).stream().map(AlertsResource::view).toList()).build();
    }

    @POST
    @Path("rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response createRule(@QueryParam("tenant") String tenant, RuleBody body) throws SQLException {
        return saveRule(tenant, 0, body);
    }

    @PUT
    @Path("rules/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response updateRule(@QueryParam("tenant") String tenant, @PathParam("id") long id, RuleBody body) throws SQLException {
        return saveRule(tenant, id, body);
    }

    private Response saveRule(String tenant, long id, RuleBody body) throws SQLException {
        Response refused = manager(tenant);
        if (refused != null || body == null) {
            return refused != null ? refused : bad("send the rule as a JSON object", null);
        }
        if (id != 0 && rules.rule(tenant, id).isEmpty()) {
            return ApiErrors.notFound("no rule " + id + " in tenant '" + tenant + "'", "id");
        }
        try {
            AlertRule saved = rules.saveRule(tenant, id, body.draft(), caller.name());
            return Response.status(id == 0 ? 201 : 200).entity(view(saved)).build();
        } catch (InvalidAlertException e) {
            return invalid(e);
        }
    }

    @DELETE
    @Path("rules/{id}")
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response deleteRule(@QueryParam("tenant") String tenant, @PathParam("id") long id) throws SQLException {
        Response refused = manager(tenant);
        if (refused != null) {
            return refused;
        }
        return rules.deleteRule(tenant, id, caller.name()) ? Response.noContent().build()
                : ApiErrors.notFound("no rule " + id + " in tenant '" + tenant + "'", "id");
    }

    @POST
    @Path("rules/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response preview(@QueryParam("tenant") String tenant, RuleBody body) throws SQLException {
        Response refused = manager(tenant);
        if (refused != null || body == null) {
            return refused != null ? refused : bad("send the rule as a JSON object", null);
        }
        try {
            RulePreviewResult r = previews.yesterday(AlertRuleChecks.rule(tenant, 0, body.draft()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", r.day().toString());
            m.put("supported", r.supported());
            m.put("approximate", r.approximate());
            List<Map<String, Object>> firings = new ArrayList<>();
            for (RulePreviewResult.Firing f : r.firings()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("scope", f.scopeKey());
                fm.put("firedAt", f.firedAt().toString());
                fm.put("resolvedAt", f.resolvedAt() == null ? null : f.resolvedAt().toString());
                fm.put("peak", f.peak());
                firings.add(fm);
            }
            m.put("firings", firings);
            return Response.ok(m).build();
        } catch (InvalidAlertException e) {
            return invalid(e);
        }
    }

    @GET
    @Path("channels")
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response channels(@QueryParam("tenant") String tenant) throws SQLException {
        Response refused = manager(tenant);
        return refused != null ? refused : Response.ok(rules.channels(tenant).stream().map(AlertsResource::view).toList()).build();
    }

    @POST
    @Path("channels")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response createChannel(@QueryParam("tenant") String tenant, ChannelBody body) throws SQLException {
        return saveChannel(tenant, 0, body);
    }

    @PUT
    @Path("channels/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response updateChannel(@QueryParam("tenant") String tenant, @PathParam("id") long id, ChannelBody body)
            throws SQLException {
        return saveChannel(tenant, id, body);
    }

    private Response saveChannel(String tenant, long id, ChannelBody body) throws SQLException {
        Response refused = manager(tenant);
        if (refused != null || body == null) {
            return refused != null ? refused : bad("send the channel as a JSON object", null);
        }
        if (id != 0 && rules.channel(tenant, id).isEmpty()) {
            return ApiErrors.notFound("no channel " + id + " in tenant '" + tenant + "'", "id");
        }
        try {
            AlertChannel saved = rules.saveChannel(tenant, id, body.draft(), caller.name());
            return Response.status(id == 0 ? 201 : 200).entity(view(saved)).build();
        } catch (InvalidAlertException e) {
            return invalid(e);
        }
    }

    @DELETE
    @Path("channels/{id}")
    @RolesAllowed({"ADMIN", "MANAGER"}) // refused before a body is read
    public Response deleteChannel(@QueryParam("tenant") String tenant, @PathParam("id") long id) throws SQLException {
        Response refused = manager(tenant);
        if (refused != null) {
            return refused;
        }
        try {
            return rules.deleteChannel(tenant, id, caller.name()) ? Response.noContent().build()
                    : ApiErrors.notFound("no channel " + id + " in tenant '" + tenant + "'", "id");
        } catch (InvalidAlertException e) {
            return Response.status(Response.Status.CONFLICT).entity(ApiErrors.body(e.getMessage(), "id")).build();
        }
    }

    /** 400 without a tenant, 403 for a tenant the caller may not see, 404 for one that does not exist (ADMIN). */
    private Response viewer(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            return bad("tenant is required", "tenant");
        }
        Access access = caller.access();
        if (!access.mayViewTenant(tenant)) {
            return ApiAccess.forbidden("tenant '" + tenant + "' is not one of yours", "tenant");
        }
        if (tenants.find(tenant).isEmpty()) {
            return ApiErrors.notFound("unknown tenant '" + tenant + "'", "tenant");
        }
        return null;
    }

    /** {@link #viewer}, and the caller is an ADMIN or a MANAGER of the tenant who sees all of its queues. */
    private Response manager(String tenant) {
        Response refused = viewer(tenant);
        if (refused != null) {
            return refused;
        }
        Access access = caller.access();
        if (!access.isAdmin() && !(access.hasRole(Role.MANAGER) && !access.isQueueRestricted(tenant))) {
            return ApiAccess.forbidden("alert rules, channels and acknowledgements are for the tenant's managers", "tenant");
        }
        return null;
    }

    private static Response invalid(InvalidAlertException e) {
        Map<String, Object> m = ApiErrors.body(e.getMessage(), e.problems().get(0).field());
        List<Object> problems = new ArrayList<>();
        for (AlertProblem p : e.problems()) {
            Map<String, Object> pm = ApiErrors.body(p.message(), p.field());
            pm.put("key", p.key());
            problems.add(pm);
        }
        m.put("problems", problems);
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(m).build();
    }

    private static Response bad(String message, String parameter) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiErrors.body(message, parameter)).build();
    }

    static Map<String, Object> view(AlertIncident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("ruleId", i.ruleId());
        m.put("rule", i.ruleName());
        m.put("severity", i.severity().name());
        m.put("figure", i.figure().name());
        m.put("scope", i.scopeKey());
        m.put("queues", i.queues());
        m.put("state", i.state().name());
        m.put("threshold", i.threshold());
        m.put("openedAt", i.openedAt().toString());
        m.put("acknowledgedAt", i.acknowledgedAt() == null ? null : i.acknowledgedAt().toString());
        m.put("acknowledgedBy", i.acknowledgedBy());
        m.put("resolvedAt", i.resolvedAt() == null ? null : i.resolvedAt().toString());
        m.put("peak", i.peak());
        m.put("lastValue", i.lastValue());
        return m;
    }

    static Map<String, Object> view(AlertRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("figure", r.figure().name());
        m.put("pauseReason", r.pauseReason());
        m.put("scopeKind", r.scopeKind().name());
        m.put("scopeIds", r.scopeIds());
        m.put("comparison", r.comparison().symbol());
        m.put("threshold", r.threshold());
        m.put("clearThreshold", r.clearThreshold());
        m.put("minDurationSeconds", r.minDurationSeconds());
        m.put("severity", r.severity().name());
        m.put("quietFrom", r.quietFrom() == null ? null : r.quietFrom().toString());
        m.put("quietTo", r.quietTo() == null ? null : r.quietTo().toString());
        m.put("channelIds", r.channelIds());
        m.put("enabled", r.enabled());
        return m;
    }

    static Map<String, Object> view(AlertChannel c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("kind", c.kind().name());
        m.put("target", c.target());
        m.put("secretSet", c.secretSet());
        m.put("enabled", c.enabled());
        return m;
    }

    static Map<String, Object> view(AlertDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("incidentId", d.incidentId());
        m.put("channelId", d.channelId());
        m.put("kind", d.kind().name());
        m.put("status", d.status());
        m.put("attempts", d.attempts());
        m.put("httpStatus", d.httpStatus());
        m.put("error", d.lastError());
        m.put("createdAt", d.createdAt().toString());
        m.put("updatedAt", d.updatedAt().toString());
        m.put("nextAttemptAt", d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString());
        return m;
    }
}
