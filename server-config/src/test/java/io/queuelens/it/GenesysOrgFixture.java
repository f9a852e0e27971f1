package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.sources.genesys.control.GenesysStandIn;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Genesys ITs beyond {@link GenesysSourceIT} share: a tenant of their own with one org on the
 * loopback stand-ins, configured over REST; the org's source and live snapshot as the REST API shows them;
 * observation answers and conversation notifications in the shapes of FORMATS.md §4.
 */
final class GenesysOrgFixture {

    final Deployment d;
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String tenant;
    final String orgName;
    private long orgId;

    GenesysOrgFixture(Deployment d, String prefix) throws Exception {
        this.d = d;
        this.tenant = prefix + "-" + suffix;
        this.orgName = "gc-" + suffix;
        HttpResponse<String> t = call("POST", "/api/v1/tenants", "{\"id\": \"" + tenant + "\", \"name\": \"Genesys "
                + suffix + "\", \"timeZone\": \"UTC\", \"locale\": \"en\", \"currency\": \"EUR\"}");
        assertThat(t.statusCode()).as(t.body()).isEqualTo(201);
    }

    /** Configures (and so starts) the org over REST. */
    long createOrg(GenesysStandIn org) throws Exception {
        String settings = "{\"name\":\"" + orgName + "\",\"displayName\":\"Genesys IT\",\"region\":\"mypurecloud.ie\","
                + "\"baseUrl\":\"" + org.baseUrl() + "\",\"clientId\":\"it-client\",\"clientSecret\":\"" + GenesysSourceIT.SECRET + "\"}";
        HttpResponse<String> created = call("POST", "/api/v1/genesys/orgs?tenant=" + tenant, settings);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        orgId = json(created.body()).getJsonNumber("id").longValue();
        return orgId;
    }

    String orgPath() {
        return "/api/v1/genesys/orgs/" + orgId;
    }

    void deleteOrg() throws Exception {
        assertThat(call("DELETE", orgPath() + "?tenant=" + tenant, null).statusCode()).isEqualTo(204);
    }

    /** The org's live source as {@code GET /api/v1/sources} shows it, or null while it does not run. */
    JsonObject source() throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/sources", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonValue v : Json.createReader(new StringReader(r.body())).readArray()) {
            JsonObject s = v.asJsonObject();
            if (tenant.equals(s.getString("tenant")) && (orgName + "-live").equals(s.getString("name"))) {
                return s;
            }
        }
        return null;
    }

    long counter(String name) throws Exception {
        JsonObject s = source();
        return s == null || !s.getJsonObject("counters").containsKey(name) ? -1
                : s.getJsonObject("counters").getJsonNumber(name).longValue();
    }

    boolean connected() throws Exception {
        JsonObject s = source();
        return s != null && "CONNECTED".equals(s.getString("state")) && counter("resyncs") >= 1;
    }

    /** The tenant's live snapshot ({@code GET /api/v1/live}). */
    JsonObject live() throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/live?tenant=" + tenant, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    /** Conversation ids waiting in the queue in the live snapshot (empty when the queue is not there). */
    List<String> waiting(String queue) throws Exception {
        JsonObject queues = live().getJsonObject("queues");
        if (queues == null || !queues.containsKey(queue)) {
            return List.of();
        }
        return queues.getJsonObject(queue).getJsonArray("waiting").stream()
                .map(w -> w.asJsonObject().getString("uniqueId")).sorted().toList();
    }

    /** A member of the live snapshot, or null. */
    JsonObject member(String agent) throws Exception {
        JsonObject members = live().getJsonObject("members");
        return members == null || !members.containsKey(agent) ? null : members.getJsonObject(agent);
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        return AccessMatrixIT.tokenCall(d, method, path, body);
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    static JsonArray array(String body) {
        return Json.createReader(new StringReader(body)).readArray();
    }

    /** Polls until the condition holds; fails with the last state it describes. */
    static void await(String what, Duration within, Callable<Boolean> condition, Callable<Object> state) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!Boolean.TRUE.equals(condition.call())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for " + what + "; now: "
                        + state.call());
            }
            Thread.sleep(200);
        }
    }

    /**
     * An observations query's {@code results}: per queue, the conversations waiting in it now (each
     * waiting since {@code since}).
     */
    static JsonArray observations(Map<String, List<String>> waitingByQueue, Instant since) {
        JsonArrayBuilder results = Json.createArrayBuilder();
        waitingByQueue.forEach((queue, conversations) -> {
            JsonArrayBuilder obs = Json.createArrayBuilder();
            conversations.forEach(c -> obs.add(Json.createObjectBuilder().add("conversationId", c)
                    .add("observationDate", since.toString()).add("ani", "tel:+1555" + Math.abs(c.hashCode() % 10000))));
            results.add(Json.createObjectBuilder()
                    .add("group", Json.createObjectBuilder().add("queueId", queue).add("mediaType", "voice"))
                    .add("data", Json.createArrayBuilder().add(Json.createObjectBuilder().add("metric", "oWaiting")
                            .add("stats", Json.createObjectBuilder().add("count", conversations.size()))
                            .add("observations", obs))));
        });
        return results.build();
    }

    /** A conversations-topic notification: the caller was queued in {@code queue} at {@code since} and is answered now by {@code user}. */
    static JsonObject answeredConversation(String id, String queue, Instant since, String user, Instant answered) {
        return Json.createObjectBuilder().add("id", id).add("participants", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("purpose", "customer").add("address", "tel:+1555000")
                        .add("calls", Json.createArrayBuilder().add(Json.createObjectBuilder().add("state", "connected"))))
                .add(Json.createObjectBuilder().add("purpose", "acd").add("queueId", queue)
                        .add("connectedTime", since.toString()).add("endTime", answered.toString())
                        .add("calls", Json.createArrayBuilder().add(Json.createObjectBuilder().add("state", "disconnected"))))
                .add(Json.createObjectBuilder().add("purpose", "agent").add("queueId", queue).add("userId", user)
                        .add("connectedTime", answered.toString())
                        .add("calls", Json.createArrayBuilder().add(Json.createObjectBuilder().add("state", "connected")))))
                .build();
    }
}
