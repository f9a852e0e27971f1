package io.queuelens.ops.boundary;

import io.queuelens.ops.entity.ApiCalls;
import io.queuelens.ops.entity.OpsStatus;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceKind;
import io.queuelens.sources.boundary.SourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsRowTest {

    private static final Instant AT = Instant.parse("2026-12-04T19:00:00Z");

    /** A source that calls an API shows its calls; it is seen only through the two interfaces. */
    record ApiSource(ApiCalls calls) implements Source, ApiCallStatistics {
        public String tenantId() { return "acme"; }
        public String name() { return "cloud"; }
        public SourceKind kind() { return SourceKind.GENESYS; }
        public SourceStatus status() {
            return new SourceStatus(SourceStatus.State.RECONNECTING, false, "token refused", AT, Map.of("events", 7L, "reconnects", 2L));
        }
        public ApiCalls apiCalls() { return calls; }
    }

    record PlainSource() implements Source {
        public String tenantId() { return "demo"; }
        public String name() { return "pbx1-ami"; }
        public SourceKind kind() { return SourceKind.ASTERISK; }
        public SourceStatus status() {
            return new SourceStatus(SourceStatus.State.CONNECTED, true, "logged in", null,
                    Map.of("events", 100L, "eventsPerSecond", 12L, "reconnects", 0L));
        }
    }

    @Test
    void aSourceWithApiCallStatisticsShowsItsCalls() {
        ApiCalls calls = new ApiCalls(40, 3, 1, 120, AT);
        OpsStatus.SourceRow row = Operations.row(new ApiSource(calls), -1);
        assertThat(row).isEqualTo(new OpsStatus.SourceRow("acme", "cloud", "GENESYS", "RECONNECTING", false, "token refused",
                AT, 7, 2, 0, -1, calls));
    }

    @Test
    void aSourceWithoutApiCallsHasNone() {
        OpsStatus.SourceRow row = Operations.row(new PlainSource(), 40);
        assertThat(row.apiCalls()).isNull();
        assertThat(row.events()).isEqualTo(100);
        assertThat(row.eventsPerSecond()).isEqualTo(12);
        assertThat(row.state()).isEqualTo("CONNECTED");
        assertThat(row.lagP99Millis()).isEqualTo(40);
    }
}
