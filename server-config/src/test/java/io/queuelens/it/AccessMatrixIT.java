package io.queuelens.it;

import io.queuelens.it.support.FormLogin;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page and every REST operation against every role, on the deployed server: exactly the
 * expected answer (allowed: 200, or 400 for a request left deliberately without its parameters;
 * refused: 403), never a redirect to the login page, 404 or 500 for a logged-in user. The pages are
 * the .xhtml files of the web module and the operations come from /openapi, so a new page or
 * endpoint without an entry here fails the test.
 */
@ExtendWith(SharedMariaDbServer.class)
class AccessMatrixIT {

    enum R { ADMIN, MANAGER, REPORTS, DASHBOARD }

    static final Set<R> ALL = Set.of(R.values());
    static final Set<R> ADMIN = Set.of(R.ADMIN);
    static final Set<R> REPORTS = Set.of(R.ADMIN, R.MANAGER, R.REPORTS);
    static final Set<R> LIVE = Set.of(R.ADMIN, R.MANAGER, R.DASHBOARD);
    /** Job history and payouts: pay is personal data, so not REPORTS. */
    static final Set<R> MANAGE = Set.of(R.ADMIN, R.MANAGER);
    static final Set<R> NAMES = Set.of(R.ADMIN, R.MANAGER);
    /** Mail settings and log: ADMIN, and a tenant's MANAGER for that tenant. */
    static final Set<R> MAIL = Set.of(R.ADMIN, R.MANAGER);

    /** Page path -> roles that may open it. */
    static final Map<String, Set<R>> PAGES = Map.ofEntries(
            Map.entry("/index.xhtml", ALL),
            Map.entry("/account/password.xhtml", ALL),
            Map.entry("/account/tokens.xhtml", ALL),
            Map.entry("/admin/audit.xhtml", ADMIN),
            Map.entry("/admin/genesys.xhtml", ADMIN),
            Map.entry("/admin/jobs.xhtml", MANAGE),
            Map.entry("/payouts/payouts.xhtml", MANAGE),
            Map.entry("/payouts/rate-cards.xhtml", MANAGE),
            Map.entry("/admin/kpi-settings.xhtml", ADMIN),
            Map.entry("/admin/mail.xhtml", MAIL),
            Map.entry("/admin/operations.xhtml", ADMIN),
            Map.entry("/admin/quarantine.xhtml", ADMIN),
            Map.entry("/admin/sources.xhtml", ADMIN),
            Map.entry("/admin/tenants.xhtml", ADMIN),
            Map.entry("/admin/users.xhtml", ADMIN),
            Map.entry("/admin/names.xhtml", NAMES),
            Map.entry("/alerts/alerts.xhtml", ALL),
            Map.entry("/live/tables.xhtml", LIVE),
            Map.entry("/live/wallboard.xhtml", LIVE),
            Map.entry("/reports/agents.xhtml", REPORTS),
            Map.entry("/reports/answered.xhtml", REPORTS),
            Map.entry("/reports/cdr.xhtml", REPORTS),
            Map.entry("/reports/intervals.xhtml", REPORTS),
            Map.entry("/reports/queues.xhtml", REPORTS),
            Map.entry("/reports/subscriptions.xhtml", REPORTS),
            Map.entry("/reports/summary.xhtml", REPORTS),
            Map.entry("/reports/unanswered.xhtml", REPORTS));

    /** How an operation is called in the matrix: the roles allowed, and the path and query to use. */
    record Op(Set<R> roles, String call, String contentType, int alsoAllowed) {
        Op(Set<R> roles, String call) {
            this(roles, call, "application/json", 400);
        }

        Op(Set<R> roles, String call, String contentType) {
            this(roles, call, contentType, 400);
        }

        /** For an allowed role: a 2xx, a 400 (no body or parameters), or this status, the operation's own answer. */
        boolean answersAllowed(int status) {
            return status / 100 == 2 || status == 400 || status == alsoAllowed;
        }
    }

