package io.queuelens.sources.genesys.control;

import io.queuelens.sources.genesys.entity.GenesysApiException;
import io.queuelens.sources.genesys.entity.GenesysApiException.Kind;
import io.queuelens.sources.genesys.entity.GenesysApiStats;
import io.queuelens.sources.genesys.entity.GenesysRegion;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The REST client of one Genesys org; every call of the org (the live session's, the history import's,
 * the connection test's) goes through it, over one {@link HttpClient} that also carries the
 * notification WebSocket.
 * <ul>
 * <li>OAuth client credentials: the token is cached and renewed {@link Settings#renewBefore} before
 * it expires (at most a tenth of its life early), and renewed once when the API answers 401.</li>
 * <li>A client-side limit of {@link Settings#maxRequestsPerMinute} requests in any minute (token
 * requests included), shared by every thread.</li>
 * <li>429: waits the {@code Retry-After} seconds (every thread of the org waits, the org's budget is
 * shared), then asks again; {@link Settings#max429} times at most for one call.</li>
 * <li>5xx and dropped connections: retried with exponential backoff and full jitter,
 * {@link Settings#maxAttempts} attempts in all.</li>
 * <li>Every attempt is written to the org's {@link ApiCallLog}.</li>
 * </ul>
 */
public final class GenesysApi implements GenesysLiveSession.Rest {

    /** How a call of the org's client behaves. */
    public record Settings(int maxRequestsPerMinute, int maxAttempts, int max429, Duration firstBackoff,
                           Duration maxBackoff, Duration maxRetryAfter, Duration requestTimeout,
                           Duration renewBefore, int logSize) {

        public static Settings defaults(int maxRequestsPerMinute) {
            return new Settings(maxRequestsPerMinute, 4, 20, Duration.ofMillis(500), Duration.ofSeconds(16),
                    Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(5), 1000);
        }
    }

    /** How the client waits (tests record the waits instead of sleeping through them). */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final GenesysRegion region;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http;
    private final Settings settings;
    private final ApiCallLog log;
    private final Clock clock;
    private final Sleeper sleeper;

    private final Deque<Instant> window = new ArrayDeque<>(); // starts of the requests of the last minute
    private volatile Instant pausedUntil = Instant.EPOCH;     // a 429's Retry-After, for every thread
    private String token;                                     // guarded by this
    private Instant tokenRenewAt = Instant.EPOCH;              // guarded by this
    private volatile long tokensIssued;

    public GenesysApi(String tenantId, String org, GenesysRegion region, String clientId, String clientSecret,
                      HttpClient http, Settings settings) {
        this(tenantId, org, region, clientId, clientSecret, http, settings, Clock.systemUTC(),
                d -> Thread.sleep(Math.max(0, d.toMillis())));
    }

    GenesysApi(String tenantId, String org, GenesysRegion region, String clientId, String clientSecret,
               HttpClient http, Settings settings, Clock clock, Sleeper sleeper) {
        this.region = region;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.http = http;
        this.settings = settings;
        this.log = new ApiCallLog(tenantId, org, settings.logSize());
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** One client for a whole org (HTTP calls and the WebSocket). */
    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The client the org's WebSocket is to use, so that the org has one. */
    public HttpClient http() {
        return http;
    }

    public GenesysApiStats stats() {
        return log.stats();
    }

    long tokensIssued() {
        return tokensIssued;
    }

    // ---- the calls

    @Override
    public JsonObject get(String pathAndQuery) throws GenesysApiException, InterruptedException {
        return object(call("GET", pathAndQuery, null), pathAndQuery);
    }

    @Override
    public JsonObject post(String path, JsonStructure body) throws GenesysApiException, InterruptedException {
        return object(call("POST", path, body), path);
    }

    @Override
    public void put(String path, JsonStructure body) throws GenesysApiException, InterruptedException {
        call("PUT", path, body);
    }

    /**
     * Every entity of a list paged by {@code pageNumber/pageSize/pageCount} (e.g. {@code /api/v2/routing/queues}).
     *
     * @param path without query, or with a query to which the paging parameters are appended
     */
    public List<JsonObject> pages(String path, int pageSize, int maxPages) throws GenesysApiException, InterruptedException {
        List<JsonObject> all = new ArrayList<>();
        String prefix = path + (path.contains("?") ? "&" : "?");
        for (int page = 1; page <= maxPages; page++) {
            JsonObject answer = get(prefix + "pageSize=" + pageSize + "&pageNumber=" + page);
            JsonValue entities = answer.get("entities");
            if (entities == null || entities.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new GenesysApiException(Kind.REQUEST, 200, "a page without entities from " + ApiCallLog.template(path));
            }
            JsonArray list = entities.asJsonArray();
            list.stream().filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT).map(JsonValue::asJsonObject).forEach(all::add);
            JsonValue count = answer.get("pageCount");
            int pageCount = count != null && count.getValueType() == JsonValue.ValueType.NUMBER
                    ? answer.getInt("pageCount") : page;
            if (page >= pageCount || list.isEmpty()) {
                return all;
            }
        }
        throw new GenesysApiException(Kind.REQUEST, 200, "more than " + maxPages + " pages from " + ApiCallLog.template(path));
    }

    /** Gets a token now (a connection test's first step); the cached one if it is still good. */
    public void authenticate() throws GenesysApiException, InterruptedException {
        bearer(false);
    }

    private String call(String method, String pathAndQuery, JsonStructure body) throws GenesysApiException, InterruptedException {
        boolean renewed = false;
        int attempt = 0;
        int limited = 0;
        while (true) {
            String bearer = bearer(false);
            HttpRequest.Builder b = HttpRequest.newBuilder(region.api(pathAndQuery)).timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            }
            attempt++;
            HttpResponse<String> r;
            try {
                r = send(method, pathAndQuery, b.build());
            } catch (GenesysApiException e) {
                if (e.kind() == Kind.CONNECTION && attempt < settings.maxAttempts()) {
                    backoff(attempt);
                    continue;
                }
                throw e;
            }
            int s = r.statusCode();
            if (s / 100 == 2) {
                return r.body();
            }
            if (s == 401 && !renewed) { // the token was revoked or expired early: one new one, one more try
                renewed = true;
                bearer(true);
                continue;
            }
            if (s == 429 && ++limited <= settings.max429()) {
                waitRetryAfter(r);
                continue;
            }
            if (s >= 500 && attempt < settings.maxAttempts()) {
                backoff(attempt);
                continue;
            }
            throw failure(method, pathAndQuery, r);
        }
    }

    private HttpResponse<String> send(String method, String pathAndQuery, HttpRequest request)
            throws GenesysApiException, InterruptedException {
        admit();
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            log.record(clock.instant(), method, pathAndQuery, r.statusCode(), (System.nanoTime() - start) / 1_000_000);
            return r;
        } catch (IOException e) {
            log.record(clock.instant(), method, pathAndQuery, 0, (System.nanoTime() - start) / 1_000_000);
            throw unreachable(request.uri(), e);
        }
    }

    static GenesysApiException unreachable(URI uri, IOException e) {
        String where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new GenesysApiException(Kind.DNS, 0, "the host " + uri.getHost() + " does not resolve (DNS); check the region or base URL", e);
            }
            if (t instanceof HttpConnectTimeoutException) {
                return new GenesysApiException(Kind.TIMEOUT, 0, "no connection to " + where + " within the timeout", e);
            }
            if (t instanceof HttpTimeoutException) {
                return new GenesysApiException(Kind.TIMEOUT, 0, where + " did not answer within the timeout", e);
            }
            if (t instanceof ConnectException) {
                return new GenesysApiException(Kind.CONNECTION, 0, "connection to " + where + " refused", e);
            }
        }
        return new GenesysApiException(Kind.CONNECTION, 0, "connection to " + where + " failed: " + e, e);
    }

    // ---- the token

    private synchronized String bearer(boolean renew) throws GenesysApiException, InterruptedException {
        Instant now = clock.instant();
        if (!renew && token != null && now.isBefore(tokenRenewAt)) {
            return token;
        }
        token = null;
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(region.tokenUri()).timeout(settings.requestTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        int attempt = 0;
        int limited = 0;
        while (true) {
            attempt++;
            HttpResponse<String> r;
            try {
                r = send("POST", "/oauth/token", request);
            } catch (GenesysApiException e) {
                if (e.kind() == Kind.CONNECTION && attempt < settings.maxAttempts()) {
                    backoff(attempt);
                    continue;
                }
                throw e;
            }
            int s = r.statusCode();
            if (s == 200) {
                JsonObject t = object(r.body(), "/oauth/token");
                if (!t.containsKey("access_token") || t.get("access_token").getValueType() != JsonValue.ValueType.STRING) {
                    throw new GenesysApiException(Kind.REQUEST, s, "the token answer has no access_token");
                }
                long life = t.containsKey("expires_in") && t.get("expires_in").getValueType() == JsonValue.ValueType.NUMBER
                        ? t.getJsonNumber("expires_in").longValue() : 3600;
                Duration lifetime = Duration.ofSeconds(Math.max(1, life));
                Duration early = settings.renewBefore().compareTo(lifetime.dividedBy(10)) < 0
                        ? settings.renewBefore() : lifetime.dividedBy(10);
                token = t.getString("access_token");
                tokenRenewAt = clock.instant().plus(lifetime).minus(early);
                tokensIssued++;
                return token;
            }
            if (s == 429 && ++limited <= settings.max429()) {
                waitRetryAfter(r);
                continue;
            }
            if (s >= 500 && attempt < settings.maxAttempts()) {
                backoff(attempt);
                continue;
            }
            if (s == 400 || s == 401) {
                String error = errorCode(r.body());
                throw new GenesysApiException(Kind.AUTH, s, "the login host refused the client credentials ("
                        + (error == null ? "HTTP " + s : error) + "); check the client id and secret");
            }
            throw failure("POST", "/oauth/token", r);
        }
    }

    private static String errorCode(String body) {
        try {
            JsonObject o = parse(body).asJsonObject();
            return o.containsKey("error") ? o.get("error").toString().replace("\"", "") : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    // ---- limits and waits

    /** Waits until a request may start: none within a 429's pause, at most the limit within any minute. */
    private void admit() throws InterruptedException {
        while (true) {
            Duration wait;
            synchronized (window) {
                Instant now = clock.instant();
                while (!window.isEmpty() && !window.peekFirst().plus(MINUTE).isAfter(now)) {
                    window.removeFirst();
                }
                if (now.isBefore(pausedUntil)) {
                    wait = Duration.between(now, pausedUntil);
                } else if (window.size() < Math.max(1, settings.maxRequestsPerMinute())) {
                    window.addLast(now);
                    return;
                } else {
                    wait = Duration.between(now, window.peekFirst().plus(MINUTE));
                }
            }
            sleeper.sleep(wait.isZero() || wait.isNegative() ? Duration.ofMillis(1) : wait);
        }
    }

    private void waitRetryAfter(HttpResponse<String> r) throws InterruptedException {
        Duration wait = retryAfter(r.headers().firstValue("Retry-After").orElse(null), settings.maxRetryAfter());
        Instant until = clock.instant().plus(wait);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until; // the other threads of the org wait as well (admit)
        }
        sleeper.sleep(wait);
    }

    /** Retry-After in seconds (Genesys sends seconds); 1 s when missing or unreadable, capped. */
    static Duration retryAfter(String header, Duration max) {
        long seconds = 1;
        if (header != null) {
            try {
                seconds = Math.max(0, Long.parseLong(header.strip()));
            } catch (NumberFormatException notSeconds) {
                seconds = 1;
            }
        }
        Duration d = Duration.ofSeconds(seconds);
        return d.compareTo(max) > 0 ? max : d;
    }

    private void backoff(int attempt) throws InterruptedException {
        long cap = Math.min(settings.maxBackoff().toMillis(), settings.firstBackoff().toMillis() << Math.min(20, attempt - 1));
        sleeper.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1))); // jitter: half to all
    }

    // ---- answers

    private static GenesysApiException failure(String method, String pathAndQuery, HttpResponse<String> r) {
        int s = r.statusCode();
        String where = method + " " + ApiCallLog.template(pathAndQuery);
        Kind kind = s == 401 ? Kind.AUTH : s == 403 ? Kind.PERMISSION : s == 429 ? Kind.RATE_LIMIT
                : s >= 500 ? Kind.SERVER : Kind.REQUEST;
        String what = switch (kind) {
            case AUTH -> "the token was refused";
            case PERMISSION -> "the OAuth client lacks the permission (403)";
            case RATE_LIMIT -> "rate limited (429) still after the retries";
            case SERVER -> "the service failed (" + s + ") still after the retries";
            default -> "answered " + s;
        };
        return new GenesysApiException(kind, s, where + ": " + what);
    }

    private static JsonObject object(String body, String pathAndQuery) throws GenesysApiException {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            JsonValue v = parse(body);
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                return Json.createObjectBuilder().add("entities", v).build(); // a bare array: entities of one page
            }
            return v.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new GenesysApiException(Kind.REQUEST, 200, "not JSON from " + ApiCallLog.template(pathAndQuery), e);
        }
    }

    private static JsonValue parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        }
    }
}
