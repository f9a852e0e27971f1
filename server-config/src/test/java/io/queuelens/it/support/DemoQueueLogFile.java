package io.queuelens.it.support;

import io.queuelens.sources.demo.control.ContactCenterSimulation;
import io.queuelens.sources.demo.control.PbxListener;
import io.queuelens.sources.demo.control.QueueLogFileWriter;
import io.queuelens.sources.demo.entity.QueueDefinition;
import io.queuelens.sources.demo.entity.QueueLogRow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Queue_log files for import ITs, written by the demo PBX's own simulation (deterministic: fixed seed and start). */
public final class DemoQueueLogFile {

    private DemoQueueLogFile() {
    }

    /** Ten simulated days of the demo PBX as a queue_log file, plus malformed lines and an unknown verb. */
    public static Path tenDays(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        QueueLogFileWriter writer = new QueueLogFileWriter(file);
        Instant start = Instant.parse("2026-09-01T00:00:00Z");
        ContactCenterSimulation sim = new ContactCenterSimulation(11, start, ZoneId.of("Europe/Berlin"), 40,
                QueueDefinition.defaults(), new PbxListener() {
                    @Override
                    public boolean wantsAmi() {
                        return false;
                    }

                    @Override
                    public void queueLog(QueueLogRow row) {
                        writer.add(row);
                    }
                });
        for (int day = 1; day <= 10; day++) {
            sim.advanceTo(start.plus(Duration.ofDays(day)));
            writer.flush();
            if (day == 2) {
                // two lines to quarantine, and a verb of a custom dialplan QueueLog() to keep raw
                Files.writeString(file, "this is not a queue_log line\n1756800000|x|sales\n"
                                + "1756890000|1756890000.77|sales|NONE|SURVEY_SCORE|5|friendly\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }
        return file;
    }

}
