package io.queuelens.web.api;

import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.subscriptions.boundary.SubscriptionLinks;
import io.queuelens.subscriptions.boundary.SubscriptionRuns;
import io.queuelens.subscriptions.control.LinkSigner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /api/v1/subscription-files/{run}/{format}?expires=&sig=}: the file of a subscription run whose
 * mail carried links instead of attachments. No login: the HMAC signature is the permission (web.xml lets
 * the path through). A changed or incomplete link is 403, an expired one 410, both with a message; a valid
 * one serves the file stored at the run, or renders it again for the run's period with the owner's access now.
 */
@Path("subscription-files")
@RequestScoped
public class SubscriptionFilesResource {

    @Inject
    SubscriptionLinks links;

    @Inject
    SubscriptionRuns runs;

    @GET
    @Path("{run}/{format}")
    public Response download(@PathParam("run") String run, @PathParam("format") String format,
                             @QueryParam("expires") String expires, @QueryParam("sig") String sig) throws IOException {
        long runId;
        long exp;
        Optional<ExportFormat> fmt = ExportFormat.ofApiName(format);
        try {
            runId = Long.parseLong(run);
            exp = Long.parseLong(expires == null ? "" : expires.strip());
        } catch (NumberFormatException e) {
            return error(Response.Status.FORBIDDEN, "this download link is not valid: it is incomplete or was changed");
        }
        LinkSigner.Verdict verdict = links.check(runId, format, exp, sig);
        if (verdict == LinkSigner.Verdict.TAMPERED || fmt.isEmpty()) {
            return error(Response.Status.FORBIDDEN, "this download link is not valid: it is incomplete or was changed");
        }
        if (verdict == LinkSigner.Verdict.EXPIRED) {
            return error(Response.Status.GONE, "this download link expired at " + Instant.ofEpochSecond(exp)
                    + "; ask for the report again (\"send now\" on the subscriptions page)");
        }
        Optional<SubscriptionRuns.RunFile> file = runs.file(runId, fmt.get());
        if (file.isEmpty()) {
            return error(Response.Status.GONE, "this report is no longer available: its subscription was deleted");
        }
        SubscriptionRuns.RunFile f = file.get();
        StreamingOutput body = out -> Files.copy(f.path(), out);
        return Response.ok(body, f.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + f.name() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .build();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiErrors.body(message, "sig")).build();
    }
}
