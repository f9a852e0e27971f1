package io.queuelens.web.api;

import io.queuelens.identity.boundary.UserAdministration;
import io.queuelens.identity.entity.InvalidUser;
import io.queuelens.identity.entity.Role;
import io.queuelens.identity.entity.UserDraft;
import io.queuelens.identity.entity.UserSummary;
import io.queuelens.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Users for server administrators, as on /admin/users.xhtml: {@code GET /api/v1/users};
 * {@code POST /api/v1/users} invites one ({@code {"username", "roles": [...], "tenants": {"t": ["queue", ...]}}},
 * an empty queue list = every queue) and answers its one-time password, shown this once;
 * {@code PUT /api/v1/users/{name}} changes roles and grants; {@code POST .../reset-password},
 * {@code .../disable}, {@code .../enable}. Bad fields are 400 naming the field.
 */
@Path("users")
@RequestScoped
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserAdministration users;

    @Inject
    Caller caller;

    /** The body of invite and change. */
    public static class UserForm {
        public String username;
        public List<String> roles;
        public Map<String, List<String>> tenants;
    }

    @GET
    public List<UserSummary> list() {
        return users.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(UserForm form) {
        try {
            String password = users.invite(draft(form, null), caller.name());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", form.username.strip());
            body.put("oneTimePassword", password);
            return Response.status(Response.Status.CREATED).entity(body).build();
        } catch (InvalidUser e) {
            return invalid(e.problems());
        }
    }

    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("username") String username, UserForm form) {
        try {
            users.change(draft(form, username), caller.name());
            return Response.noContent().build();
        } catch (InvalidUser e) {
            return invalid(e.problems());
        }
    }

    @POST
    @Path("{username}/reset-password")
    public Response resetPassword(@PathParam("username") String username) {
        try {
            return Response.ok(Map.of("username", username, "oneTimePassword", users.resetPassword(username, caller.name())))
                    .build();
        } catch (InvalidUser e) {
            return invalid(e.problems());
        }
    }

    @POST
    @Path("{username}/disable")
    public Response disable(@PathParam("username") String username) {
        return enable(username, false);
    }

    @POST
    @Path("{username}/enable")
    public Response enable(@PathParam("username") String username) {
        return enable(username, true);
    }

    private Response enable(String username, boolean enabled) {
        try {
            users.setEnabled(username, enabled, caller.name());
            return Response.noContent().build();
        } catch (InvalidUser e) {
            return invalid(e.problems());
        }
    }

    /** The form as a draft; an unknown role name is a bad {@code roles} field rather than ignored. */
    private static UserDraft draft(UserForm form, String pathName) {
        if (form == null) {
            throw new InvalidUser(Map.of("username", "users.error.username"));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : form.roles == null ? List.<String>of() : form.roles) {
            try {
                roles.add(Role.valueOf(r));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidUser(Map.of("roles", "users.error.roles"));
            }
        }
        Map<String, List<String>> grants = new LinkedHashMap<>();
        if (form.tenants != null) {
            form.tenants.forEach((t, qs) -> grants.put(t, qs == null ? List.of() : new ArrayList<>(qs)));
        }
        return new UserDraft(pathName != null ? pathName : form.username, roles, grants);
    }

    /** 400 naming every bad field, with the English text of its message (the API speaks English). */
    static Response invalid(Map<String, String> problems) {
        java.util.ResourceBundle en = java.util.ResourceBundle.getBundle(io.queuelens.web.i18n.Messages.BUNDLE,
                java.util.Locale.ROOT);
        List<Object> list = new ArrayList<>();
        problems.forEach((field, key) -> list.add(ApiErrors.body(en.containsKey(key) ? en.getString(key) : key, field)));
        Map.Entry<String, String> first = problems.entrySet().iterator().next();
        Map<String, Object> body = ApiErrors.body(en.containsKey(first.getValue()) ? en.getString(first.getValue())
                : first.getValue(), first.getKey());
        body.put("problems", list);
        return Response.status(Response.Status.BAD_REQUEST).entity(body).build();
    }
}
