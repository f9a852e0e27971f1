package io.queuelens.sources.genesys.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Genesys Cloud org on loopback, for tests: the JDK's HTTP server answers the token endpoint (a
 * wrong secret is refused with 401 invalid_client) and the API the documented shapes (FORMATS.md §4):
 * routing queues and their members in pages, users, conversation details in pages by interval, an
 * aggregates query, an observations query, notification channels (whose connectUri points at a
 * registered {@link GenesysNotificationStandIn}) and their subscriptions. Faults are programmable: a
 * run of 429s with a Retry-After, a run of 500s, a 403 on a path.
 * <p>
 * It serves as the base URL of an org (API and login on one host).
 */
public final class GenesysStandIn implements AutoCloseable {

    private final HttpServer server;
    private final String clientId;
    private volatile String clientSecret;
    private volatile long tokenSeconds = 86_400;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile GenesysNotificationStandIn ws;

    /** queue id -> name, in list order */
    private final Map<String, String> queues = Collections.synchronizedMap(new LinkedHashMap<>());
    /** queue id -> member user ids */
    private final Map<String, List<String>> members = new ConcurrentHashMap<>();
    /** user id -> name */
    private final Map<String, String> users = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> routing = new ConcurrentHashMap<>();
    private final Map<String, String> presence = new ConcurrentHashMap<>();
    private final List<JsonObject> conversations = new CopyOnWriteArrayList<>();
    private volatile JsonArray aggregateResults = JsonValue.EMPTY_JSON_ARRAY;
    private volatile JsonArray observationResults = JsonValue.EMPTY_JSON_ARRAY;

    private record Fault(int status, String retryAfter) {
    }

    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    /** requests still answered normally before the programmed faults start */
    private final AtomicInteger faultsAfter = new AtomicInteger();
    private final Set<String> forbidden = ConcurrentHashMap.newKeySet();

    /** A run of 429s on one endpoint only, for requests whose body contains a marker (null: every request). */
    private record Storm(String path, String bodyContains, AtomicInteger left, String retryAfter) {
        boolean hits(String requestPath, String body) {
            return path.equals(requestPath) && (bodyContains == null || body.contains(bodyContains))
                    && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }

    private final List<Storm> storms = new CopyOnWriteArrayList<>();

    /** One request as the org received it: when, what, and the status it was answered with. */
    public record Received(Instant at, String method, String path, String body, int status) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** "METHOD path?query status" of every request, in order */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    public GenesysStandIn(String clientId, String clientSecret) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "genesys-stand-in");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The org's base URL (API and token endpoint). */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    // ---- the org's data

    public GenesysStandIn notifications(GenesysNotificationStandIn standIn) {
        this.ws = standIn;
        return this;
    }

    public GenesysStandIn secret(String secret) {
        this.clientSecret = secret;
        return this;
    }

    /** Lifetime of the tokens issued from now on, in seconds. */
    public GenesysStandIn tokenSeconds(long seconds) {
        this.tokenSeconds = seconds;
        return this;
    }

    public GenesysStandIn queue(String id, String name, String... memberIds) {
        queues.put(id, name);
        members.put(id, List.of(memberIds));
        for (String m : memberIds) {
            users.putIfAbsent(m, "User " + m);
            routing.putIfAbsent(m, "IDLE");
            presence.putIfAbsent(m, "Available");
        }
        return this;
    }

    public GenesysStandIn user(String id, String name, String routingStatus, String systemPresence) {
        users.put(id, name);
        routing.put(id, routingStatus);
        presence.put(id, systemPresence);
        return this;
    }

    /** A conversation as the details query returns it (conversationId, conversationStart, participants...). */
    public GenesysStandIn conversation(JsonObject conversation) {
        conversations.add(conversation);
        return this;
    }

    /** Forgets the conversations (a test then adds them in their later state). */
    public GenesysStandIn conversationsClear() {
        conversations.clear();
        return this;
    }

    /** The {@code results} of every aggregates query from now on. */
    public GenesysStandIn aggregates(JsonArray results) {
        this.aggregateResults = results;
        return this;
    }

    /** The {@code results} of every observations query from now on. */
    public GenesysStandIn observations(JsonArray results) {
        this.observationResults = results;
        return this;
    }

    // ---- faults

