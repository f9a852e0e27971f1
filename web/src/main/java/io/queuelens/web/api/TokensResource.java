package io.queuelens.web.api;

import io.queuelens.login.boundary.ApiTokens;
import io.queuelens.login.entity.CreatedToken;
import io.queuelens.login.entity.TokenInfo;
import io.queuelens.login.entity.TokenRejected;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller's API tokens: {@code GET /api/v1/tokens} lists their own ({@code ?all=true}: everyone's,
 * ADMIN only), {@code POST} with {@code {"name": "...", "expiresAt": "2027-01-01T00:00:00Z"}} or
 * {@code "expiresInDays": 90} (both optional) creates one and answers it once in {@code token},
 * {@code DELETE /api/v1/tokens/{id}} revokes one (own, or anyone's for ADMIN). Every role may use it.
 */
@Path("tokens")
@RequestScoped
@RolesAllowed({"ADMIN", "MANAGER", "REPORTS", "DASHBOARD"})
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    /** The request body of POST. */
    public static class TokenForm {
        public String name;
        public String expiresAt;
        public Integer expiresInDays;
    }

    @Inject
    ApiTokens tokens;

    @Context
    SecurityContext security;

    @GET
    public Response list(@QueryParam("all") boolean all) {
        if (all && !security.isUserInRole("ADMIN")) {
            return error(Response.Status.FORBIDDEN, "only an ADMIN may list every user's tokens", "all");
        }
        List<TokenInfo> list = all ? tokens.all() : tokens.ofUser(caller());
        Instant now = Instant.now();
        return Response.ok(list.stream().map(t -> json(t, now)).toList()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(TokenForm form) {
        if (form == null) {
            return error(Response.Status.BAD_REQUEST, "send {\"name\": \"...\"} as a JSON object", null);
        }
        Instant expiresAt;
        try {
            expiresAt = expiry(form);
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage(), form.expiresAt != null ? "expiresAt" : "expiresInDays");
        }
        try {
            CreatedToken created = tokens.create(caller(), form.name, expiresAt);
            Map<String, Object> body = json(created.info(), Instant.now());
            body.put("token", created.token());
            return Response.status(Response.Status.CREATED).entity(body).build();
        } catch (TokenRejected e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage(), e.field());
        }
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) {
        return tokens.revoke(id, caller(), security.isUserInRole("ADMIN"))
                ? Response.noContent().build()
                : error(Response.Status.NOT_FOUND, "no token " + id + " of yours", "id");
    }

    static Instant expiry(TokenForm form) {
        if (form.expiresAt != null && !form.expiresAt.isBlank() && form.expiresInDays != null) {
            throw new IllegalArgumentException("give expiresAt or expiresInDays, not both");
        }
        if (form.expiresInDays != null) {
            if (form.expiresInDays < 1 || form.expiresInDays > 3650) {
                throw new IllegalArgumentException("expiresInDays must be 1 to 3650, was " + form.expiresInDays);
            }
            return Instant.now().plus(Duration.ofDays(form.expiresInDays));
        }
        if (form.expiresAt == null || form.expiresAt.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(form.expiresAt.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiresAt must be an ISO-8601 instant such as 2027-01-01T00:00:00Z, was '"
                    + form.expiresAt + "'");
        }
    }

    static Map<String, Object> json(TokenInfo t, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("user", t.owner());
        m.put("name", t.name());
        m.put("prefix", t.prefix());
        m.put("createdAt", t.createdAt().toString());
        m.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
        m.put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
        m.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
        m.put("active", t.active(now));
        return m;
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }

    private static Response error(Response.Status status, String message, String parameter) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiErrors.body(message, parameter)).build();
    }
}
