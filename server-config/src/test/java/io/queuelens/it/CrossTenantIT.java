package io.queuelens.it;

import io.queuelens.it.support.FormLogin;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant and queue boundaries on the deployed server: a MANAGER of another tenant asking for the demo
 * tenant's data by id in URLs, REST, /live/snapshot, the socket handshake, wallboard and CDR ids is
 * refused (403) everywhere; a user limited to one queue sees only that queue; a disabled user is
 * refused at the next request.
 */
@ExtendWith(SharedMariaDbServer.class)
class CrossTenantIT {

    static final String PASSWORD = "Cross-Tenant-Password-2026!";

    private static final Instant TO = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    private static final String RANGE = "&from=" + TO.minus(Duration.ofDays(3)) + "&to=" + TO + "&tz=UTC";

    @Test
    void aManagerOfAnotherTenantIsRefusedEveryPieceOfTheDemoTenant(Deployment d) throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String own = "xt-" + s;
        HttpResponse<String> created = AccessMatrixIT.tokenCall(d, "POST", "/api/v1/tenants", "{\"id\": \"" + own
                + "\", \"name\": \"Other " + s + "\", \"timeZone\": \"Europe/Istanbul\", \"locale\": \"tr\", \"currency\": \"TRY\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String manager = "xt-manager-" + s;
        FormLogin m = FormLogin.firstLogin(d.server(), manager,
                AccessMatrixIT.invite(d, manager, "MANAGER", "{\"" + own + "\": []}"), PASSWORD);
        long demoCdr = awaitDemoCdr(d);
        long demoBoard = demoBoard(d, "Secret demo board " + s);
        try {
            refusedEverything(d, m, own, demoCdr, demoBoard);
        } finally {
            // WallboardBrowserIT, later on the same server, expects no boards but its own
            try (Connection c = d.database().connect(); Statement st = c.createStatement()) {
                st.executeUpdate("delete from wallboard where id = " + demoBoard);
            }
        }
    }

