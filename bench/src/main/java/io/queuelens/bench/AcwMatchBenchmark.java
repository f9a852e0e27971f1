package io.queuelens.bench;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.rollups.control.AfterCallWorkMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * After-call work matched over one agent's month, as the agents report and a settlement of a month do:
 * 3,000 answered calls, an ACW pause two seconds after each, settings looked up in a history by the
 * call's entry (as {@code KpiSettingsHistory} does).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AcwMatchBenchmark {

    private final List<QueueVisit> visits = new ArrayList<>();
    private final List<AgentPause> pauses = new ArrayList<>();
    private final TreeMap<Instant, KpiSettings> history = new TreeMap<>(Map.of(Instant.EPOCH, KpiSettings.DEFAULTS));

    @Setup
    public void setUp() {
        Instant first = Instant.parse("2026-03-01T08:00:00Z");
        for (int i = 0; i < 3_000; i++) {
            Instant entered = first.plusSeconds(i * 800L);
            Instant connected = entered.plusSeconds(10);
            visits.add(new QueueVisit("acme", "demo", "c" + i, 1, "q", "+1", null, null, entered, connected,
                    connected.plusSeconds(300), Outcome.ANSWERED, 10, 3, 300, 0, "A1", false, null, "CALLER", null, 1, 0, null));
            pauses.add(new AgentPause("acme", "demo", "A1", "q", "ACW", connected.plusSeconds(302), connected.plusSeconds(360)));
        }
    }

    @Benchmark
    public Map<String, AgentPause> agentMonth() {
        return AfterCallWorkMatcher.match(visits, pauses, v -> history.floorEntry(v.enteredAt()).getValue());
    }
}
