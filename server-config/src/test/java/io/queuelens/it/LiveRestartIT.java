package io.queuelens.it;

import io.queuelens.it.support.RunningServer;
import io.queuelens.it.support.ThrowawayMariaDb;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The wallboard's "today" figures survive a restart of the server: the live model seeds them from the
 * day's stored facts at start instead of counting from zero. The demo runs with calls at any hour
 * (QUEUELENS_DEMO_EVENT_RATE) on its own throwaway MariaDB database.
 */
class LiveRestartIT {

    private static final String TOKEN = "live-restart-" + UUID.randomUUID();
    private static final ZoneId DEMO_ZONE = ZoneId.of("Europe/Berlin"); // QUEUELENS_DEMO_TIME_ZONE's default

    @Test
    void todaysFiguresAreSeededFromTheFactsAfterARestart() throws Exception {
        try (ThrowawayMariaDb db = ThrowawayMariaDb.create("ql_liverestart")) {
            RunningServer server = RunningServer.start("live-restart", Map.of(
                    "QUEUELENS_DB_URL", db.queuelensUrl(),
                    "QUEUELENS_DB_USER", ThrowawayMariaDb.USER,
                    "QUEUELENS_DEMO_BACKFILL_DAYS", "0",
                    "QUEUELENS_DEMO_EVENT_RATE", "100",
                    "QUEUELENS_API_TOKEN", TOKEN));
            try {
                LocalDate day = LocalDate.now(DEMO_ZONE);
                long before = awaitOfferedToday(server, 30, Duration.ofMinutes(3));
                // what the facts hold by now (the history reader runs every 2 s) is what a start can seed from
                Thread.sleep(5_000);

                server = server.restart();
                long after = offeredToday(server);

                assumeTrue(day.equals(LocalDate.now(DEMO_ZONE)), "local midnight passed during the test: today began anew");
                assertThat(after).as("today's offered right after the restart (it was %d before)", before)
                        .isGreaterThanOrEqualTo(before);
            } finally {
                server.close();
            }
        }
    }

    private static long awaitOfferedToday(RunningServer server, long atLeast, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        long offered = 0;
        while (Instant.now().isBefore(deadline)) {
            offered = offeredToday(server);
            if (offered >= atLeast) {
                return offered;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the demo offered only " + offered + " calls today within " + patience);
    }

    /** The sum of today's offered over the demo's queues in the live snapshot. */
    private static long offeredToday(RunningServer server) throws Exception {
        HttpResponse<String> r = server.get("/api/v1/live?tenant=demo", TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject snapshot = Json.createReader(new StringReader(r.body())).readObject();
        long offered = 0;
        for (JsonValue q : snapshot.getJsonObject("queues").values()) {
            offered += q.asJsonObject().getJsonObject("today").getJsonNumber("offered").longValue();
        }
        return offered;
    }
}
