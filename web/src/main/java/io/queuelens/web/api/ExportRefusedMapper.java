package io.queuelens.web.api;

import io.queuelens.exports.entity.ExportRefused;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An export the caller may not see: 403 naming the parameter (tenant or queues), as the JSON reports answer. */
@Provider
public class ExportRefusedMapper implements ExceptionMapper<ExportRefused> {

    @Override
    public Response toResponse(ExportRefused e) {
        return ApiAccess.forbidden(e.getMessage(), e.parameter());
    }
}
