package io.queuelens.it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen: one cookie jar, JSF forms posted as a browser posts them (with the page's
 * view state), redirects not followed so a test sees where the server sends it. For ITs about sessions
 * and cookies, where what matters is the HTTP exchange, not the rendering.
 */
public final class FormClient {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");
    /** PrimeFaces' CSP nonce of the view: a browser's PrimeFaces script sends it back with every postback. */
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    private final RunningServer server;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public FormClient(RunningServer server) {
        this.server = server;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Loads {@code page}, fills the fields of form {@code formId} and submits it with {@code button}. */
    public HttpResponse<String> submit(String page, String formId, Map<String, String> fields, String button)
            throws IOException, InterruptedException {
        HttpResponse<String> form = get(page);
        if (form.statusCode() != 200) {
            throw new IllegalStateException("GET " + page + " answered " + form.statusCode() + " " + form.headers().firstValue("Location").orElse(""));
        }
        Matcher m = VIEW_STATE.matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException(page + " has no view state: " + form.body());
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put(formId, formId);
        params.putAll(fields);
        params.put(button, "");
        params.put("jakarta.faces.ViewState", m.group(1).replace("&#58;", ":").replace("&amp;", "&"));
        Matcher nonce = NONCE.matcher(form.body());
        if (nonce.find()) {
            params.put("primefaces.nonce", nonce.group(1));
        }
        return post(page, params);
    }

    public HttpResponse<String> post(String path, Map<String, String> params) throws IOException, InterruptedException {
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String origin() {
        URI u = URI.create(server.url("/"));
        return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
    }

    /** Submits the login form; the answer is a redirect when accepted, the form with its message when not. */
    public HttpResponse<String> logIn(String user, String password) throws IOException, InterruptedException {
        return logIn(user, password, Map.of());
    }

    public HttpResponse<String> logIn(String user, String password, Map<String, String> extraFields)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("login:username", user);
        fields.put("login:password", password);
        fields.putAll(extraFields);
        return submit("/login.xhtml", "login", fields, "login:submit");
    }

    /** Sends a request built on {@code path} with this client's cookies (e.g. a JSON POST or a DELETE). */
    public HttpResponse<String> send(String path, String method, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30));
        if (!method.equals("GET")) {
            b.header("Origin", origin()); // as a browser sends it: cookie-authenticated changes must be same-origin
        }
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Replaces the logged-in user's password on /account/password.xhtml. */
    public HttpResponse<String> changePassword(String current, String replacement) throws IOException, InterruptedException {
        return submit("/account/password.xhtml", "form", Map.of("form:current", current, "form:replacement", replacement,
                "form:confirmation", replacement), "form:submit");
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** Forgets one cookie, as a browser does with a session cookie when it is closed. */
    public void dropCookie(String name) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().getURIs()
                        .forEach(uri -> cookies.getCookieStore().remove(uri, c)));
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().remove(null, c));
    }

    /** Sets a cookie for the server's path, as a browser holding a copied cookie would send it. */
    public void putCookie(String name, String value) {
        HttpCookie c = new HttpCookie(name, value);
        c.setPath("/");
        c.setVersion(0);
        cookies.getCookieStore().add(URI.create(server.url("/")), c);
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }
}
