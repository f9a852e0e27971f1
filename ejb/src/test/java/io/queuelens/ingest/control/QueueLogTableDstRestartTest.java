package io.queuelens.ingest.control;

import io.queuelens.schema.control.UtcColumns;
import io.queuelens.sources.demo.entity.QueueLogRow;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A realtime queue_log table in local time (Europe/Berlin) through the night clocks go back
 * (2026-10-25, 03:00 CEST -> 02:00 CET): rows without a callid in the repeated hour are placed by the
 * latest time read before them. A reader restarted after every row (a new instance, from the
 * checkpoint) must place them exactly as one that ran through, so that time travels in the checkpoint.
 */
class QueueLogTableDstRestartTest {

    private static final String AGENT = "Local/1001@agents";

    private static List<QueueLogRow> pausesAcrossTheRepeatedHour() {
        return List.of(
                row("2026-10-24T23:00:00Z", "ADDMEMBER", ""),   // 01:00 CEST
                row("2026-10-25T00:10:00Z", "PAUSE", "Lunch"),  // 02:10 CEST, first pass
                row("2026-10-25T00:50:00Z", "UNPAUSE", "Lunch"), // 02:50 CEST
                row("2026-10-25T01:05:00Z", "PAUSE", "Break"),  // 02:05 CET, second pass: no callid to tell
                row("2026-10-25T01:40:00Z", "UNPAUSE", "Break"), // 02:40 CET
                row("2026-10-25T03:00:00Z", "REMOVEMEMBER", "")); // 04:00 CET
    }

    private static QueueLogRow row(String utc, String verb, String reason) {
        return new QueueLogRow(Instant.parse(utc), "NONE", "sales", AGENT, verb, reason.isEmpty() ? List.of() : List.of(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aReaderRestartedAfterEveryRowPlacesTheRepeatedHourLikeOneThatRanThrough(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            QueueLogTableIngestionTest.writePbxTable(db.dataSource(), pausesAcrossTheRepeatedHour());
            IngestResult r;
            do {
                r = QueueLogTableIngestionTest.ingestion(db.dataSource()).step(1); // a fresh reader every row
            } while (r.linesRead() > 0);

            assertThat(pauses(db)).containsExactly(
                    "Lunch 2026-10-25T00:10:00Z..2026-10-25T00:50:00Z",
                    "Break 2026-10-25T01:05:00Z..2026-10-25T01:40:00Z");
        }
    }

    private static List<String> pauses(TestDatabases.Db db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT reason, start_at, end_at FROM agent_pause ORDER BY start_at")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + UtcColumns.instant(rs.getObject(2, LocalDateTime.class)) + ".."
                        + UtcColumns.instant(rs.getObject(3, LocalDateTime.class)));
            }
        }
        return out;
    }
}
