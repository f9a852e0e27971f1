package io.queuelens.web.api;

import io.queuelens.ingest.boundary.QueueLogImports;
import io.queuelens.ingest.control.ImportsInProgress;
import io.queuelens.ingest.control.IngestResult;
import io.queuelens.ingest.control.QueueLogFileIngestion;
import io.queuelens.tenancy.boundary.Tenants;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/imports/queue-log?tenant=T&source=S&name=N}: the body is a raw Asterisk queue_log
 * file, read as a stream straight into the import (never held whole), so a multi-gigabyte file costs
 * the server no more memory than a small one. Answers with the counts.
 */
@Path("imports")
@RequestScoped
@RolesAllowed("ADMIN")
public class ImportsResource {

    private static final Logger LOG = Logger.getLogger(ImportsResource.class.getName());
    /** Fits source_id (64). */
    static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    Tenants tenants;

    @Inject
    QueueLogImports imports;

    /**
     * @param source the source the facts belong to; default {@code import}
     * @param name   the file's name: keys its quarantined lines ({@code file:<name>:<line>}); default
     *               {@code upload}. Sending the same file under the same name again gives the same rows.
     */
    @POST
    @Path("queue-log")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response queueLog(@QueryParam("tenant") String tenant, @QueryParam("source") @DefaultValue("import") String source,
                             @QueryParam("name") @DefaultValue("upload") String name, InputStream body) {
        Response malformed = ApiAccess.malformedTenant(tenant);
        if (malformed != null) {
            return malformed;
        }
        if (!SOURCE.matcher(source).matches()) {
            return error(Response.Status.BAD_REQUEST, "source must be 1 to 64 of A-Z a-z 0-9 . _ -, was '" + source + "'", "source");
        }
        if (!QueueLogFileIngestion.NAME.matcher(name).matches()) {
            return error(Response.Status.BAD_REQUEST, "name must be 1 to 49 of A-Z a-z 0-9 . _ -, was '" + name + "'", "name");
        }
        String tenantId = tenant.strip();
        Response unknown = ApiAccess.unknownTenant(tenants, tenantId);
        if (unknown != null) {
            return unknown;
        }
        try {
            IngestResult r = imports.importQueueLog(tenantId, source, name, body);
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("linesRead", r.linesRead());
            counts.put("visits", r.visits());
            counts.put("quarantined", r.quarantined());
            counts.put("bucketsRefreshed", r.bucketsRefreshed());
            return Response.ok(counts).build();
        } catch (ImportsInProgress.AlreadyRunning e) {
            return error(Response.Status.CONFLICT, e.getMessage(), "name");
        } catch (IOException e) {
            // the client went away or the body broke off: what was committed stays, a resend gives the same rows
            return error(Response.Status.BAD_REQUEST, "the upload could not be read to its end (" + e.getMessage()
                    + "); send the file again", null);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "queue_log import into " + tenantId + "/" + source + " failed", e);
            return error(Response.Status.INTERNAL_SERVER_ERROR, "storing the import failed (" + e.getMessage()
                    + "); send the file again: stored lines are not duplicated", null);
        }
    }

    private static Response error(Response.Status status, String message, String parameter) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiErrors.body(message, parameter)).build();
    }
}
