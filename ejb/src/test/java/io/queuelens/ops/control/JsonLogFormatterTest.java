package io.queuelens.ops.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogFormatterTest {

    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @Test
    void oneLineWithTimeLevelLoggerThreadAndFormattedMessage() {
        LogRecord r = new LogRecord(Level.WARNING, "source {0} lost after {1} s");
        r.setParameters(new Object[]{"pbx1", 30});
        r.setLoggerName("io.queuelens.sources");
        r.setInstant(Instant.parse("2026-12-04T19:00:00.123Z"));
        String line = formatter.format(r);

        assertThat(line).endsWith("}\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
        JsonObject o = parse(line);
        assertThat(o.getString("time")).isEqualTo("2026-12-04T19:00:00.123Z");
        assertThat(o.getString("level")).isEqualTo("WARNING");
        assertThat(o.getString("logger")).isEqualTo("io.queuelens.sources");
        assertThat(o.getString("message")).isEqualTo("source pbx1 lost after 30 s");
        assertThat(o.getString("thread")).isEqualTo(Thread.currentThread().getName());
        assertThat(o.containsKey("exception")).isFalse();
    }

    @Test
    void quotesControlCharactersAndStackTraceStayInsideTheirStrings() {
        LogRecord r = new LogRecord(Level.SEVERE, "bad \"line\"\twith \\ and \n newline \u0001");
        r.setThrown(new IllegalStateException("boom\nsecond line"));
        String line = formatter.format(r);

        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\t");
        JsonObject o = parse(line);
        assertThat(o.getString("message")).isEqualTo("bad \"line\"\twith \\ and \n newline \u0001");
        assertThat(o.getString("exception")).startsWith("java.lang.IllegalStateException: boom\nsecond line")
                .contains("at io.queuelens.ops.control.JsonLogFormatterTest");
        assertThat(o.isNull("logger")).isTrue();
    }

    @Test
    void formatSettingIsTextOrJson() {
        assertThat(LogSetup.formatter("json")).isInstanceOf(JsonLogFormatter.class);
        assertThat(LogSetup.formatter(" JSON ")).isInstanceOf(JsonLogFormatter.class);
        assertThat(LogSetup.formatter("text")).isInstanceOf(java.util.logging.SimpleFormatter.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogSetup.formatter("xml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("QUEUELENS_LOG_FORMAT");
    }

    private static JsonObject parse(String line) {
        return Json.createReader(new StringReader(line)).readObject();
    }
}
