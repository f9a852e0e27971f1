package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.it.support.ThrowawayMariaDb;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real PBX database (a throwaway MariaDB database with Asterisk's queue_log table, read by a user of
 * its own with a password) configured as a source of tenant demo over REST: its calls appear in the
 * summary report, the password is nowhere in the app database, and the source's state shows its reader.
 */
@ExtendWith(SharedMariaDbServer.class)
class AsteriskSourceIT {

    private static final String QUEUE = "it-pbx-sales";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aConfiguredPbxDatabaseIsReadIntoTheSummaryReport(Deployment d) throws Exception {
        String user = "qlpbx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String password = "Pbx-" + UUID.randomUUID();
        try (ThrowawayMariaDb pbx = ThrowawayMariaDb.create("ql_pbx")) {
            Instant base = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
            try (Connection c = pbx.connect(); Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE queue_log (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, time DATETIME(6) NOT NULL,
                          callid VARCHAR(80) NOT NULL DEFAULT '', queuename VARCHAR(256) NOT NULL DEFAULT '',
                          agent VARCHAR(80) NOT NULL DEFAULT '', event VARCHAR(32) NOT NULL DEFAULT '',
                          data1 VARCHAR(100) NOT NULL DEFAULT '', data2 VARCHAR(100) NOT NULL DEFAULT '',
                          data3 VARCHAR(100) NOT NULL DEFAULT '', data4 VARCHAR(100) NOT NULL DEFAULT '',
                          data5 VARCHAR(100) NOT NULL DEFAULT '')""");
                // FreePBX's asteriskcdrdb.cdr layout: the CDR adds recording, DID and caller name to the visit
                s.execute("""
                        CREATE TABLE cdr (calldate DATETIME NOT NULL, clid VARCHAR(80) NOT NULL DEFAULT '',
                          src VARCHAR(80) NOT NULL DEFAULT '', dst VARCHAR(80) NOT NULL DEFAULT '',
                          dcontext VARCHAR(80) NOT NULL DEFAULT '', channel VARCHAR(80) NOT NULL DEFAULT '',
                          dstchannel VARCHAR(80) NOT NULL DEFAULT '', lastapp VARCHAR(80) NOT NULL DEFAULT '',
                          lastdata VARCHAR(80) NOT NULL DEFAULT '', duration INT NOT NULL DEFAULT 0,
                          billsec INT NOT NULL DEFAULT 0, disposition VARCHAR(45) NOT NULL DEFAULT '',
                          amaflags INT NOT NULL DEFAULT 0, accountcode VARCHAR(20) NOT NULL DEFAULT '',
                          uniqueid VARCHAR(32) NOT NULL DEFAULT '', userfield VARCHAR(255) NOT NULL DEFAULT '',
                          did VARCHAR(50) NOT NULL DEFAULT '', recordingfile VARCHAR(255) NOT NULL DEFAULT '',
                          cnum VARCHAR(80) NOT NULL DEFAULT '', cnam VARCHAR(80) NOT NULL DEFAULT '',
                          outbound_cnum VARCHAR(80) NOT NULL DEFAULT '', outbound_cnam VARCHAR(80) NOT NULL DEFAULT '',
                          dst_cnam VARCHAR(80) NOT NULL DEFAULT '', linkedid VARCHAR(32) NOT NULL DEFAULT '',
                          peeraccount VARCHAR(80) NOT NULL DEFAULT '', sequence INT NOT NULL DEFAULT 0)""");
                s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
                s.execute("GRANT SELECT ON " + pbx.name() + ".* TO '" + user + "'@'%'");
            }
            try {
                // two answered calls and one abandon, in UTC (the source's PBX clock zone below)
                row(pbx, base, "100.1", "NONE", "ENTERQUEUE", "", "5550001", "1");
                row(pbx, base.plusSeconds(5), "100.1", "PJSIP/201", "CONNECT", "5", "100.2", "2");
                row(pbx, base.plusSeconds(65), "100.1", "PJSIP/201", "COMPLETECALLER", "5", "60", "1");
                row(pbx, base.plusSeconds(100), "101.1", "NONE", "ENTERQUEUE", "", "5550002", "1");
                row(pbx, base.plusSeconds(130), "101.1", "NONE", "ABANDON", "1", "1", "30");

                try (Connection c = pbx.connect(); java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO cdr "
                        + "(calldate, clid, src, dst, dcontext, channel, dstchannel, lastapp, duration, billsec, disposition, "
                        + "uniqueid, did, recordingfile, cnum, cnam, linkedid, sequence) "
                        + "VALUES (?, '\"Ana Lima\" <5550001>', '5550001', '600', 'ext-queues', 'PJSIP/trunk-1', "
                        + "'Local/201@from-queue-2', 'Queue', 70, 65, 'ANSWERED', '100.1', '4930123456', "
                        + "'q-600-5550001-20261122-100000-100.1.wav', '5550001', 'Ana Lima', '100.1', 1)")) {
                    ps.setObject(1, java.time.LocalDateTime.ofInstant(base, java.time.ZoneOffset.UTC));
                    ps.executeUpdate();
                }

                String url = "jdbc:mariadb://127.0.0.1:3306/" + pbx.name();
                // incomplete settings: 400 naming the property, nothing stored
                HttpResponse<String> bad = send("POST", d, "/api/v1/sources/asterisk?tenant=demo",
                        "{\"name\":\"itpbx\",\"displayName\":\"IT PBX\",\"mode\":\"TABLE\",\"dbUser\":\"" + user + "\"}");
                assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
                assertThat(json(bad.body()).getString("parameter")).isEqualTo("dbUrl");

                String settings = "{\"name\":\"itpbx\",\"displayName\":\"IT PBX\",\"mode\":\"TABLE\",\"dbUrl\":\"" + url
                        + "\",\"dbUser\":\"" + user + "\",\"dbPassword\":\"" + password + "\",\"queueLogTable\":\"queue_log\","
                        + "\"cdrTable\":\"cdr\","
                        + "\"timeZone\":\"UTC\"}";
                // test connection: a wrong password says so, the right one works
                HttpResponse<String> wrong = send("POST", d, "/api/v1/sources/asterisk/test?tenant=demo",
                        settings.replace(password, "wrong"));
                assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(200);
                assertThat(json(wrong.body()).getBoolean("ok")).isFalse();
                assertThat(wrong.body()).contains("cannot connect").contains("Access denied");
                HttpResponse<String> works = send("POST", d, "/api/v1/sources/asterisk/test?tenant=demo", settings);
                assertThat(json(works.body()).getBoolean("ok")).as(works.body()).isTrue();
                assertThat(works.body()).contains("has 5 rows");

                HttpResponse<String> created = send("POST", d, "/api/v1/sources/asterisk?tenant=demo", settings);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                JsonObject source = json(created.body());
                assertThat(source.getBoolean("dbPasswordSet")).isTrue();
                assertThat(created.body()).doesNotContain(password).doesNotContain("v1:");
                long id = source.getJsonNumber("id").longValue();
                try {
                    assertThat(d.database().count("select count(*) from asterisk_source where db_password like 'v1:%'")).isEqualTo(1);
                    assertThat(d.database().count("select count(*) from asterisk_source where db_password like '%"
                            + password + "%' or db_url like '%" + password + "%'")).isZero();

                    JsonObject total = awaitOffered(d, base, 2);
                    assertThat(total.getJsonNumber("answered").longValue()).isEqualTo(1);
                    assertThat(d.database().count("select count(*) from queue_visit where tenant_id = 'demo' and source_id = 'itpbx'"))
                            .isEqualTo(2);

                    // the PBX's CDR is read with its queue_log and linked to the answered visit by uniqueid
                    awaitCount(d, "select count(*) from queue_visit where source_id = 'itpbx' and call_id = '100.1' "
                            + "and recording_file = 'q-600-5550001-20261122-100000-100.1.wav' and did = '4930123456' "
                            + "and caller_name = 'Ana Lima'", 1);
                    assertThat(d.database().count("select count(*) from cdr_record where source_id = 'itpbx'")).isEqualTo(1);

                    // appended rows are picked up; the state shows the reader's progress
                    row(pbx, base.plusSeconds(200), "102.1", "NONE", "ENTERQUEUE", "", "5550003", "1");
                    row(pbx, base.plusSeconds(210), "102.1", "NONE", "ABANDON", "1", "1", "10");
                    awaitOffered(d, base, 3);
                    JsonObject listed = awaitState(d, "CONNECTED");
                    assertThat(listed.getJsonNumber("linesRead").longValue()).isEqualTo(7);
                    assertThat(listed.getString("position")).isEqualTo("7");
                    assertThat(d.server().get("/api/v1/sources", SharedMariaDbServer.API_TOKEN).body())
                            .contains("\"name\":\"itpbx\"").contains("\"kind\":\"ASTERISK\"");
                } finally {
                    HttpResponse<String> off = send("POST", d, "/api/v1/sources/asterisk/" + id + "/disable?tenant=demo", "");
                    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
                }
                assertThat(json(send("GET", d, "/api/v1/sources/asterisk?tenant=demo", null).body().replaceFirst("^\\[", "")
                        .replaceFirst("]$", "")).getString("state")).isEqualTo("STOPPED");
            } finally {
                try (Connection c = pbx.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                }
            }
        }
    }

    private static void awaitCount(Deployment d, String sql, long expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = d.database().count(sql);
            if (last == expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(sql + " gave " + last + ", expected " + expected);
    }

    private JsonObject awaitOffered(Deployment d, Instant base, long offered) throws Exception {
        Instant from = base.truncatedTo(ChronoUnit.DAYS);
        Instant to = from.plus(Duration.ofDays(2));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = d.server().get("/api/v1/reports/summary?tenant=demo&from=" + from + "&to=" + to
                    + "&tz=UTC&groupBy=queue&queues=" + QUEUE, SharedMariaDbServer.API_TOKEN);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            last = r.body();
            JsonObject total = json(r.body()).getJsonObject("total");
            if (total.getJsonNumber("offered").longValue() == offered) {
                return total;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the report never showed " + offered + " offered calls of " + QUEUE + ": " + last
                + "; sources: " + send("GET", d, "/api/v1/sources/asterisk?tenant=demo", null).body());
    }

    private JsonObject awaitState(Deployment d, String state) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = send("GET", d, "/api/v1/sources/asterisk?tenant=demo", null).body();
            JsonArray list = Json.createReader(new StringReader(body)).readArray();
            JsonObject it = list.getValuesAs(JsonObject.class).stream().filter(o -> o.getString("name").equals("itpbx"))
                    .findFirst().orElseThrow();
            if (it.getString("state").equals(state) && it.getJsonNumber("linesRead").longValue() == 7) {
                return it;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("source itpbx never reached " + state + ": " + body);
    }

    private static void row(ThrowawayMariaDb pbx, Instant time, String callId, String agent, String event, String d1,
                            String d2, String d3) throws Exception {
        try (Connection c = pbx.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO queue_log (time, callid, queuename, agent, event, data1, data2, data3) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setObject(1, LocalDateTime.ofInstant(time, ZoneOffset.UTC));
            ps.setString(2, callId);
            ps.setString(3, QUEUE);
            ps.setString(4, agent);
            ps.setString(5, event);
            ps.setString(6, d1);
            ps.setString(7, d2);
            ps.setString(8, d3);
            ps.executeUpdate();
        }
    }

    private HttpResponse<String> send(String method, Deployment d, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path)))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
