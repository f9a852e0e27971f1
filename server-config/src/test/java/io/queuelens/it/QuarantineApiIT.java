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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/quarantine on the deployed server: a malformed line imported through
 * POST /api/v1/imports/queue-log shows up in the count and the first page, as received; bad
 * parameters are 400 naming the parameter; no token, no access.
 */
@ExtendWith(SharedMariaDbServer.class)
class QuarantineApiIT {

    private static final String BROKEN = "1732000000|<b>not</b>|a queue_log line";

    @Test
    void anImportedMalformedLineIsCountedAndListedAsReceived(Deployment d) throws Exception {
        JsonObject before = get(d, "/api/v1/quarantine?tenant=demo&source=quarantine-it", 200);
        assertThat(before.getJsonNumber("count").longValue()).isZero();
        assertThat(before.getJsonArray("items")).isEmpty();

        HttpResponse<String> imported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(d.server().url("/api/v1/imports/queue-log?tenant=demo&source=quarantine-it&name=qit")))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(QueueLogImportIT.sample()) + BROKEN + "\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("\"quarantined\":1");

        JsonObject after = get(d, "/api/v1/quarantine?tenant=demo&source=quarantine-it", 200);
        assertThat(after.getJsonNumber("count").longValue()).isEqualTo(1);
        assertThat(after.getInt("page")).isZero();
        assertThat(after.getInt("size")).isEqualTo(50);
        JsonObject item = after.getJsonArray("items").getJsonObject(0);
        assertThat(item.getString("raw")).isEqualTo(BROKEN);
        assertThat(item.getString("source")).isEqualTo("quarantine-it");
        assertThat(item.getString("reason")).isNotBlank();
        assertThat(item.getString("position")).isNotBlank();
        assertThat(item.getString("receivedAt")).endsWith("Z");
        assertThat(d.database().count("select count(*) from quarantined_input where tenant_id = 'demo'"))
                .isEqualTo(get(d, "/api/v1/quarantine?tenant=demo", 200).getJsonNumber("count").longValue());
        // the second page of one-line pages is empty
        assertThat(get(d, "/api/v1/quarantine?tenant=demo&source=quarantine-it&page=1&size=1", 200).getJsonArray("items")).isEmpty();

        assertThat(get(d, "/api/v1/quarantine?tenant=demo&size=0", 400).getString("parameter")).isEqualTo("size");
        assertThat(get(d, "/api/v1/quarantine?tenant=demo&page=x", 400).getString("parameter")).isEqualTo("page");
        assertThat(get(d, "/api/v1/quarantine?tenant=demo&source=../etc", 400).getString("parameter")).isEqualTo("source");
        assertThat(get(d, "/api/v1/quarantine", 400).getString("parameter")).isEqualTo("tenant");
        assertThat(get(d, "/api/v1/quarantine?tenant=nobody", 404).getString("parameter")).isEqualTo("tenant");
        assertThat(d.server().get("/api/v1/quarantine?tenant=demo").statusCode()).isEqualTo(401);
    }

    private static JsonObject get(Deployment d, String path, int status) throws Exception {
        HttpResponse<String> r = d.server().get(path, SharedMariaDbServer.API_TOKEN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}