    private static void refusedEverything(Deployment d, FormLogin m, String own, long demoCdr, long demoBoard)
            throws Exception {

        for (String url : List.of(
                "/api/v1/reports/summary?tenant=demo" + RANGE,
                "/api/v1/reports/agents?tenant=demo" + RANGE,
                "/api/v1/calls?tenant=demo" + RANGE,
                "/api/v1/cdrs/" + demoCdr + "/recording?tenant=demo",
                "/api/v1/live?tenant=demo",
                "/api/v1/live/model?tenant=demo",
                "/api/v1/reports/summary?tenant=no-such-tenant" + RANGE,
                "/api/v1/live?tenant=no-such-tenant",
                "/reports/summary.xhtml?tenant=demo",
                "/reports/answered.xhtml?tenant=demo",
                "/reports/unanswered.xhtml?tenant=demo",
                "/reports/agents.xhtml?tenant=demo",
                "/reports/queues.xhtml?tenant=demo",
                "/reports/intervals.xhtml?tenant=demo",
                "/reports/cdr.xhtml?tenant=demo",
                "/reports/summary.xhtml?tenant=no-such-tenant",
                "/live/wallboard.xhtml?tenant=demo",
                "/live/wallboard.xhtml?tenant=demo&board=" + demoBoard,
                "/live/tables.xhtml?tenant=demo",
                "/live/snapshot?tenant=demo",
                "/admin/sources.xhtml?tenant=demo")) {
            HttpResponse<String> r = m.send("GET", url, null);
            assertThat(r.statusCode()).as("%s -> %s", url, r.body()).isEqualTo(403);
            assertThat(r.body()).as(url).doesNotContain("Secret demo board");
        }
        assertThat(m.handshake("/omnifaces.push/live?x").statusCode())
                .as("no live page of the manager's own was opened, none of demo could be: no socket").isEqualTo(403);

        // Their own tenant works, and shows nothing of demo: not in the pickers, not by the board id.
        HttpResponse<String> summary = m.get("/reports/summary.xhtml");
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("value=\"" + own + "\"").doesNotContain("value=\"demo\"");
        // A postback of their own page that names demo (a crafted form or URL) is refused before JSF
        // applies the view parameter, which the page's view action checked on the first GET only.
        for (String page : List.of("/reports/summary.xhtml", "/admin/mail.xhtml", "/payouts/payouts.xhtml")) {
            HttpResponse<String> ownPage = m.get(page + "?tenant=" + own);
            assertThat(ownPage.statusCode()).as(page).isEqualTo(200);
            Map<String, String> form = Map.of("jakarta.faces.ViewState", FormLogin.viewState(ownPage.body()),
                    "primefaces.nonce", FormLogin.nonce(ownPage.body()));
            HttpResponse<String> crafted = m.post(page + "?tenant=demo", form);
            assertThat(crafted.statusCode()).as("%s -> %s", page, crafted.body()).isEqualTo(403);
            HttpResponse<String> honest = m.post(page + "?tenant=" + own, form);
            assertThat(honest.statusCode()).as("%s, own tenant -> %s", page, honest.body()).isEqualTo(200);
        }
        HttpResponse<String> ownBoard = m.get("/live/wallboard.xhtml?tenant=" + own + "&board=" + demoBoard);
        assertThat(ownBoard.statusCode()).isEqualTo(200);
        assertThat(ownBoard.body()).doesNotContain("Secret demo board");
        HttpResponse<String> ownCdrs = m.send("GET", "/api/v1/cdrs/" + demoCdr + "/recording?tenant=" + own, null);
        assertThat(ownCdrs.statusCode()).as("a demo CDR id under their own tenant is no CDR of theirs").isEqualTo(404);
        assertThat(m.send("GET", "/api/v1/reports/summary?tenant=" + own + RANGE, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aUserLimitedToOneQueueSeesOnlyThatQueue(Deployment d) throws Exception {
        awaitDemoCdr(d);
        List<String> queues = demoQueues(d);
        assertThat(queues).as("the demo has several queues").hasSizeGreaterThan(1);
        String mine = queues.get(0);
        String other = queues.get(1);
        String s = UUID.randomUUID().toString().substring(0, 8);
        String name = "xt-limited-" + s;
        FormLogin u = FormLogin.firstLogin(d.server(), name,
                AccessMatrixIT.invite(d, name, "REPORTS,DASHBOARD", "{\"demo\": [\"" + mine + "\"]}"), PASSWORD);

        HttpResponse<String> summary = u.send("GET", "/api/v1/reports/summary?tenant=demo" + RANGE, null);
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        JsonObject report = Json.createReader(new StringReader(summary.body())).readObject();
        assertThat(report.getJsonArray("rows")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.asJsonObject().getString("queue")).isEqualTo(mine));
        assertThat(u.send("GET", "/api/v1/reports/summary?tenant=demo&queues=" + other + RANGE, null).statusCode())
                .isEqualTo(403);
        assertThat(u.send("GET", "/api/v1/calls?tenant=demo&queues=" + other + RANGE, null).statusCode()).isEqualTo(403);

        HttpResponse<String> live = u.send("GET", "/api/v1/live?tenant=demo", null);
        assertThat(live.statusCode()).isEqualTo(200);
        JsonObject liveQueues = Json.createReader(new StringReader(live.body())).readObject().getJsonObject("queues");
        assertThat(liveQueues.keySet()).isSubsetOf(mine);

        // the live pages are open to them, cut to their queue (LiveVisibilityIT checks the socket too)
        HttpResponse<String> wallboard = u.get("/live/wallboard.xhtml?tenant=demo");
        assertThat(wallboard.statusCode()).isEqualTo(200);
        HttpResponse<String> snapshot = u.get("/live/snapshot?tenant=demo");
        assertThat(snapshot.statusCode()).isEqualTo(200);
        JsonObject full = Json.createReader(new StringReader(snapshot.body())).readObject();
        assertThat(full.getJsonObject("queues").keySet()).doesNotContain(other)
                .allSatisfy(k -> assertThat(k.equals("*") || List.of(k.split(",")).equals(List.of(mine))).as(k).isTrue());
        assertThat(full.getJsonObject("callers").values()).allSatisfy(c -> assertThat(c.asJsonObject().getString("queue")).isEqualTo(mine));

        HttpResponse<String> calls = u.send("GET", "/api/v1/calls?tenant=demo&size=200" + RANGE, null);
        assertThat(calls.statusCode()).as(calls.body()).isEqualTo(200);
        assertThat(Json.createReader(new StringReader(calls.body())).readObject().getJsonArray("items")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.asJsonObject().getString("queue")).isEqualTo(mine));
        assertThat(u.get("/reports/cdr.xhtml?tenant=demo&queue=" + other).statusCode()).isEqualTo(403);
        assertThat(u.get("/reports/cdr.xhtml?tenant=demo&queue=" + mine).statusCode()).isEqualTo(200);

        HttpResponse<String> page = u.get("/reports/summary.xhtml?tenant=demo" + RANGE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(u.get("/reports/summary.xhtml?tenant=demo&queues=" + other + RANGE).statusCode()).isEqualTo(403);
    }

    @Test
    void aDisabledUserIsRefusedAtTheNextRequest(Deployment d) throws Exception {
        String name = "xt-disabled-" + UUID.randomUUID().toString().substring(0, 8);
        FormLogin u = FormLogin.firstLogin(d.server(), name, AccessMatrixIT.invite(d, name, "REPORTS", "{\"demo\": []}"),
                PASSWORD);
        assertThat(u.get("/reports/summary.xhtml").statusCode()).isEqualTo(200);
        HttpResponse<String> off = AccessMatrixIT.tokenCall(d, "POST", "/api/v1/users/" + name + "/disable", null);
        assertThat(off.statusCode()).as(off.body()).isEqualTo(204);
        // Refused either way: disabling ends the user's sessions (the session cut-off filter answers 401, as to
        // anyone not logged in) and the access filter refuses a disabled caller (403); the two filters are
        // annotation-registered, so which one runs first is the container's choice.
        assertThat(u.send("GET", "/api/v1/reports/summary?tenant=demo" + RANGE, null).statusCode()).isIn(401, 403);
        HttpResponse<String> after = u.get("/reports/summary.xhtml");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).contains("/login.xhtml");
    }

    @Test
    void aUserWhoseRolesChangedLogsInAgainToGetThem(Deployment d) throws Exception {
        String name = "xt-changed-" + UUID.randomUUID().toString().substring(0, 8);
        FormLogin u = FormLogin.firstLogin(d.server(), name, AccessMatrixIT.invite(d, name, "REPORTS", "{\"demo\": []}"),
                PASSWORD);
        assertThat(u.send("GET", "/api/v1/reports/summary?tenant=demo" + RANGE, null).statusCode()).isEqualTo(200);
        HttpResponse<String> changed = AccessMatrixIT.tokenCall(d, "PUT", "/api/v1/users/" + name,
                "{\"roles\": [\"DASHBOARD\"], \"tenants\": {\"demo\": []}}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(u.send("GET", "/api/v1/reports/summary?tenant=demo" + RANGE, null).statusCode())
                .as("the REPORTS role taken away applies at the next request").isEqualTo(403);
        FormLogin again = FormLogin.logIn(d.server(), name, PASSWORD);
        assertThat(again.get("/reports/summary.xhtml").statusCode()).isEqualTo(403);
        assertThat(again.get("/live/wallboard.xhtml").statusCode()).isEqualTo(200);
    }

    private static long awaitDemoCdr(Deployment d) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (true) {
            long id = d.database().count("select coalesce(min(id), 0) from cdr_record where tenant_id = 'demo'");
            if (id > 0 && d.database().count("select count(*) from rollup_queue_15m") > 0) {
                return id;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no demo CDRs and rollups 180 s after start");
            }
            Thread.sleep(1000);
        }
    }

    private static List<String> demoQueues(Deployment d) throws Exception {
        try (Connection c = d.database().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select distinct queue from rollup_queue_15m where tenant_id = 'demo' order by queue")) {
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** A board of demo owned by nobody who logs in (so the other ITs' admin never gets it as theirs). */
    private static long demoBoard(Deployment d, String name) throws Exception {
        try (Connection c = d.database().connect(); Statement st = c.createStatement()) {
            st.executeUpdate("insert into wallboard (tenant_id, owner, name, shared, interval_seconds, cards, created_at, "
                    + "updated_at) values ('demo', 'xt-owner', '" + name + "', false, 5, '[]', now(3), now(3))");
        }
        return d.database().count("select max(id) from wallboard where tenant_id = 'demo'");
    }

}
