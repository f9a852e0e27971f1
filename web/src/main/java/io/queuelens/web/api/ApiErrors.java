package io.queuelens.web.api;

import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's error body: {@code {"error": "...", "parameter": "from"}}, plus every problem when a
 * request has several, so a client can mark all fields at once.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** @param parameter the offending query parameter, or null when the error is not about one */
    public static Map<String, Object> body(String error, String parameter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("parameter", parameter);
        return m;
    }

    public static Map<String, Object> body(InvalidReportRequest e) {
        Map<String, Object> m = body(e.firstMessage(), e.parameter());
        List<Object> problems = new ArrayList<>();
        for (InvalidReportRequest.Problem p : e.problems()) {
            problems.add(body(p.message(), p.parameter()));
        }
        m.put("problems", problems);
        return m;
    }

    /** A 404 with the error body: what the caller asked for does not exist, or is not theirs to see. */
    public static Response notFound(String error, String parameter) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(error, parameter)).build();
    }

    /** A 400 with the error body. */
    public static Response badRequest(String error, String parameter) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(error, parameter)).build();
    }

    /** A 400 naming the first problem of a source's settings, with every problem listed. */
    public static Response badRequest(InvalidSourceConfig e) {
        Map<String, Object> m = body(e.problems().get(0).message(), e.problems().get(0).field());
        List<Object> problems = new ArrayList<>();
        e.problems().forEach(p -> problems.add(body(p.message(), p.field())));
        m.put("problems", problems);
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(m).build();
    }
}