    /** "METHOD /openapi path" -> the call. Requests without body or parameters must come back 400 when allowed. */
    static final Map<String, Op> OPERATIONS = Map.ofEntries(
            Map.entry("GET /api/v1/reports/summary", new Op(REPORTS, "/api/v1/reports/summary?tenant=demo")),
            Map.entry("GET /api/v1/reports/agents", new Op(REPORTS, "/api/v1/reports/agents?tenant=demo")),
            Map.entry("GET /api/v1/calls", new Op(REPORTS, "/api/v1/calls?tenant=demo")),
            // exports: without format and range a reader gets 400 (format is checked first)
            Map.entry("GET /api/v1/exports/{name}", new Op(REPORTS, "/api/v1/exports/summary?tenant=demo")),
            Map.entry("GET /api/v1/cdrs/{id}/recording", new Op(REPORTS, "/api/v1/cdrs/1/recording")),
            Map.entry("GET /api/v1/live", new Op(LIVE, "/api/v1/live?tenant=demo")),
            Map.entry("GET /api/v1/live/model", new Op(ADMIN, "/api/v1/live/model")),
            Map.entry("GET /api/v1/sources", new Op(ADMIN, "/api/v1/sources")),
            Map.entry("GET /api/v1/sources/asterisk", new Op(ADMIN, "/api/v1/sources/asterisk?tenant=demo")),
            Map.entry("POST /api/v1/sources/asterisk", new Op(ADMIN, "/api/v1/sources/asterisk")),
            Map.entry("PUT /api/v1/sources/asterisk/{id}", new Op(ADMIN, "/api/v1/sources/asterisk/999999")),
            Map.entry("POST /api/v1/sources/asterisk/{id}/enable", new Op(ADMIN, "/api/v1/sources/asterisk/999999/enable")),
            Map.entry("POST /api/v1/sources/asterisk/{id}/disable", new Op(ADMIN, "/api/v1/sources/asterisk/999999/disable")),
            Map.entry("POST /api/v1/sources/asterisk/test", new Op(ADMIN, "/api/v1/sources/asterisk/test")),
            Map.entry("GET /api/v1/genesys/orgs", new Op(ADMIN, "/api/v1/genesys/orgs?tenant=demo")),
            Map.entry("POST /api/v1/genesys/orgs", new Op(ADMIN, "/api/v1/genesys/orgs")),
            // an org nobody has: 404 is the answer to an allowed caller
            Map.entry("GET /api/v1/genesys/orgs/{id}", new Op(ADMIN, "/api/v1/genesys/orgs/999999?tenant=demo", "application/json", 404)),
            Map.entry("PUT /api/v1/genesys/orgs/{id}", new Op(ADMIN, "/api/v1/genesys/orgs/999999")),
            Map.entry("DELETE /api/v1/genesys/orgs/{id}", new Op(ADMIN, "/api/v1/genesys/orgs/999999?tenant=demo", "application/json", 404)),
            Map.entry("POST /api/v1/genesys/orgs/{id}/test", new Op(ADMIN, "/api/v1/genesys/orgs/999999/test")),
            Map.entry("POST /api/v1/genesys/orgs/{id}/import", new Op(ADMIN, "/api/v1/genesys/orgs/999999/import")),
            Map.entry("GET /api/v1/genesys/orgs/crosscheck", new Op(ADMIN, "/api/v1/genesys/orgs/crosscheck?tenant=demo")),
            Map.entry("GET /api/v1/genesys/orgs/api-calls", new Op(ADMIN, "/api/v1/genesys/orgs/api-calls?tenant=demo")),
            Map.entry("POST /api/v1/imports/queue-log", new Op(ADMIN, "/api/v1/imports/queue-log", "text/plain")),
            Map.entry("GET /api/v1/settings/kpi", new Op(ADMIN, "/api/v1/settings/kpi?tenant=demo")),
            Map.entry("GET /api/v1/quarantine", new Op(ADMIN, "/api/v1/quarantine?tenant=demo")),
            Map.entry("GET /api/v1/tenants", new Op(ADMIN, "/api/v1/tenants")),
            Map.entry("POST /api/v1/tenants", new Op(ADMIN, "/api/v1/tenants")),
            Map.entry("PUT /api/v1/tenants/{id}", new Op(ADMIN, "/api/v1/tenants/demo")),
            Map.entry("GET /api/v1/users", new Op(ADMIN, "/api/v1/users")),
            Map.entry("POST /api/v1/users", new Op(ADMIN, "/api/v1/users")),
            Map.entry("PUT /api/v1/users/{username}", new Op(ADMIN, "/api/v1/users/nobody-matrix")),
            Map.entry("POST /api/v1/users/{username}/reset-password", new Op(ADMIN, "/api/v1/users/nobody-matrix/reset-password")),
            Map.entry("POST /api/v1/users/{username}/disable", new Op(ADMIN, "/api/v1/users/nobody-matrix/disable")),
            Map.entry("POST /api/v1/users/{username}/enable", new Op(ADMIN, "/api/v1/users/nobody-matrix/enable")),
            // alerts: every role reads the incidents of the queues it sees; rules, channels and acknowledging are the
            // tenant's MANAGER's (the demo MANAGER sees every queue) and ADMIN's
            Map.entry("GET /api/v1/alerts", new Op(ALL, "/api/v1/alerts?tenant=demo")),
            Map.entry("POST /api/v1/alerts/{id}/acknowledge", new Op(MANAGE, "/api/v1/alerts/999999999/acknowledge?tenant=demo",
                    "application/json", 404)),
            Map.entry("GET /api/v1/alerts/{id}/deliveries", new Op(MANAGE, "/api/v1/alerts/999999999/deliveries?tenant=demo",
                    "application/json", 404)),
            Map.entry("GET /api/v1/alerts/rules", new Op(MANAGE, "/api/v1/alerts/rules?tenant=demo")),
            Map.entry("POST /api/v1/alerts/rules", new Op(MANAGE, "/api/v1/alerts/rules?tenant=demo")),
            Map.entry("PUT /api/v1/alerts/rules/{id}", new Op(MANAGE, "/api/v1/alerts/rules/999999999?tenant=demo")),
            Map.entry("DELETE /api/v1/alerts/rules/{id}", new Op(MANAGE, "/api/v1/alerts/rules/999999999?tenant=demo",
                    "application/json", 404)),
            Map.entry("POST /api/v1/alerts/rules/preview", new Op(MANAGE, "/api/v1/alerts/rules/preview?tenant=demo")),
            Map.entry("GET /api/v1/alerts/channels", new Op(MANAGE, "/api/v1/alerts/channels?tenant=demo")),
            Map.entry("POST /api/v1/alerts/channels", new Op(MANAGE, "/api/v1/alerts/channels?tenant=demo")),
            Map.entry("PUT /api/v1/alerts/channels/{id}", new Op(MANAGE, "/api/v1/alerts/channels/999999999?tenant=demo")),
            Map.entry("DELETE /api/v1/alerts/channels/{id}", new Op(MANAGE, "/api/v1/alerts/channels/999999999?tenant=demo",
                    "application/json", 404)),
            Map.entry("GET /api/v1/tokens", new Op(ALL, "/api/v1/tokens")),
            Map.entry("POST /api/v1/tokens", new Op(ALL, "/api/v1/tokens")),
            // a token id nobody has: 404 is the answer to an allowed caller ("no token of yours")
            Map.entry("DELETE /api/v1/tokens/{id}", new Op(ALL, "/api/v1/tokens/999999999", "application/json", 404)),
            Map.entry("POST /api/v1/vault/rotate-key", new Op(ADMIN, "/api/v1/vault/rotate-key")),
            Map.entry("GET /api/v1/audit", new Op(ADMIN, "/api/v1/audit")),
            Map.entry("GET /api/v1/ops/status", new Op(ADMIN, "/api/v1/ops/status")),
            Map.entry("GET /api/v1/cluster", new Op(ADMIN, "/api/v1/cluster")),
            Map.entry("POST /api/v1/ops/self-check", new Op(ADMIN, "/api/v1/ops/self-check")),
            Map.entry("GET /api/v1/jobs", new Op(MANAGE, "/api/v1/jobs?tenant=demo")),
            // an execution nobody has: 404 is the answer to an allowed caller
            Map.entry("POST /api/v1/jobs/{id}/restart", new Op(MANAGE, "/api/v1/jobs/999999999/restart", "application/json", 404)),
            // without from/to: 400 for an allowed caller
            Map.entry("GET /api/v1/payouts", new Op(MANAGE, "/api/v1/payouts?tenant=demo")),
            Map.entry("POST /api/v1/payouts", new Op(MANAGE, "/api/v1/payouts?tenant=demo")),
            Map.entry("GET /api/v1/payouts/lines", new Op(MANAGE, "/api/v1/payouts/lines?tenant=demo")),
            Map.entry("POST /api/v1/payouts/lock", new Op(MANAGE, "/api/v1/payouts/lock?tenant=demo")),
            Map.entry("DELETE /api/v1/payouts/lock", new Op(ADMIN, "/api/v1/payouts/lock?tenant=demo")),
            Map.entry("GET /api/v1/rate-cards", new Op(MANAGE, "/api/v1/rate-cards?tenant=demo")),
            Map.entry("POST /api/v1/rate-cards", new Op(MANAGE, "/api/v1/rate-cards?tenant=demo")),
            Map.entry("PUT /api/v1/rate-cards/{id}", new Op(MANAGE, "/api/v1/rate-cards/999999?tenant=demo")),
            Map.entry("DELETE /api/v1/rate-cards/{id}", new Op(MANAGE, "/api/v1/rate-cards/999999?tenant=demo", "application/json", 404)),
            Map.entry("GET /api/v1/agent-groups", new Op(MANAGE, "/api/v1/agent-groups?tenant=demo")),
            Map.entry("POST /api/v1/agent-groups", new Op(MANAGE, "/api/v1/agent-groups?tenant=demo")),
            Map.entry("PUT /api/v1/agent-groups/{id}", new Op(MANAGE, "/api/v1/agent-groups/999999?tenant=demo")),
            Map.entry("DELETE /api/v1/agent-groups/{id}", new Op(MANAGE, "/api/v1/agent-groups/999999?tenant=demo", "application/json", 404)),
            Map.entry("GET /api/v1/names", new Op(NAMES, "/api/v1/names?tenant=demo")),
            Map.entry("PUT /api/v1/names", new Op(NAMES, "/api/v1/names")),
            Map.entry("DELETE /api/v1/names", new Op(NAMES, "/api/v1/names")),
            // mail of the demo tenant: its MANAGER (granted every queue) may; the server-wide scope is ADMIN's
            Map.entry("GET /api/v1/mail/settings", new Op(MAIL, "/api/v1/mail/settings?tenant=demo")),
            Map.entry("PUT /api/v1/mail/settings", new Op(MAIL, "/api/v1/mail/settings?tenant=demo")),
            // demo has no settings of its own (ITs use their own tenants): 404 is the allowed answer
            Map.entry("DELETE /api/v1/mail/settings", new Op(MAIL, "/api/v1/mail/settings?tenant=demo", "application/json", 404)),
            Map.entry("POST /api/v1/mail/settings/test", new Op(MAIL, "/api/v1/mail/settings/test?tenant=demo")),
            Map.entry("GET /api/v1/mail/deliveries", new Op(MAIL, "/api/v1/mail/deliveries?tenant=demo")),
            // no recipient: 400 for an allowed caller
            Map.entry("POST /api/v1/mail/deliveries/test", new Op(MAIL, "/api/v1/mail/deliveries/test?tenant=demo")),
            Map.entry("POST /api/v1/mail/deliveries/{id}/resend", new Op(MAIL, "/api/v1/mail/deliveries/999999999/resend",
                    "application/json", 404)),
            // report subscriptions: every report reader for their own (MANAGER/ADMIN: the tenant's); no body: 400
            Map.entry("GET /api/v1/subscriptions", new Op(REPORTS, "/api/v1/subscriptions?tenant=demo")),
            Map.entry("POST /api/v1/subscriptions", new Op(REPORTS, "/api/v1/subscriptions?tenant=demo")),
            Map.entry("GET /api/v1/subscriptions/{id}", new Op(REPORTS, "/api/v1/subscriptions/999999999?tenant=demo", "application/json", 404)),
            Map.entry("PUT /api/v1/subscriptions/{id}", new Op(REPORTS, "/api/v1/subscriptions/999999999?tenant=demo")),
            Map.entry("DELETE /api/v1/subscriptions/{id}", new Op(REPORTS, "/api/v1/subscriptions/999999999?tenant=demo", "application/json", 404)),
            Map.entry("POST /api/v1/subscriptions/{id}/send-now", new Op(REPORTS, "/api/v1/subscriptions/999999999/send-now?tenant=demo",
                    "application/json", 404)),
            // the signed download link is the permission, not a role: an unsigned call is 403 for everyone
            Map.entry("GET /api/v1/subscription-files/{run}/{format}", new Op(Set.of(), "/api/v1/subscription-files/1/xlsx?expires=1&sig=x")),
            // a report name without a JSON report and without format: 404 naming format
            Map.entry("GET /api/v1/reports/{name}", new Op(REPORTS, "/api/v1/reports/intervals?tenant=demo", "application/json", 404)));

