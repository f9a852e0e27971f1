package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.it.support.SimulatedPbx;
import jakarta.json.Json;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant and an Asterisk source of the operations ITs' own (as LiveFaultsIT makes them). */
final class OpsFixture {

    private OpsFixture() {
    }

    static String tenant(Deployment d, String what) throws Exception {
        String id = "it-ops-" + what + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Connection c = d.database().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) VALUES ('" + id
                    + "', 'Ops IT', 'UTC', 'en', 'EUR', CURRENT_TIMESTAMP(6))");
        }
        return id;
    }

    /** @return the running AMI source's name ({@code <configured name>-ami}) */
    static String configure(Deployment d, HttpClient http, List<AutoCloseable> cleanup, String tenant, int port, String secret)
            throws Exception {
        Path queueLog = Files.createTempFile(Files.createDirectories(d.server().dataDir().resolveSibling("pbx-files")),
                "it-ops", ".queue_log");
        cleanup.add(() -> Files.deleteIfExists(queueLog));
        String name = "ops" + Long.toString(System.nanoTime() % 100_000, 36);
        String body = "{\"name\":\"" + name + "\",\"displayName\":\"Ops IT PBX\",\"mode\":\"FILE\",\"queueLogFile\":\""
                + queueLog.toAbsolutePath() + "\",\"amiHost\":\"127.0.0.1\",\"amiPort\":" + port + ",\"amiUser\":\""
                + SimulatedPbx.USER + "\",\"amiSecret\":\"" + secret + "\",\"timeZone\":\"UTC\"}";
        HttpResponse<String> created = send(http, "POST", d, "/api/v1/sources/asterisk?tenant=" + tenant, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Json.createReader(new StringReader(created.body())).readObject().getJsonNumber("id").longValue();
        cleanup.add(() -> send(http, "POST", d, "/api/v1/sources/asterisk/" + id + "/disable?tenant=" + tenant, ""));
        return name + "-ami";
    }

    static HttpResponse<String> send(HttpClient http, String method, Deployment d, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path)))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
