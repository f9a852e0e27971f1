package io.queuelens.web.api;

import io.queuelens.subscriptions.entity.InvalidSubscription;
import io.queuelens.subscriptions.entity.SubscriptionProblem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A subscription refused by its rules: 400 naming the first field, with every problem and its field. */
@Provider
public class SubscriptionErrorsMapper implements ExceptionMapper<InvalidSubscription> {

    @Override
    public Response toResponse(InvalidSubscription e) {
        List<SubscriptionProblem> ps = e.problems();
        Map<String, Object> body = ApiErrors.body(ps.isEmpty() ? e.getMessage() : ps.get(0).message(),
                ps.isEmpty() ? null : ps.get(0).field());
        List<Object> problems = new ArrayList<>();
        for (SubscriptionProblem p : ps) {
            Map<String, Object> one = ApiErrors.body(p.message(), p.field());
            one.put("key", p.key());
            problems.add(one);
        }
        body.put("problems", problems);
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
