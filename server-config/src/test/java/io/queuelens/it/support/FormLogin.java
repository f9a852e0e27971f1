package io.queuelens.it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A logged-in session without a browser: java.net.http posts the real login form (and, for a new
 * user, the forced password change), keeps the session cookie and never follows redirects, so a
 * caller sees exactly what the server answered (a 302 to the login page is not hidden).
 */
public final class FormLogin {

    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"jakarta\\.faces\\.ViewState\"");

    private final RunningServer server;
    private final CookieManager cookies;
    private final HttpClient http;

    private FormLogin(RunningServer server) {
        this(server, new CookieManager());
    }

    private FormLogin(RunningServer server, CookieManager cookies) {
        this.server = server;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * The same browser (the same cookies, so the same session) talking to another server, as a load
     * balancer that moved the user to another cluster member would make it. The members' loopback URLs
     * differ only by port, and cookies are not kept per port.
     */
    public FormLogin via(RunningServer other) {
        return new FormLogin(other, cookies);
    }

    /** Logs in with a password that needs no change, ticking "remember me" (a cookie that logs this browser in again). */
    public static FormLogin logInRemembered(RunningServer server, String user, String password)
            throws IOException, InterruptedException {
        FormLogin s = new FormLogin(server);
        HttpResponse<String> r = s.submitLogin(user, password, true);
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("/login.xhtml")) {
            throw new IllegalStateException("login of " + user + " failed: " + r.statusCode());
        }
        return s;
    }


    /**
     * Logs in with a one-time password and replaces it with {@code newPassword} on the forced-change page.
     */
    public static FormLogin firstLogin(RunningServer server, String user, String oneTimePassword, String newPassword)
            throws IOException, InterruptedException {
        FormLogin s = new FormLogin(server);
        HttpResponse<String> r = s.submitLogin(user, oneTimePassword);
        if (r.statusCode() != 302 || !r.headers().firstValue("Location").orElse("").contains("/account/password.xhtml")) {
            throw new IllegalStateException("first login of " + user + " did not lead to the password page: "
                    + r.statusCode() + " " + r.headers().map());
        }
        HttpResponse<String> page = s.get("/account/password.xhtml");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form", "form");
        form.put("form:current", oneTimePassword);
        form.put("form:replacement", newPassword);
        form.put("form:confirmation", newPassword);
        form.put("form:submit", "");
        form.put("jakarta.faces.ViewState", viewState(page.body()));
        HttpResponse<String> changed = s.post("/account/password.xhtml", form);
        if (changed.statusCode() != 302) {
            throw new IllegalStateException("password change of " + user + " failed: " + changed.statusCode()
                    + " " + changed.body());
        }
        return s;
    }

    /** Logs in with a password that needs no change. */
    public static FormLogin logIn(RunningServer server, String user, String password) throws IOException, InterruptedException {
        FormLogin s = new FormLogin(server);
        HttpResponse<String> r = s.submitLogin(user, password);
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("/login.xhtml")) {
            throw new IllegalStateException("login of " + user + " failed: " + r.statusCode());
        }
        return s;
    }

    private HttpResponse<String> submitLogin(String user, String password) throws IOException, InterruptedException {
        return submitLogin(user, password, false);
    }

    private HttpResponse<String> submitLogin(String user, String password, boolean remember)
            throws IOException, InterruptedException {
        HttpResponse<String> page = get("/login.xhtml");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", user);
        form.put("login:password", password);
        if (remember) {
            form.put("login:remember", "on");
        }
        form.put("login:submit", "");
        form.put("jakarta.faces.ViewState", viewState(page.body()));
        return post("/login.xhtml", form);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Any method; a body is sent as JSON when given, else an empty one. */
    public HttpResponse<String> send(String method, String path, String jsonBody) throws IOException, InterruptedException {
        return send(method, path, jsonBody, "application/json");
    }

    /** Any method with a body of the given type (none for GET). */
    public HttpResponse<String> send(String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(60))
                .method(method, publisher).header("Accept", "application/json");
        if (!method.equals("GET")) {
            // as a browser sends it: a cookie-authenticated change must come from the server's own origin (CSRF check)
            b.header("Content-Type", contentType).header("Origin", origin());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Opens the live socket of a live page this session rendered (its channel id is in the page's HTML),
     * with the session's cookie and the server's origin, as the page's script would.
     */
    public java.net.http.WebSocket liveSocket(String pageHtml, java.net.http.WebSocket.Listener listener) throws Exception {
        return pushSocket("live", pageHtml, listener);
    }

    /** Opens the socket of push channel {@code channel} (e.g. {@code alerts}, every page's) that this session's page rendered. */
    public java.net.http.WebSocket pushSocket(String channel, String pageHtml, java.net.http.WebSocket.Listener listener)
            throws Exception {
        Matcher m = Pattern.compile(channel + "\\?([0-9a-f-]{36})").matcher(pageHtml);
        if (!m.find()) {
            throw new IllegalStateException("no " + channel + " channel on the page");
        }
        // every cookie, as a browser sends them (with <distributable/> Payara adds JSESSIONIDVERSION to JSESSIONID)
        String cookie = cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        URI socket = URI.create(server.url("/omnifaces.push/" + channel + "?" + m.group(1)).replaceFirst("^http", "ws"));
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", cookie)
                .buildAsync(socket, listener).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The socket handshake of the live push, as a browser would start it (no upgrade is completed). */
    public HttpResponse<String> handshake(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30))
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String origin() {
        URI u = URI.create(server.url("/"));
        return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
    }

    /** PrimeFaces' CSP nonce of a rendered view, which its script sends back with every postback. */
    public static String nonce(String html) {
        Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSP nonce in the page");
        }
        return m.group(1);
    }

    public static String viewState(String html) {
        Matcher m = VIEW_STATE.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no jakarta.faces.ViewState in the page");
        }
        return (m.group(1) != null ? m.group(1) : m.group(2)).replace("&#58;", ":").replace("&amp;", "&");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