    /** The next {@code times} API requests (token requests included) are answered 429 with this Retry-After. */
    public GenesysStandIn tooManyRequests(int times, String retryAfter) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(429, retryAfter));
        }
        return this;
    }

    /** The next {@code times} requests are answered with this status (e.g. 500, 503). */
    public GenesysStandIn failNext(int times, int status) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(status, null));
        }
        return this;
    }

    /** The programmed faults start after this many more requests have been answered normally. */
    public GenesysStandIn faultsAfter(int requests) {
        faultsAfter.set(requests);
        return this;
    }

    /**
     * The next {@code times} requests to {@code path} (without query) whose body contains {@code bodyContains}
     * (null: any body) are answered 429 with this Retry-After; the org's other endpoints answer as usual.
     */
    public GenesysStandIn tooManyRequestsOn(String path, String bodyContains, int times, String retryAfter) {
        storms.add(new Storm(path, bodyContains, new AtomicInteger(times), retryAfter));
        return this;
    }

    /** Requests to this path (without query) are answered 403 missing permission. */
    public GenesysStandIn forbid(String path) {
        forbidden.add(path);
        return this;
    }

    /** Every token issued so far stops being valid (the API then answers 401). */
    public void revokeTokens() {
        tokens.clear();
    }

    public int tokensIssued() {
        return issued.get();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Every request received, in order, with its time, body and answer. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Bodies of the POST/PUT requests, in order. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    // ---- serving

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        String path = uri.getPath();
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int[] status = {0};
        try {
            Fault fault = faultsAfter.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? null : faults.pollFirst();
            if (fault == null) {
                fault = storms.stream().filter(st -> st.hits(path, body)).findFirst()
                        .map(st -> new Fault(429, st.retryAfter())).orElse(null);
            }
            if (fault != null) {
                if (fault.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", fault.retryAfter());
                }
                status[0] = fault.status();
                send(ex, fault.status(), Json.createObjectBuilder().add("status", fault.status())
                        .add("message", fault.status() == 429 ? "Rate limit exceeded the maximum" : "Internal error").build());
                return;
            }
            if (path.equals("/oauth/token") && method.equals("POST")) {
                status[0] = token(ex, body);
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
                status[0] = 401;
                send(ex, 401, Json.createObjectBuilder().add("status", 401).add("code", "bad.credentials").build());
                return;
            }
            if (forbidden.contains(path)) {
                status[0] = 403;
                send(ex, 403, Json.createObjectBuilder().add("status", 403).add("code", "missing.permissions").build());
                return;
            }
            if (!body.isEmpty()) {
                bodies.add(method + " " + path + " " + body);
            }
            JsonObject answer = answer(method, path, query(uri.getRawQuery()), body);
            status[0] = answer == null ? 404 : 200;
            send(ex, status[0], answer == null ? Json.createObjectBuilder().add("status", 404).build() : answer);
        } finally {
            requests.add(method + " " + uri + " " + status[0]);
            received.add(new Received(Instant.now(), method, path, body, status[0]));
        }
    }

    private int token(HttpExchange ex, String body) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        if (!body.contains("grant_type=client_credentials")) {
            send(ex, 400, Json.createObjectBuilder().add("error", "unsupported_grant_type").build());
            return 400;
        }
        if (!expected.equals(auth)) {
            send(ex, 401, Json.createObjectBuilder().add("error", "invalid_client")
                    .add("description", "client not found or secret wrong").build());
            return 401;
        }
        String token = "token-" + issued.incrementAndGet();
        tokens.add(token);
        send(ex, 200, Json.createObjectBuilder().add("access_token", token).add("token_type", "bearer")
                .add("expires_in", tokenSeconds).build());
        return 200;
    }

    private static final Pattern MEMBERS = Pattern.compile("/api/v2/routing/queues/([^/]+)/members");
    private static final Pattern SUBSCRIPTIONS = Pattern.compile("/api/v2/notifications/channels/([^/]+)/subscriptions");

    private JsonObject answer(String method, String path, Map<String, String> query, String body) {
        Matcher m;
        if (method.equals("GET") && path.equals("/api/v2/routing/queues")) {
            List<JsonObject> all = new ArrayList<>();
            synchronized (queues) {
                queues.forEach((id, name) -> all.add(Json.createObjectBuilder().add("id", id).add("name", name)
                        .add("memberCount", members.getOrDefault(id, List.of()).size()).build()));
            }
            return page(all, query);
        }
        if (method.equals("GET") && (m = MEMBERS.matcher(path)).matches()) {
            List<JsonObject> all = new ArrayList<>();
            for (String u : members.getOrDefault(m.group(1), List.of())) {
                all.add(Json.createObjectBuilder().add("id", u).add("name", users.getOrDefault(u, u)).add("joined", true)
                        .add("routingStatus", Json.createObjectBuilder().add("status", routing.getOrDefault(u, "OFF_QUEUE")))
                        .add("user", Json.createObjectBuilder().add("id", u).add("name", users.getOrDefault(u, u))
                                .add("presence", Json.createObjectBuilder().add("presenceDefinition",
                                        Json.createObjectBuilder().add("systemPresence", presence.getOrDefault(u, "Offline")))))
                        .build());
            }
            return page(all, query);
        }
        if (method.equals("GET") && path.equals("/api/v2/users")) {
            List<JsonObject> all = new ArrayList<>();
            synchronized (users) {
                users.forEach((id, name) -> all.add(Json.createObjectBuilder().add("id", id).add("name", name)
                        .add("state", "active").build()));
            }
            return page(all, query);
        }
        if (method.equals("POST") && path.equals("/api/v2/analytics/conversations/details/query")) {
            return details(read(body));
        }
        if (method.equals("POST") && path.equals("/api/v2/analytics/conversations/aggregates/query")) {
            return Json.createObjectBuilder().add("results", aggregateResults).build();
        }
        if (method.equals("POST") && path.equals("/api/v2/analytics/queues/observations/query")) {
            return Json.createObjectBuilder().add("results", observationResults).build();
        }
        if (method.equals("POST") && path.equals("/api/v2/notifications/channels")) {
            GenesysNotificationStandIn w = ws;
            if (w == null) {
                String id = "streaming-0-" + Long.toHexString(System.nanoTime());
                return Json.createObjectBuilder().add("id", id).add("connectUri", "wss://127.0.0.1:1/" + id)
                        .add("expires", Instant.now().plusSeconds(86_400).toString()).build();
            }
            String id = w.newChannel();
            return Json.createObjectBuilder().add("id", id).add("connectUri", w.connectUri(id).toString())
                    .add("expires", Instant.now().plusSeconds(86_400).toString()).build();
        }
        if ((method.equals("PUT") || method.equals("POST")) && (m = SUBSCRIPTIONS.matcher(path)).matches()) {
            List<String> topics = new ArrayList<>();
            JsonArrayBuilder entities = Json.createArrayBuilder();
            for (JsonValue v : Json.createReader(new StringReader(body)).readArray()) {
                String t = v.asJsonObject().getString("id");
                topics.add(t);
                entities.add(Json.createObjectBuilder().add("id", t));
            }
            GenesysNotificationStandIn w = ws;
            if (w != null) {
                w.subscribe(m.group(1), topics);
            }
            return Json.createObjectBuilder().add("entities", entities).build();
        }
        return null;
    }

    /** Details query: conversations whose start lies in the interval, ordered by start, paged. */
    private JsonObject details(JsonObject q) {
        String[] interval = q.getString("interval").split("/");
        Instant from = Instant.parse(interval[0]);
        Instant to = Instant.parse(interval[1]);
        JsonObject paging = q.containsKey("paging") ? q.getJsonObject("paging") : JsonValue.EMPTY_JSON_OBJECT;
        int size = paging.getInt("pageSize", 25);
        int number = paging.getInt("pageNumber", 1);
        List<JsonObject> hits = conversations.stream().filter(c -> {
            Instant start = Instant.parse(c.getString("conversationStart"));
            return !start.isBefore(from) && start.isBefore(to);
        }).sorted((a, b) -> a.getString("conversationStart").compareTo(b.getString("conversationStart"))).toList();
        JsonArrayBuilder page = Json.createArrayBuilder();
        hits.subList(Math.min(hits.size(), (number - 1) * size), Math.min(hits.size(), number * size)).forEach(page::add);
        JsonObject built = Json.createObjectBuilder().add("conversations", page).add("totalHits", hits.size()).build();
        return hits.size() <= (number - 1) * size
                ? Json.createObjectBuilder().add("totalHits", hits.size()).build() // Genesys omits the array past the end
                : built;
    }

    private static JsonObject page(List<JsonObject> all, Map<String, String> query) {
        int size = Integer.parseInt(query.getOrDefault("pageSize", "25"));
        int number = Integer.parseInt(query.getOrDefault("pageNumber", "1"));
        int pageCount = Math.max(1, (all.size() + size - 1) / size);
        JsonArrayBuilder entities = Json.createArrayBuilder();
        all.subList(Math.min(all.size(), (number - 1) * size), Math.min(all.size(), number * size)).forEach(entities::add);
        return Json.createObjectBuilder().add("entities", entities).add("pageSize", size).add("pageNumber", number)
                .add("total", all.size()).add("pageCount", pageCount).build();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    q.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static JsonObject read(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static void send(HttpExchange ex, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