    static final String PASSWORD = "Matrix-Password-2026!";

    @Test
    void everyPageAndEveryOperationAnswersEveryRoleExactlyAsTheMatrixSays(Deployment d) throws Exception {
        assertThat(pagesOfTheWebModule()).as("every page has a matrix entry (and every entry a page)")
                .containsExactlyInAnyOrderElementsOf(PAGES.keySet());
        assertThat(operationsOfOpenApi(d)).as("every REST operation has a matrix entry (and every entry an operation)")
                .containsExactlyInAnyOrderElementsOf(OPERATIONS.keySet());

        Map<R, FormLogin> sessions = sessionsPerRole(d);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<R>> page : new TreeMap<>(PAGES).entrySet()) {
            for (R role : R.values()) {
                HttpResponse<String> r = sessions.get(role).get(page.getKey());
                int expected = page.getValue().contains(role) ? 200 : 403;
                if (r.statusCode() != expected) {
                    wrong.add(role + " GET " + page.getKey() + " -> " + r.statusCode() + " (expected " + expected + ")"
                            + r.headers().firstValue("Location").map(l -> " Location " + l).orElse(""));
                }
            }
        }
        for (Map.Entry<String, Op> op : new TreeMap<>(OPERATIONS).entrySet()) {
            String method = op.getKey().substring(0, op.getKey().indexOf(' '));
            for (R role : R.values()) {
                HttpResponse<String> r = sessions.get(role).send(method, op.getValue().call(), null,
                        op.getValue().contentType());
                boolean allowed = op.getValue().roles().contains(role);
                boolean ok = allowed ? op.getValue().answersAllowed(r.statusCode()) : r.statusCode() == 403;
                if (!ok) {
                    wrong.add(role + " " + method + " " + op.getValue().call() + " -> " + r.statusCode() + " (expected "
                            + (allowed ? "2xx/400" : "403") + ") " + abbreviate(r.body()));
                }
            }
        }
        assertThat(wrong).as("answers that differ from the matrix").isEmpty();
    }

    /** One user per role, invited over REST by the server token, logged in through the login form. */
    static Map<R, FormLogin> sessionsPerRole(Deployment d) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<R, FormLogin> sessions = new EnumMap<>(R.class);
        for (R role : R.values()) {
            String name = "mx-" + role.name().toLowerCase() + "-" + suffix;
            String grants = role == R.ADMIN ? "{}" : "{\"demo\": []}";
            String oneTime = invite(d, name, role.name(), grants);
            sessions.put(role, FormLogin.firstLogin(d.server(), name, oneTime, PASSWORD));
        }
        return sessions;
    }

    /** Invites a user with the server token and returns the one-time password. */
    static String invite(Deployment d, String name, String roles, String grantsJson) throws Exception {
        HttpResponse<String> r = tokenCall(d, "POST", "/api/v1/users", "{\"username\": \"" + name + "\", \"roles\": [\""
                + roles.replace(",", "\", \"") + "\"], \"tenants\": " + grantsJson + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.createReader(new StringReader(r.body())).readObject().getString("oneTimePassword");
    }

    static HttpResponse<String> tokenCall(Deployment d, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Set<String> pagesOfTheWebModule() throws Exception {
        Path root = Path.of(System.getProperty("queuelens.home", "..")).toAbsolutePath().normalize()
                .resolve("web/src/main/webapp");
        try (Stream<Path> files = Files.walk(root)) {
            Set<String> pages = new TreeSet<>();
            files.filter(p -> p.toString().endsWith(".xhtml")).map(p -> "/" + root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("/WEB-INF/") && !p.equals("/login.xhtml")).forEach(pages::add);
            return pages;
        }
    }

    static Set<String> operationsOfOpenApi(Deployment d) throws Exception {
        HttpResponse<String> doc = tokenCall(d, "GET", "/openapi", null);
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonObject paths = Json.createReader(new StringReader(doc.body())).readObject().getJsonObject("paths");
        Set<String> ops = new TreeSet<>();
        paths.forEach((path, item) -> item.asJsonObject().keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "delete", "patch", "head").contains(m))
                .forEach(m -> ops.add(m.toUpperCase() + " " + path)));
        return ops;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
