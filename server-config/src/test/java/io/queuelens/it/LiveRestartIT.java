package io.queuelens.it;

import io.queuelens.it.support.RunningServer;
import io.queuelens.it.support.ThrowawayMariaDb;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The wallboard's "today" figures hold what the stored facts hold: after a restart of the server, and
 * after a first start whose history is stored after the live model started. In the restart test the demo
 * runs with calls at any hour (QUEUELENS_DEMO_EVENT_RATE) on its own throwaway MariaDB database.
 * <p>
 * The reference is what the facts hold before the restart (the summary report of today), not the live
 * count: to hold its event rate the demo runs its clock ahead of the wall clock (hours ahead on a quiet
 * night), so its calls can belong to a later day than the wall clock's "today", and the calls in progress
 * at the stop end with the demo PBX, which restarts with the server. The demo's zone is one where it is
 * morning now, so today has hours of traffic left whenever the test runs.
 */
class LiveRestartIT {

    private static final String TOKEN = "live-restart-" + UUID.randomUUID();

    @Test
    void todaysFiguresAreSeededFromTheFactsAfterARestart() throws Exception {
        ZoneId zone = zoneWhereItIsMorning(Instant.now());
        try (ThrowawayMariaDb db = ThrowawayMariaDb.create("ql_liverestart")) {
            RunningServer server = RunningServer.start("live-restart", Map.of(
                    "QUEUELENS_DB_URL", db.queuelensUrl(),
                    "QUEUELENS_DB_USER", ThrowawayMariaDb.USER,
                    "QUEUELENS_DEMO_TIME_ZONE", zone.getId(),
                    "QUEUELENS_DEMO_BACKFILL_DAYS", "0",
                    "QUEUELENS_DEMO_EVENT_RATE", "100",
                    "QUEUELENS_API_TOKEN", TOKEN));
            try {
                LocalDate day = LocalDate.now(zone);
                // what the facts hold by now (the history reader runs every 2 s) is what a start can seed from
                long stored = awaitStoredOfferedToday(server, day, zone, 30, Duration.ofMinutes(3));

                server = server.restart();
                long after = offeredToday(server);

                assumeTrue(day.equals(LocalDate.now(zone)), "local midnight passed during the test: today began anew");
                assertThat(after).as("today's live offered right after the restart (today's facts held %d before it)",
                                stored)
                        .isGreaterThanOrEqualTo(stored);
            } finally {
                server.close();
            }
        }
    }

    /**
     * A first start: the live model starts when the demo's AMI connects, before the history reader has
     * stored the demo's backfill of today. Today's figures take it in at the next read of the stored facts
     * (every 5 s here) instead of counting from zero until midnight. The demo runs at its natural speed on
     * H2, in a zone where it is afternoon, so today has calls before the start.
     */
    @Test
    void todaysFiguresTakeInTheHistoryStoredAfterTheModelStarted() throws Exception {
        ZoneId zone = zoneWhereItIs(15, Instant.now());
        RunningServer server = RunningServer.start("live-today-backfill", Map.of(
                "QUEUELENS_DEMO_TIME_ZONE", zone.getId(),
                "QUEUELENS_DEMO_BACKFILL_DAYS", "1",
                "QUEUELENS_LIVE_STORED_REFRESH_SECONDS", "5",
                "QUEUELENS_API_TOKEN", TOKEN));
        try {
            LocalDate day = LocalDate.now(zone);
            long stored = awaitStoredOfferedToday(server, day, zone, 20, Duration.ofMinutes(3));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            long live = offeredToday(server);
            while (live < stored && Instant.now().isBefore(deadline)) {
                Thread.sleep(1_000);
                live = offeredToday(server);
            }
            assumeTrue(day.equals(LocalDate.now(zone)), "local midnight passed during the test: today began anew");
            assertThat(live).as("today's live offered, a minute after today's facts held %d", stored)
                    .isGreaterThanOrEqualTo(stored);
        } finally {
            server.close();
        }
    }

    static ZoneId zoneWhereItIsMorning(Instant now) {
        return zoneWhereItIs(9, now);
    }

    /** A fixed offset where the local time is {@code hour}:xx at {@code now} (offsets run from -12:00 to +14:00). */
    static ZoneId zoneWhereItIs(int hour, Instant now) {
        int utcHour = now.atZone(ZoneOffset.UTC).getHour();
        int hours = hour - utcHour;
        if (hours < -12) {
            hours += 24;
        } else if (hours > 14) {
            hours -= 24;
        }
        return ZoneOffset.ofHours(hours);
    }

    private static long awaitStoredOfferedToday(RunningServer server, LocalDate day, ZoneId zone, long atLeast,
                                                Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        long offered = 0;
        while (Instant.now().isBefore(deadline)) {
            offered = storedOfferedToday(server, day, zone);
            if (offered >= atLeast) {
                return offered;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("the facts hold only " + offered + " calls offered today after " + patience);
    }

    /** Today's offered over all queues in the summary report, which reads the stored facts. */
    private static long storedOfferedToday(RunningServer server, LocalDate day, ZoneId zone) throws Exception {
        String tz = URLEncoder.encode(zone.getId(), StandardCharsets.UTF_8);
        HttpResponse<String> r = server.get("/api/v1/reports/summary?tenant=demo&from=" + day + "&to=" + day.plusDays(1)
                + "&tz=" + tz + "&groupBy=queue", TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject report = Json.createReader(new StringReader(r.body())).readObject();
        return report.getJsonObject("total").getJsonNumber("offered").longValue();
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
