package io.queuelens.bench;

import io.queuelens.sources.demo.control.AmiFrameReader;
import io.queuelens.sources.demo.control.AmiFrameWriter;
import io.queuelens.sources.demo.entity.AmiMessage;
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

import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;

/**
 * How many AMI event frames per second the project's codec writes and reads (the demo AMI server's
 * cost per event; the Live issue's bar is 20,000 events/s end to end). A typical AgentConnect frame
 * of Asterisk 22 with both channel snapshots, ~1 KB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AmiCodecBenchmark {

    private AmiMessage message;
    private String frame;

    @Setup
    public void setUp() {
        AmiMessage.Builder b = AmiMessage.event("AgentConnect");
        snapshot(b, "", "PJSIP/trunk-00000a1f", "4915112345678", "1700000000.1234");
        snapshot(b, "Dest", "Local/1001@from-queue-00000b2c;1", "1001", "1700000000.1240");
        b.add("Queue", "support").add("MemberName", "Agent 1001").add("Interface", "Local/1001@from-queue/n")
                .add("HoldTime", 12).add("RingTime", 4);
        message = b.build();
        frame = AmiFrameWriter.encode(message);
    }

    private static void snapshot(AmiMessage.Builder b, String prefix, String channel, String number, String uniqueid) {
        b.add(prefix + "Channel", channel).add(prefix + "ChannelState", 6).add(prefix + "ChannelStateDesc", "Up")
                .add(prefix + "CallerIDNum", number).add(prefix + "CallerIDName", "Caller " + number)
                .add(prefix + "ConnectedLineNum", "<unknown>").add(prefix + "ConnectedLineName", "<unknown>")
                .add(prefix + "Language", "en").add(prefix + "AccountCode", "").add(prefix + "Context", "from-queue")
                .add(prefix + "Exten", "support").add(prefix + "Priority", 1).add(prefix + "Uniqueid", uniqueid)
                .add(prefix + "Linkedid", uniqueid);
    }

    @Benchmark
    public byte[] encode() {
        return AmiFrameWriter.encodeBytes(message);
    }

    @Benchmark
    public AmiMessage parse() throws IOException {
        try (AmiFrameReader reader = new AmiFrameReader(new StringReader(frame))) {
            return reader.read();
        }
    }
}
