package io.queuelens.sources.asterisk.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The classes the early scan names exist in the asterisk-java and org.reflections this build ships: no warning. */
class EventClassScanTest {

    @Test
    void findsTheClassesItLoadsAhead() {
        Logger log = Logger.getLogger(EventClassScan.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            EventClassScan.runNow();
        } finally {
            log.removeHandler(handler);
        }
        assertThat(records).extracting(LogRecord::getMessage).isEmpty();
    }
}
