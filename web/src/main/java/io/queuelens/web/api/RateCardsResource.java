package io.queuelens.web.api;

import io.queuelens.web.security.Caller;
import io.queuelens.payouts.boundary.RateCards;
import io.queuelens.payouts.entity.InvalidPayoutInput;
import io.queuelens.payouts.entity.RateCard;
import io.queuelens.payouts.entity.RateCardForm;
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


/**
 * Rate cards of a tenant ({@code ?tenant=T} on every call): {@code GET /api/v1/rate-cards},
 * {@code POST} (body: {@link RateCardForm} as JSON) creates, {@code PUT /{id}} changes,
 * {@code DELETE /{id}} removes. 400 names every bad field. ADMIN and MANAGER of the tenant.
 */
@Path("rate-cards")
@RequestScoped
@RolesAllowed({"ADMIN", "MANAGER"})
@Produces(MediaType.APPLICATION_JSON)
public class RateCardsResource {

    @Inject
    Caller caller;

    @Inject
    RateCards cards;

    @GET
    public Response list(@QueryParam("tenant") String tenant) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        return refused != null ? refused : Response.ok(cards.cards(id)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@QueryParam("tenant") String tenant, RateCardForm form) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        RateCard saved = cards.save(id, require(form).toRateCard(id, 0), true, caller.name()).orElseThrow();
        return Response.status(Response.Status.CREATED).entity(saved).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@QueryParam("tenant") String tenant, @PathParam("id") long cardId, RateCardForm form) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        return cards.save(id, require(form).toRateCard(id, cardId), false, caller.name()).map(c -> Response.ok(c).build())
                .orElseGet(() -> notFound(id, cardId));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@QueryParam("tenant") String tenant, @PathParam("id") long cardId) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        return cards.delete(id, cardId, caller.name()) ? Response.noContent().build() : notFound(id, cardId);
    }

    private static RateCardForm require(RateCardForm form) {
        if (form == null) {
            throw InvalidPayoutInput.of("body", "send the rate card as a JSON object");
        }
        return form;
    }

    private static Response notFound(String tenant, long id) {
        return ApiErrors.notFound("tenant " + tenant + " has no rate card " + id, "id");
    }

}
