package io.queuelens.web.api;

import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import io.queuelens.mail.boundary.MailDeliveries;
import io.queuelens.mail.boundary.SmtpSettings;
import io.queuelens.mail.entity.DeliveryStatus;
import io.queuelens.mail.entity.InvalidMail;
import io.queuelens.mail.entity.MailDelivery;
import io.queuelens.mail.entity.MailProblem;
import io.queuelens.mail.entity.MailSettings;
import io.queuelens.mail.entity.MailSettingsForm;
import io.queuelens.mail.entity.SmtpSecurity;
import io.queuelens.mail.entity.SmtpTestResult;
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

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Mail settings and the delivery log. {@code tenant} omitted or {@code *} = the server-wide settings
 * (ADMIN only); a tenant's own settings, which override the server-wide ones for its mail, may also be
 * changed by a MANAGER of that tenant who sees all of its queues. The password is accepted, never
 * returned ({@code passwordSet} says whether one is stored; empty keeps it).
 * <ul>
 *   <li>{@code GET /mail/settings?tenant=}: {@code {"scope","settings":{...}|null,"effectiveScope"}}</li>
 *   <li>{@code PUT /mail/settings?tenant=} (body: host, port, security NONE|STARTTLS|SSL, username, password,
 *       fromAddress, fromName): 200 with the stored settings, or 400 with every problem and its field</li>
 *   <li>{@code DELETE /mail/settings?tenant=}: 204, 404 when the scope had none</li>
 *   <li>{@code POST /mail/settings/test?tenant=&to=} (body: the settings to try): sends a test mail and
 *       answers {@code {"ok","failedStage","steps":[{"stage","ok","detail"}]}}, stage DNS, CONNECT, TLS, AUTH,
 *       RECIPIENT, MESSAGE</li>
 *   <li>{@code GET /mail/deliveries?tenant=&status=}: the newest 200 deliveries (tenant omitted: every scope, ADMIN)</li>
 *   <li>{@code POST /mail/deliveries/{id}/resend}: due again now with fresh attempts; 409 while it is being sent</li>
 *   <li>{@code POST /mail/deliveries/test?tenant=&to=}: a test mail into the outbox (202 with its id), delivered
 *       with the stored settings and retries like any mail</li>
 * </ul>
 */
@Path("mail")
@RequestScoped
@RolesAllowed({"ADMIN", "MANAGER"})
@Produces(MediaType.APPLICATION_JSON)
public class MailResource {

    @Inject
    Caller caller;

    @Inject
    SmtpSettings settings;

    @Inject
    MailDeliveries deliveries;

    @Inject
    Tenants tenants;

    /** The settings as sent by a client; {@code security} as text so a wrong value is a problem on its field. */
    public static class SettingsBody {
        public String host;
        public Integer port;
        public String security;
        public String username;
        public String password;
        public String fromAddress;
        public String fromName;
    }

    @GET
    @Path("settings")
    public Response get(@QueryParam("tenant") String tenant) throws SQLException {
        String scope = scope(tenant);
        Response refused = refused(scope);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", scope);
        body.put("settings", settings.find(scope).map(MailResource::view).orElse(null));
        body.put("effectiveScope", settings.effective(scope).map(MailSettings::scope).orElse(null));
        return Response.ok(body).build();
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@QueryParam("tenant") String tenant, SettingsBody body) throws SQLException {
        String scope = scope(tenant);
        Response refused = refused(scope);
        if (refused != null || body == null) {
            return refused != null ? refused : bad("send the settings as a JSON object", null);
        }
        List<MailProblem> early = new ArrayList<>();
        MailSettingsForm form = form(body, early);
        try {
            if (!early.isEmpty()) {
                throw new InvalidMail(early);
            }
            return Response.ok(view(settings.save(scope, form))).build();
        } catch (InvalidMail e) {
            return invalid(e);
        }
    }

    @DELETE
    @Path("settings")
    public Response delete(@QueryParam("tenant") String tenant) throws SQLException {
        String scope = scope(tenant);
        Response refused = refused(scope);
        if (refused != null) {
            return refused;
        }
        return settings.delete(scope) ? Response.noContent().build()
                : Response.status(Response.Status.NOT_FOUND).entity(ApiErrors.body("no mail settings of their own for "
                + scope, "tenant")).build();
    }

