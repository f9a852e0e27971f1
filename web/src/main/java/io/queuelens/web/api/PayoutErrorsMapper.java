package io.queuelens.web.api;

import io.queuelens.jobs.entity.JobConflict;
import io.queuelens.jobs.entity.UnknownJob;
import io.queuelens.payouts.entity.InvalidPayoutInput;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refusals of the jobs and payouts boundaries as answers: invalid input 400 with every problem and
 * its field, an unknown execution 404, a state that forbids the operation (locked period, already
 * restarted, not restartable) 409.
 */
public final class PayoutErrorsMapper {

    private PayoutErrorsMapper() {
    }

    @Provider
    public static class Invalid implements ExceptionMapper<InvalidPayoutInput> {
        @Override
        public Response toResponse(InvalidPayoutInput e) {
            Map<String, Object> body = ApiErrors.body(e.getMessage(), e.problems().get(0).field());
            List<Object> problems = new ArrayList<>();
            e.problems().forEach(p -> problems.add(ApiErrors.body(p.message(), p.field())));
            body.put("problems", problems);
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<JobConflict> {
        @Override
        public Response toResponse(JobConflict e) {
            return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiErrors.body(e.getMessage(), null)).build();
        }
    }

    @Provider
    public static class Unknown implements ExceptionMapper<UnknownJob> {
        @Override
        public Response toResponse(UnknownJob e) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiErrors.body(e.getMessage(), "id")).build();
        }
    }
}
