package io.queuelens.it;

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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes made through REST on the deployed server leave audit lines that GET /api/v1/audit shows,
 * newest first, with the caller as actor: a queue_log import (started, finished with its counts) and an
 * Asterisk source added, switched off and on. Bad filters are 400 naming the parameter; no token, no log.
 */
@ExtendWith(SharedMariaDbServer.class)
class AuditApiIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void restChangesShowUpInTheAuditLog(Deployment d) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        HttpResponse<String> imported = send(d, "POST", "/api/v1/imports/queue-log?tenant=demo&source=audit-it&name=a1",
                "text/plain", Files.readString(QueueLogImportIT.sample()));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        JsonObject imports = get(d, "/api/v1/audit?tenant=demo&actor=api-token&from=" + start + "&size=500", 200);
        var lines = imports.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(l -> "audit-it/a1".equals(l.getString("target", null))).toList();
        assertThat(lines).extracting(l -> l.getString("action")).containsExactly("import.finished", "import.started");
        assertThat(lines.get(0).getString("detail")).contains("lines ").contains("visits ");
        assertThat(lines.get(0).getString("tenant")).isEqualTo("demo");
        assertThat(Instant.parse(lines.get(0).getString("at"))).isAfterOrEqualTo(start);

        String settings = "{\"name\":\"auditpbx\",\"displayName\":\"Audit PBX\",\"mode\":\"TABLE\","
                + "\"dbUrl\":\"jdbc:mariadb://127.0.0.1:3306/no_such_pbx\",\"dbUser\":\"nobody\",\"dbPassword\":\"s3cret-audit\","
                + "\"queueLogTable\":\"queue_log\",\"timeZone\":\"UTC\"}";
        HttpResponse<String> created = send(d, "POST", "/api/v1/sources/asterisk?tenant=demo", "application/json", settings);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Json.createReader(new StringReader(created.body())).readObject().getJsonNumber("id").longValue();
        assertThat(send(d, "POST", "/api/v1/sources/asterisk/" + id + "/disable?tenant=demo", null, null).statusCode()).isEqualTo(200);

        JsonObject sources = get(d, "/api/v1/audit?tenant=demo&from=" + start, 200);
        var sourceLines = sources.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                // this test's source only: other ITs on the shared server change theirs around the same second
                .filter(l -> l.getString("action").startsWith("source."))
                .filter(l -> List.of("auditpbx", String.valueOf(id)).contains(l.getString("target", ""))).toList();
        assertThat(sourceLines).extracting(l -> l.getString("action")).containsExactly("source.disabled", "source.added");
        assertThat(sourceLines).extracting(l -> l.getString("actor")).containsOnly("api-token");
        assertThat(sourceLines.get(1).getString("target")).isEqualTo("auditpbx");
        assertThat(sources.toString()).doesNotContain("s3cret-audit");
        assertThat(get(d, "/api/v1/audit?action=source.added&tenant=demo&from=" + start, 200).getJsonArray("items")
                .getValuesAs(JsonObject.class)).extracting(l -> l.getString("target")).contains("auditpbx")
                .allSatisfy(t -> assertThat(t).isNotNull());
        assertThat(d.database().count("select count(*) from audit_log where action = 'source.added' and tenant_id = 'demo' "
                + "and target = 'auditpbx'")).isEqualTo(1);

        assertThat(get(d, "/api/v1/audit?size=0", 400).getString("parameter")).isEqualTo("size");
        assertThat(get(d, "/api/v1/audit?from=yesterday", 400).getString("parameter")).isEqualTo("from");
        assertThat(get(d, "/api/v1/audit?action=%3Cscript%3E", 400).getString("parameter")).isEqualTo("action");
        assertThat(d.server().get("/api/v1/audit").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> send(Deployment d, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path)))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN);
        if (body != null) {
            b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject get(Deployment d, String path, int status) throws Exception {
        HttpResponse<String> r = d.server().get(path, SharedMariaDbServer.API_TOKEN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}
