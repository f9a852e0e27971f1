package io.queuelens.web.api;

import io.queuelens.cdrs.boundary.CdrSearch;
import io.queuelens.recordings.entity.RecordingFile;
import io.queuelens.recordings.entity.UnsafeRecordingPath;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/cdrs/{id}/recording?tenant=...}: the audio of one CDR, for the CDR page's player.
 * Looked up by the tenant's CDR id (never by a path from the request), with {@code Range} support so
 * the player can seek: 206 with Content-Range, 416 past the end, 404 when the CDR, its file name or
 * the file is missing, 400 for a bad id or a file name that would lead outside the recordings root.
 */
@Path("cdrs")
@RequestScoped
// as ReportsResource: a tenant's calls, for report readers of granted tenants and visible queues
@RolesAllowed({"ADMIN", "MANAGER", "REPORTS"})
public class CdrResource {

    private static final Logger LOG = Logger.getLogger(CdrResource.class.getName());
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final int BUFFER = 64 * 1024;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    @Inject
    CdrSearch cdrs;

    @GET
    @Path("{id}/recording")
    public Response recording(@PathParam("id") String id, @QueryParam("tenant") String tenant,
                              @HeaderParam("Range") String range) {
        String tenantId = ReportsResource.requireTenantId(tenant);
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidReportRequest("id", "id must be a CDR id (a positive number), was '" + id + "'");
        }
        Response refused = ApiAccess.refused(caller.access(), tenantId, null);
        if (refused != null) {
            return refused;
        }
        if (tenants.find(tenantId).isEmpty()) {
            return error(Response.Status.NOT_FOUND, "unknown tenant '" + tenantId + "'", "tenant");
        }
        Optional<RecordingFile> found;
        try {
            // A CDR of a queue the caller may not see is as absent as one of another tenant.
            found = cdrs.recording(tenantId, Long.parseLong(id),
                    caller.access().queueLimit(tenantId).orElse(java.util.Set.of()));
        } catch (UnsafeRecordingPath e) {
            LOG.log(Level.WARNING, "CDR {0} of tenant {1}: {2}", new Object[]{id, tenantId, e.getMessage()});
            return error(Response.Status.BAD_REQUEST, "the recording file name of this CDR is not allowed", "id");
        }
        if (found.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "no recording for CDR " + id + " of tenant '" + tenantId + "'", "id");
        }
        RecordingFile file = found.get();
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, file.size());
        } catch (ByteRange.Unsatisfiable e) {
            return Response.status(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header("Content-Range", "bytes */" + file.size()).header("Accept-Ranges", "bytes").build();
        }
        long first = part.map(ByteRange::first).orElse(0L);
        long length = part.map(ByteRange::length).orElse(file.size());
        Response.ResponseBuilder r = part.isPresent()
                ? Response.status(Response.Status.PARTIAL_CONTENT).header("Content-Range", part.get().contentRange(file.size()))
                : Response.ok();
        return r.entity(stream(file, first, length))
                .type(file.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", "inline")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .build();
    }

    private static StreamingOutput stream(RecordingFile file, long first, long length) {
        return out -> {
            try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ);
                 InputStream in = Channels.newInputStream(ch.position(first))) {
                copy(in, out, length);
            }
        };
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break; // the file shrank meanwhile: the client sees a short body
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static Response error(Response.Status status, String message, String parameter) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiErrors.body(message, parameter)).build();
    }
}
