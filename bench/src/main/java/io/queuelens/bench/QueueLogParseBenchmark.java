package io.queuelens.bench;

import io.queuelens.calls.control.FactSink;
import io.queuelens.calls.control.QueueLogParser;
import io.queuelens.calls.control.VisitAssembler;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.Rejected;
import io.queuelens.calls.entity.RingNoAnswer;
import io.queuelens.sources.demo.control.ContactCenterSimulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * queue_log lines per second through the parser alone and through parser + visit assembler, on one
 * core (the import's budget: well over 1 million lines/s to parse, and the end-to-end import into
 * MariaDB must reach 100,000 lines/s). The input is the demo contact center's own queue_log, weekdays
 * from a Tuesday with 200 agents, held in memory as file lines so no I/O is measured. Scores are lines/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QueueLogParseBenchmark {

    /** Lines per invocation: the first LINES lines of the simulated days, in file order. */
    static final int LINES = 200_000;

    private String[] lines;

    @Setup
    public void setUp() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Instant start = ZonedDateTime.of(2025, 3, 4, 0, 0, 0, 0, zone).toInstant();
        List<String> out = new ArrayList<>(LINES + 10_000);
        ContactCenterSimulation sim = ContactCenterSimulation.queueLogOnly(42, start, zone, 200,
                row -> out.add(row.toFileLine()));
        for (Instant t = start; out.size() < LINES; ) {
            t = t.plus(Duration.ofHours(1));
            sim.advanceTo(t);
        }
        lines = out.subList(0, LINES).toArray(new String[0]);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parse(Blackhole bh) {
        QueueLogParser parser = new QueueLogParser();
        for (int i = 0; i < lines.length; i++) {
            bh.consume(parser.parseLine(i + 1, lines[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long parseAndAssemble(Blackhole bh) {
        QueueLogParser parser = new QueueLogParser();
        ConsumingSink sink = new ConsumingSink(bh);
        VisitAssembler assembler = new VisitAssembler("bench", "bench", sink);
        for (int i = 0; i < lines.length; i++) {
            assembler.accept(parser.parseLine(i + 1, lines[i]));
        }
        assembler.flush();
        if (sink.rejected > 0) {
            throw new IllegalStateException(sink.rejected + " rejected lines in the demo's own log");
        }
        return sink.facts;
    }

    /** Hands every fact to the blackhole, as a writer would read it. */
    static final class ConsumingSink implements FactSink {
        private final Blackhole bh;
        long facts;
        long rejected;

        ConsumingSink(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void visit(QueueVisit visit) {
            facts++;
            bh.consume(visit);
        }

        @Override
        public void session(AgentSession session) {
            facts++;
            bh.consume(session);
        }

        @Override
        public void pause(AgentPause pause) {
            facts++;
            bh.consume(pause);
        }

        @Override
        public void ringNoAnswer(RingNoAnswer ring) {
            facts++;
            bh.consume(ring);
        }

        @Override
        public void unknown(QueueLogEvent event) {
            bh.consume(event);
        }

        @Override
        public void rejected(Rejected r) {
            rejected++;
        }
    }
}
