package io.queuelens.web.api;

import io.queuelens.audit.entity.Audited;
import io.queuelens.vault.boundary.Vault;
import io.queuelens.vault.control.KeyRotation;
import io.queuelens.vault.control.VaultException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /api/v1/vault/rotate-key} (ADMIN; {@code ./queuelens rotate-key} calls it): a new vault key,
 * every stored secret re-encrypted under it, the old key removed. Answers the counts:
 * {@code {"newKeyId":"k2","retiredKeyIds":["k1"],"values":9,"columns":{"asterisk_source.db_password":5,...}}};
 * 409 when the key comes from a setting rather than the key file, 500 with the reason when it failed
 * (the values are then as before and still open).
 */
@Path("vault")
@RequestScoped
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class VaultResource {

    private static final Logger LOG = Logger.getLogger(VaultResource.class.getName());

    @Inject
    Vault vault;

    @Inject
    Event<Audited> audit;

    @Context
    SecurityContext security;

    @POST
    @Path("rotate-key")
    public Response rotateKey() {
        KeyRotation.Result r;
        try {
            r = vault.rotateKey();
        } catch (VaultException e) {
            return Response.status(Response.Status.CONFLICT).entity(ApiErrors.body(e.getMessage(), null)).build();
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "vault key rotation failed", e);
            return Response.serverError().entity(ApiErrors.body("the key rotation failed, the stored secrets are as before: "
                    + e.getMessage(), null)).build();
        }
        audit.fire(Audited.now(security.getUserPrincipal().getName(), null, "vault.key-rotated", r.newKeyId(),
                r.values() + " secret(s) re-encrypted; retired " + r.retiredKeyIds()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("newKeyId", r.newKeyId());
        body.put("retiredKeyIds", r.retiredKeyIds());
        body.put("values", r.values());
        body.put("columns", r.reencrypted());
        return Response.ok(body).build();
    }
}
