package io.queuelens.web.api;

import io.queuelens.reports.entity.InvalidReportRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A report request that cannot be answered: 400 with the parameter at fault, never a stack trace. */
@Provider
public class InvalidReportRequestMapper implements ExceptionMapper<InvalidReportRequest> {

    @Override
    public Response toResponse(InvalidReportRequest e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiErrors.body(e)).build();
    }
}