    @POST
    @Path("settings/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response test(@QueryParam("tenant") String tenant, @QueryParam("to") String to, SettingsBody body) throws SQLException {
        String scope = scope(tenant);
        Response refused = refused(scope);
        if (refused != null || body == null) {
            return refused != null ? refused : bad("send the settings to try as a JSON object", null);
        }
        List<MailProblem> early = new ArrayList<>();
        MailSettingsForm form = form(body, early);
        try {
            if (!early.isEmpty()) {
                throw new InvalidMail(early);
            }
            SmtpTestResult r = settings.test(scope, form, to);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ok", r.ok());
            out.put("failedStage", r.failedStage() == null ? null : r.failedStage().name());
            List<Map<String, Object>> steps = new ArrayList<>();
            r.steps().forEach(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("stage", s.stage().name());
                m.put("ok", s.ok());
                m.put("detail", s.detail());
                steps.add(m);
            });
            out.put("steps", steps);
            return Response.ok(out).build();
        } catch (InvalidMail e) {
            return invalid(e);
        }
    }

    @GET
    @Path("deliveries")
    public Response deliveries(@QueryParam("tenant") String tenant, @QueryParam("status") String status) throws SQLException {
        String scope = tenant == null || tenant.isBlank() ? null : scope(tenant);
        Response refused = scope == null ? (caller.access().isAdmin() ? null
                : ApiAccess.forbidden("name your tenant: the deliveries of every tenant are for administrators", "tenant"))
                : refused(scope);
        if (refused != null) {
            return refused;
        }
        DeliveryStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return bad("status must be one of " + List.of(DeliveryStatus.values()) + ", was '" + status + "'", "status");
            }
        }
        return Response.ok(deliveries.list(scope, wanted).stream().map(MailResource::view).toList()).build();
    }

    @POST
    @Path("deliveries/test")
    public Response queueTest(@QueryParam("tenant") String tenant, @QueryParam("to") String to) throws SQLException {
        String scope = scope(tenant);
        Response refused = refused(scope);
        if (refused != null) {
            return refused;
        }
        try {
            long id = settings.queueTestMail(scope, to);
            return Response.accepted(view(deliveries.find(id).orElseThrow())).build();
        } catch (InvalidMail e) {
            return invalid(e);
        }
    }

    @POST
    @Path("deliveries/{id}/resend")
    public Response resend(@PathParam("id") long id) throws SQLException {
        Optional<MailDelivery> found = deliveries.find(id);
        // a delivery of a scope the caller may not manage is "not found": ids cannot be probed
        if (found.isEmpty() || refused(found.get().scope()) != null) {
            return Response.status(Response.Status.NOT_FOUND).entity(ApiErrors.body("no delivery " + id + " of yours", "id")).build();
        }
        if (!deliveries.resend(found.get())) {
            return Response.status(Response.Status.CONFLICT).entity(ApiErrors.body("delivery " + id
                    + " is being sent right now; look again in a few seconds", "id")).build();
        }
        return Response.ok(view(deliveries.find(id).orElseThrow())).build();
    }

    /** The scope of a {@code tenant} parameter: {@code *} when omitted. */
    private static String scope(String tenant) {
        return tenant == null || tenant.isBlank() ? MailSettings.SERVER_WIDE : tenant.strip();
    }

    /**
     * 403 unless the caller may manage the scope's mail: server-wide ADMIN only; a tenant: ADMIN, or its
     * MANAGER when not limited to some of its queues. 400 for a malformed tenant id, 404 for an unknown one
     * (only told to those who could see it).
     */
    private Response refused(String scope) {
        Access access = caller.access();
        if (MailSettings.SERVER_WIDE.equals(scope)) {
            return access.isAdmin() ? null
                    : ApiAccess.forbidden("the server-wide mail settings are for administrators; name your tenant", "tenant");
        }
        if (!Tenant.ID_PATTERN.matcher(scope).matches()) {
            return bad("tenant must be a tenant id or '*', was '" + scope + "'", "tenant");
        }
        if (!access.isAdmin() && !(access.hasRole(Role.MANAGER) && access.mayViewTenant(scope)
                && !access.isQueueRestricted(scope))) {
            return ApiAccess.forbidden("you may not manage the mail settings of tenant '" + scope + "'", "tenant");
        }
        if (tenants.find(scope).isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(ApiErrors.body("unknown tenant '" + scope + "'", "tenant"))
                    .build();
        }
        return null;
    }

    private static MailSettingsForm form(SettingsBody b, List<MailProblem> problems) {
        MailSettingsForm f = new MailSettingsForm();
        f.setHost(b.host);
        f.setPort(b.port);
        if (b.security != null && !b.security.isBlank()) {
            try {
                f.setSecurity(SmtpSecurity.valueOf(b.security.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(MailProblem.of("security", "securityInvalid", "security must be NONE, STARTTLS or SSL, was '"
                        + b.security + "'", b.security));
            }
        } else {
            problems.add(MailProblem.of("security", "securityRequired", "choose NONE, STARTTLS or SSL"));
        }
        f.setUsername(b.username);
        f.setPassword(b.password);
        f.setFromAddress(b.fromAddress);
        f.setFromName(b.fromName);
        if (!problems.isEmpty()) {
            // report the other fields' problems too, in one answer
            f.setSecurity(SmtpSecurity.NONE);
            io.queuelens.mail.control.MailSettingsRules.check(f, true).forEach(problems::add);
        }
        return f;
    }

    static Map<String, Object> view(MailSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scope", s.scope());
        m.put("host", s.host());
        m.put("port", s.port());
        m.put("security", s.security().name());
        m.put("username", s.username());
        m.put("passwordSet", s.passwordSet());
        m.put("fromAddress", s.fromAddress());
        m.put("fromName", s.fromName());
        m.put("updatedAt", s.updatedAt() == null ? null : s.updatedAt().toString());
        m.put("updatedBy", s.updatedBy());
        return m;
    }

    static Map<String, Object> view(MailDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("scope", d.scope());
        m.put("purpose", d.purpose());
        m.put("recipients", d.recipients());
        m.put("subject", d.subject());
        m.put("status", d.status().name());
        m.put("attempts", d.attempts());
        m.put("nextAttemptAt", d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString());
        m.put("lastError", d.lastError());
        m.put("createdAt", d.createdAt().toString());
        m.put("sentAt", d.sentAt() == null ? null : d.sentAt().toString());
        return m;
    }

    private static Response invalid(InvalidMail e) {
        MailProblem first = e.problems().get(0);
        if (e.problems().size() == 1 && "unknownTenant".equals(first.key())) {
            return Response.status(Response.Status.NOT_FOUND).entity(ApiErrors.body(first.message(), "tenant")).build();
        }
        Map<String, Object> body = ApiErrors.body(first.message(), first.field());
        List<Object> problems = new ArrayList<>();
        e.problems().forEach(p -> problems.add(ApiErrors.body(p.message(), p.field())));
        body.put("problems", problems);
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static Response bad(String message, String parameter) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiErrors.body(message, parameter)).build();
    }
}
